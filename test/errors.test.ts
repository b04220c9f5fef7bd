import { describe, expect, it } from 'vitest';
import { actionFor, apiErrors, enrichError, GENERIC_ACTION } from '../src/errors.js';

const code = (n: number): string => `ERR${String(n).padStart(3, '0')}`;
const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => code(from + i));

const API_CODES = [...range(1, 13), ...range(19, 33)];
const UNDEFINED_CODES = range(14, 18);
const LIBRARY_CODES = ['ERR_INVALID_INPUT', 'NETWORK', 'TIMEOUT', 'ABORTED', 'BAD_RESPONSE', 'INTERRUPTED'];

describe('apiErrors', () => {
  it('is frozen', () => {
    expect(Object.isFrozen(apiErrors)).toBe(true);
    expect(() => {
      (apiErrors as Record<string, string>).ERR001 = 'changed';
    }).toThrow(TypeError);
    expect(apiErrors.ERR001).not.toBe('changed');
  });

  it.each(API_CODES)('defines the API code %s with a non-empty action', (c) => {
    expect(Object.prototype.hasOwnProperty.call(apiErrors, c)).toBe(true);
    expect(apiErrors[c]?.trim()).not.toBe('');
  });

  it.each(UNDEFINED_CODES)('does not define %s (not an API code)', (c) => {
    expect(Object.prototype.hasOwnProperty.call(apiErrors, c)).toBe(false);
  });

  it.each(LIBRARY_CODES)('defines the library code %s', (c) => {
    expect(apiErrors[c]?.trim()).toMatch(/\S/);
  });

  it('holds exactly the API codes and the library codes', () => {
    expect(Object.keys(apiErrors).sort()).toEqual([...API_CODES, ...LIBRARY_CODES].sort());
  });

  it('says the page limit is 7 (not 6) in ERR012', () => {
    expect(apiErrors.ERR012).toMatch(/\b7 pages\b/);
    expect(apiErrors.ERR012).not.toMatch(/\b6\b/);
  });

  it('mentions the 15-second wait in ERR028', () => {
    expect(apiErrors.ERR028).toMatch(/15 seconds/);
  });
});

describe('actionFor', () => {
  it.each([...API_CODES, ...LIBRARY_CODES])('%s -> its table entry', (c) => {
    expect(actionFor(c)).toBe(apiErrors[c]);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'ERR014', 'ERR999', '', 'err001'])(
    '%j -> undefined (not an own key)',
    (c) => {
      expect(actionFor(c)).toBeUndefined();
    },
  );

  it('has a non-empty generic action for unknown codes', () => {
    expect(GENERIC_ACTION).toMatch(/\S/);
  });
});

describe('enrichError', () => {
  it('returns a new object with the action, leaving the input untouched', () => {
    const input = { result: 'ERROR', code: 'ERR003', description: 'Authentication error' };
    const frozen = Object.freeze({ ...input });
    const out = enrichError(frozen);
    expect(out).not.toBe(frozen);
    expect(out).toEqual({ ...input, action: apiErrors.ERR003 });
    expect(frozen).toEqual(input);
    expect('action' in frozen).toBe(false);
  });

  it('keeps extra fields', () => {
    const out = enrichError({ result: 'ERROR', code: 'ERR028', description: 'd', extra: 42 });
    expect(out.extra).toBe(42);
    expect(out.action).toMatch(/15 seconds/);
  });

  it('leaves an OK response alone (same object)', () => {
    const ok = { result: 'OK', code: 'ERR003' };
    expect(enrichError(ok)).toBe(ok);
    expect('action' in ok).toBe(false);
  });

  it.each(['ERR999', 'ERR014', 'constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'])(
    'leaves the unknown code %j alone (same object, no action)',
    (c) => {
      const response = { result: 'ERROR', code: c, description: 'x' };
      const out = enrichError(response);
      expect(out).toBe(response);
      expect(Object.prototype.hasOwnProperty.call(out, 'action')).toBe(false);
    },
  );

  it('leaves a response without a code alone', () => {
    const response = { result: 'ERROR', description: 'no code' };
    expect(enrichError(response)).toBe(response);
  });

  it.each([...API_CODES, ...LIBRARY_CODES])('adds the table action for %s', (c) => {
    expect(enrichError({ result: 'ERROR', code: c }).action).toBe(apiErrors[c]);
  });
});
