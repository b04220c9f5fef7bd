#!/usr/bin/env node
/**
 * The `kwtsms` command. Exit status: 0 success, 1 the call returned an error
 * result, 2 a usage error, 130 a cancelled password prompt.
 *
 * @example
 * // npx kwtsms --fake send 96598765432 "Hello" --json
 * @module
 */
import { main } from './main.js';
import { processHost } from './host.js';

// `kwtsms ... | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), processHost());
