import { describe, expect, it } from 'vitest';
import { formatError, formatPairs, formatTable, toJson } from '../../src/cli/output.js';

describe('formatTable', () => {
  it.each([
    [[], undefined, ''],
    [[['a', 'b']], undefined, 'a  b\n'],
    [
      [
        ['96598765432', 'OK'],
        ['123', 'too short'],
      ],
      ['NUMBER', 'STATUS'],
      'NUMBER       STATUS\n96598765432  OK\n123          too short\n',
    ],
    [[['x', ''], ['longer', 'y']], undefined, 'x\nlonger  y\n'],
    [[['a', 1, true, null, undefined, 'z']], undefined, 'a  1  yes      z\n'],
    // Code points, not UTF-16 units: the emoji is one column.
    [[['\u{1F389}', 'a'], ['bb', 'c']], undefined, '\u{1F389}   a\nbb  c\n'],
  ])('%j', (rows, header, expected) => {
    expect(formatTable(rows, header)).toBe(expected);
  });

  it('indents every line', () => {
    expect(formatTable([['a', 'b'], ['cc', 'd']], undefined, 2)).toBe('  a   b\n  cc  d\n');
  });
});

describe('formatPairs', () => {
  it('aligns values and leaves out undefined ones', () => {
    expect(formatPairs([['result', 'OK'], ['msg-id', undefined], ['numbers', 2], ['balance', null]])).toBe(
      'result   OK\nnumbers  2\nbalance\n',
    );
  });
});

describe('toJson', () => {
  it('prints one indented document with a final newline', () => {
    expect(toJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}\n');
    expect(toJson(998)).toBe('998\n');
    expect(toJson(null)).toBe('null\n');
    expect(toJson(undefined)).toBe('null\n');
  });

  it('turns errors (a result cause) and bigints into strings', () => {
    const parsed = JSON.parse(toJson({ result: 'ERROR', cause: new TypeError('fetch failed'), n: 1n })) as unknown;
    expect(parsed).toEqual({ result: 'ERROR', cause: 'TypeError: fetch failed', n: '1' });
  });
});

describe('formatError', () => {
  it.each([
    [{ code: 'ERR003', description: 'Authentication error', action: 'Check it.' }, 'Error ERR003: Authentication error\nAction: Check it.\n'],
    [{ description: 'Broken' }, 'Error: Broken\n'],
    [{ code: 'X', action: '' }, 'Error X: The call failed.\n'],
  ])('%j', (fields, expected) => {
    expect(formatError(fields)).toBe(expected);
  });
});
