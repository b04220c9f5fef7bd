/**
 * What the tool needs from the process: environment, terminal and output.
 * Commands take it as a value, so they never reach for `process` directly
 * and the same code runs under tests with captured output.
 */
import type { TerminalInput } from './prompt.js';

/** The process as the commands see it. */
export interface Host {
  env: Record<string, string | undefined>;
  /** Standard input, for the password prompt; `isTTY` tells whether one may be shown. */
  stdin: TerminalInput;
  /** Whether stderr is a terminal: the progress bar is drawn only there (unless forced). */
  stderrIsTTY: boolean;
  /** Writes to stdout. */
  out(text: string): void;
  /** Writes to stderr: notices, progress, prompts and errors. */
  err(text: string): void;
}

/**
 * The real process.
 *
 * @example
 * const host = processHost();
 * host.out('hello\n');
 */
export function processHost(): Host {
  return {
    env: process.env,
    stdin: process.stdin,
    stderrIsTTY: process.stderr.isTTY === true,
    out: (text) => {
      process.stdout.write(text);
    },
    err: (text) => {
      process.stderr.write(text);
    },
  };
}
