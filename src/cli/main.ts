/**
 * The tool as a function: argv and a host in, an exit status out. Kept apart
 * from `index.ts` (which only wires it to the process) so tests can run it
 * in-process with captured output.
 */
import { flushLogs } from '../log.js';
import { parseCommandLine, UsageError } from './args.js';
import { runCommand } from './commands.js';
import { Cancelled } from './connect.js';
import { HELP, SHORT_USAGE } from './help.js';
import type { Host } from './host.js';

// Replaced by the package.json version when tsup builds the CLI (see tsup.config.ts), and by
// vitest's `define` in tests; 'development' only when run straight from source.
declare const __KWTSMS_VERSION__: string | undefined;

/**
 * The package version, written into the CLI at build time.
 *
 * @example
 * VERSION; // '0.1.0'
 */
export const VERSION: string = typeof __KWTSMS_VERSION__ === 'string' ? __KWTSMS_VERSION__ : 'development';

/**
 * Runs the tool on argv and returns the exit status; never throws.
 *
 * @param argv the arguments after the script name
 * @param host the process (environment, terminal, output)
 * @example
 * process.exitCode = await main(process.argv.slice(2), processHost());
 */
export async function main(argv: readonly string[], host: Host): Promise<number> {
  try {
    const line = parseCommandLine(argv);
    if (line.flags.version) {
      host.out(`${VERSION}\n`);
      return 0;
    }
    if (line.flags.help || line.command === 'help') {
      host.out(HELP);
      return 0;
    }
    if (line.command === undefined) throw new UsageError('Missing command');
    return await runCommand(line, host);
  } catch (error) {
    if (error instanceof UsageError) {
      host.err(`kwtsms: ${error.message}\n\n${SHORT_USAGE}`);
      return 2;
    }
    if (error instanceof Cancelled) return 130;
    // A bug, not a user mistake: say so plainly. Library errors never hold the password.
    host.err(`kwtsms: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  } finally {
    // KWTSMS_LOG_FILE appends are asynchronous: finish them before the process ends.
    await flushLogs();
  }
}

