/**
 * The command line, read into a command, its arguments and the flags.
 * Pure: argv in, a value or a UsageError out. `parseArgs` runs non-strict
 * so that every message is ours: strict mode quotes the offending token,
 * and the token could hold a password.
 */
import { parseArgs } from 'node:util';

/**
 * The flags the tool knows; every one may appear anywhere on the line.
 *
 * @example
 * const flags: Flags = { json: true, fake: true, test: false, help: false, version: false, sender: 'MY-APP' };
 */
export interface Flags {
  /** Print one JSON document on stdout instead of text. */
  json: boolean;
  /** Use the built-in fake gateway even when credentials are configured. */
  fake: boolean;
  /** Test mode: messages are queued, never delivered. */
  test: boolean;
  help: boolean;
  version: boolean;
  /** Sender ID for this run, overriding `KWTSMS_SENDER_ID`. */
  sender?: string;
  /** A file of numbers for `send`. */
  file?: string;
}

/**
 * What the command line asked for.
 *
 * @example
 * const line: CommandLine = parseCommandLine(['status', 'f4c8…', '--json']);
 * line.command; // 'status'
 */
export interface CommandLine {
  /** The first positional argument, `undefined` when there is none. */
  command: string | undefined;
  /** The positional arguments after the command. */
  args: string[];
  flags: Flags;
}

/**
 * A mistake on the command line: the tool prints the message and the short usage, and exits 2.
 *
 * @example
 * throw new UsageError("Unknown command 'sned'");
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

const OPTIONS = {
  json: { type: 'boolean' },
  fake: { type: 'boolean' },
  test: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  sender: { type: 'string' },
  file: { type: 'string' },
} as const;

type BooleanFlag = 'json' | 'fake' | 'test' | 'help' | 'version';
type StringFlag = 'sender' | 'file';

const BOOLEAN_FLAGS: ReadonlySet<string> = new Set<BooleanFlag>(['json', 'fake', 'test', 'help', 'version']);
const STRING_FLAGS: ReadonlySet<string> = new Set<StringFlag>(['sender', 'file']);

function isBooleanFlag(name: string): name is BooleanFlag {
  return BOOLEAN_FLAGS.has(name);
}

function isStringFlag(name: string): name is StringFlag {
  return STRING_FLAGS.has(name);
}

// Long spellings people reach for; matched case-insensitively, with or without '=value'.
const LONG_PASSWORD = /^--(password|passwd|pass|pwd|pw)(=|$)/i;
// '-p', '-psecret', or a group of our short flags ending in p ('-hp').
const SHORT_PASSWORD = /^-[hv]*[pP]/;

/**
 * Whether argv tries to pass a password as a flag, in any spelling. Scanning stops at `--`, after
 * which everything is a positional argument.
 *
 * @example
 * hasPasswordFlag(['verify', '--password=hunter2']); // true
 * hasPasswordFlag(['send', '96598765432', '--', '-p']); // false: after '--' it is the message
 */
export function hasPasswordFlag(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (LONG_PASSWORD.test(arg) || SHORT_PASSWORD.test(arg)) return true;
  }
  return false;
}

/**
 * Shown instead of anything the user typed: the value after the flag is a secret.
 *
 * @example
 * if (hasPasswordFlag(argv)) throw new UsageError(PASSWORD_FLAG_MESSAGE);
 */
export const PASSWORD_FLAG_MESSAGE =
  'The password cannot be given on the command line (shell history and process lists would keep it). ' +
  'Set KWTSMS_PASSWORD in the environment or in .env; with only KWTSMS_USERNAME set, kwtsms asks for it.';

/**
 * Reads argv (without `node` and the script). Flags may come anywhere; `--` ends them, so a message
 * that starts with '-' can follow it.
 *
 * @param argv `process.argv.slice(2)`
 * @throws UsageError for an unknown flag, a flag missing its value, a value given to a yes/no flag,
 *   or a password flag; no message repeats a value the user typed
 * @example
 * parseCommandLine(['send', '--json', '96598765432', 'Hello']);
 * // { command: 'send', args: ['96598765432', 'Hello'], flags: { json: true, fake: false, ... } }
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  if (hasPasswordFlag(argv)) throw new UsageError(PASSWORD_FLAG_MESSAGE);
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const flags: Flags = { json: false, fake: false, test: false, help: false, version: false };
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    // rawName never includes an inline '=value', so no value is echoed.
    const { name, rawName, value, inlineValue } = token;
    if (isBooleanFlag(name)) {
      if (inlineValue === true) throw new UsageError(`Option '${rawName}' takes no value`);
      flags[name] = true;
      continue;
    }
    if (!isStringFlag(name)) throw new UsageError(`Unknown option '${rawName}'`);
    // Non-strict parseArgs takes the next token as the value even when it is another flag.
    if (value === undefined || value === '' || (inlineValue !== true && value.startsWith('-'))) {
      throw new UsageError(`Option '${rawName}' needs a value`);
    }
    flags[name] = value;
  }
  const [command, ...args] = positionals;
  return { command, args, flags };
}
