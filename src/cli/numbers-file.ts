/**
 * The numbers file of `send --file`: read from disk, split into entries.
 * Entries are kept as written (trimmed), so a rejected one is reported the
 * way it appears in the file.
 */
import { readFileSync } from 'node:fs';
import { splitNumbers } from '../recipients.js';
import { UsageError } from './args.js';

/**
 * Splits a numbers file: one number a line, commas and semicolons also separate; blank lines and
 * lines starting with '#' are skipped. A '#' after the number starts a comment too.
 *
 * @example
 * parseNumbersFile('# staff\n96598765432\n96550000000, 96560000000 # team\n\n');
 * // ['96598765432', '96550000000', '96560000000']
 */
export function parseNumbersFile(text: string): string[] {
  const content = text.replace(/^\uFEFF/, '').replace(/#[^\n]*/g, '');
  // splitNumbers gives [''] for a text with no number; a file like that holds none.
  return /[^\s,;]/.test(content) ? splitNumbers(content) : [];
}

/**
 * Reads and splits a numbers file.
 *
 * @throws UsageError when the file cannot be read or holds no number
 * @example
 * const numbers = readNumbersFile('numbers.txt');
 */
export function readNumbersFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code: unknown = error instanceof Error ? Reflect.get(error, 'code') : undefined;
    const reason = typeof code === 'string' ? code : 'unreadable';
    throw new UsageError(`Cannot read the numbers file '${path}' (${reason})`);
  }
  const numbers = parseNumbersFile(text);
  if (numbers.length === 0) throw new UsageError(`The numbers file '${path}' holds no number`);
  return numbers;
}
