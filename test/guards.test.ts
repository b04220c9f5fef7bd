import { describe, expect, it } from 'vitest';
import { isObject, isRecord, nonEmpty } from '../src/guards.js';

describe('isObject and isRecord', () => {
  it.each([
    [{}, true, true],
    [{ a: 1 }, true, true],
    [Object.create(null), true, true],
    [[], true, false],
    [new Date(0), true, true],
    [null, false, false],
    [undefined, false, false],
    ['{}', false, false],
    [1, false, false],
    [() => {}, false, false],
  ])('%j: object %s, record %s', (value, object, record) => {
    expect(isObject(value)).toBe(object);
    expect(isRecord(value)).toBe(record);
  });
});

describe('nonEmpty', () => {
  it.each([
    ['abc', 'abc'],
    [' ', ' '],
    ['', undefined],
    [undefined, undefined],
    [null, undefined],
    [0, undefined],
  ])('%j -> %j', (value, expected) => {
    expect(nonEmpty(value)).toBe(expected);
  });
});
