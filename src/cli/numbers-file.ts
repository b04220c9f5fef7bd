/**
 * The numbers file of `send --file`: read from disk, split into entries.
 * Entries are kept as written (trimmed), so a rejected one is reported the
 * way it appears in the file.
 */
import { readFileSync } from 'node:fs';
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
  const numbers: string[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const hash = line.indexOf('#');
    const content = hash === -1 ? line : line.slice(0, hash);
    for (const piece of content.split(/[,;]/)) {
      const entry = piece.trim();
      if (entry !== '') numbers.push(entry);
    }
  }
  return numbers;
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
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new UsageError(`Cannot read the numbers file '${path}' (${reason})`);
  }
  const numbers = parseNumbersFile(text);
  if (numbers.length === 0) throw new UsageError(`The numbers file '${path}' holds no number`);
  return numbers;
}
