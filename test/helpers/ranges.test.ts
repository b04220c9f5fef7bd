import { describe, expect, it } from 'vitest';
import { parseRanges, sortedAndMerged } from './ranges.js';

describe('parseRanges and sortedAndMerged', () => {
  it('reads single code points and ranges', () => {
    expect(parseRanges('ad 200e-200f 1f000-1faff')).toEqual([
      [0xad, 0xad],
      [0x200e, 0x200f],
      [0x1f000, 0x1faff],
    ]);
  });

  it('refuses anything else', () => {
    expect(() => parseRanges('ad  200e')).toThrow('not a range: ""');
    expect(() => parseRanges('U+00AD')).toThrow('not a range');
  });

  it.each([
    [[[1, 2], [4, 5]], true],
    [[[1, 2], [3, 5]], false],
    [[[4, 5], [1, 2]], false],
    [[[2, 1]], false],
    [[[1, 0x110000]], false],
  ] as const)('%j -> %s', (ranges, expected) => {
    expect(sortedAndMerged(ranges, 0x10ffff)).toBe(expected);
  });
});
