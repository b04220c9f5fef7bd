import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../../src/otp/compare.js';

describe('constantTimeEqual', () => {
  it.each([
    ['a'.repeat(64), 'a'.repeat(64), true],
    ['', '', true],
    ['a'.repeat(64), `${'a'.repeat(63)}b`, false],
    ['a'.repeat(64), `b${'a'.repeat(63)}`, false],
    ['a'.repeat(64), 'a'.repeat(63), false],
    ['a'.repeat(63), 'a'.repeat(64), false],
    ['abc', '', false],
    ['', 'abc', false],
  ])('%j vs %j -> %s', (a, b, equal) => {
    expect(constantTimeEqual(a, b)).toBe(equal);
  });
});
