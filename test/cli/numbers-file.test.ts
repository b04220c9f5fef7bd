import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.js';
import { parseNumbersFile, readNumbersFile } from '../../src/cli/numbers-file.js';

describe('parseNumbersFile', () => {
  it.each([
    ['', []],
    ['96598765432', ['96598765432']],
    ['96598765432\n96550123456\n', ['96598765432', '96550123456']],
    ['\uFEFF# list\r\n 96598765432 \r\n\r\n', ['96598765432']],
    ['a, b;c\n, ,;\n', ['a', 'b', 'c']],
    ['96598765432 # boss\n#96550123456\n  # indented comment', ['96598765432']],
    ['+965 9876 5432\n123', ['+965 9876 5432', '123']],
  ])('%j', (text, expected) => {
    expect(parseNumbersFile(text)).toEqual(expected);
  });
});

describe('readNumbersFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kwtsms-numbers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the numbers', () => {
    const path = join(dir, 'ok.txt');
    writeFileSync(path, '96598765432\n96550123456');
    expect(readNumbersFile(path)).toEqual(['96598765432', '96550123456']);
  });

  it('is a usage error when the file is missing or holds no number', () => {
    expect(() => readNumbersFile(join(dir, 'missing.txt'))).toThrow(UsageError);
    expect(() => readNumbersFile(join(dir, 'missing.txt'))).toThrow(/\(ENOENT\)/);
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '# nothing\n\n');
    expect(() => readNumbersFile(empty)).toThrow(new UsageError(`The numbers file '${empty}' holds no number`));
  });
});
