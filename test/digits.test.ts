import { describe, expect, it } from 'vitest';
import { foldDigits, latinDigit } from '../src/digits.js';

describe('latinDigit', () => {
  it.each([
    ['٠', '0'],
    ['٩', '9'],
    ['۰', '0'],
    ['۹', '9'],
    ['5', undefined],
    ['x', undefined],
    ['', undefined],
    ['٠٠', undefined],
  ])('%j -> %j', (input, expected) => {
    expect(latinDigit(input)).toBe(expected);
  });
});

describe('foldDigits', () => {
  it.each([
    ['٩٦٥٩٨٧٦٥٤٣٢', '96598765432'],
    ['۹۶۵ ۹۸۷۶', '965 9876'],
    ['code ١٢٣٤ ok', 'code 1234 ok'],
    ['no digits', 'no digits'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(foldDigits(input)).toBe(expected);
  });
});
