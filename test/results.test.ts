import { describe, expect, it } from 'vitest';
import { apiErrors } from '../src/errors.js';
import { failure, type ApiOutcome } from '../src/errors.js';
import { assembleSend, readCoverage, readReport, readSend, toNumber, toStringList } from '../src/results.js';

describe('toNumber', () => {
  it.each([
    [5, 5],
    [0, 0],
    [-2.5, -2.5],
    ['5', 5],
    [' 7.5 ', 7.5],
    ['1e3', 1000],
    ['0', 0],
    ['', undefined],
    ['   ', undefined],
    ['abc', undefined],
    ['12abc', undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
    ['Infinity', undefined],
    [null, undefined],
    [undefined, undefined],
    [true, undefined],
    [[5], undefined],
    [{}, undefined],
  ])('%j -> %s', (value, expected) => {
    expect(toNumber(value)).toBe(expected);
  });
});

describe('toStringList', () => {
  it.each([
    [['a', 'b'], ['a', 'b']],
    [['965', 966, 'x'], ['965', '966', 'x']],
    [[null, {}, 'a', Number.NaN, true], ['a']],
    [[], []],
  ])('%j -> %j', (value, expected) => {
    expect(toStringList(value)).toEqual(expected);
  });

  it.each([undefined, null, 'a,b', 5, { 0: 'a' }])('%j -> undefined (not an array)', (value) => {
    expect(toStringList(value)).toBeUndefined();
  });
});

describe('readSend', () => {
  it('reads an OK send answer', () => {
    expect(
      readSend({ result: 'OK', 'msg-id': 'abc', numbers: 2, 'points-charged': 2, 'balance-after': 180, 'unix-timestamp': 1684763355 }),
    ).toEqual({ ok: true, msgId: 'abc', numbers: 2, pointsCharged: 2, balanceAfter: 180, unixTimestamp: 1684763355 });
  });

  it('accepts numbers sent as strings', () => {
    expect(readSend({ 'msg-id': 'abc', numbers: '3', 'points-charged': '6', 'balance-after': '94', 'unix-timestamp': '1' })).toEqual({
      ok: true,
      msgId: 'abc',
      numbers: 3,
      pointsCharged: 6,
      balanceAfter: 94,
      unixTimestamp: 1,
    });
  });

  it('leaves optional fields undefined', () => {
    expect(readSend({ 'msg-id': 'abc', numbers: 1, 'points-charged': 1 })).toEqual({
      ok: true,
      msgId: 'abc',
      numbers: 1,
      pointsCharged: 1,
      balanceAfter: undefined,
      unixTimestamp: undefined,
    });
  });

  it.each([
    ['no msg-id', { numbers: 1, 'points-charged': 1 }],
    ['empty msg-id', { 'msg-id': '', numbers: 1, 'points-charged': 1 }],
    ['numeric msg-id', { 'msg-id': 5, numbers: 1, 'points-charged': 1 }],
    ['no numbers', { 'msg-id': 'a', 'points-charged': 1 }],
    ['no points-charged', { 'msg-id': 'a', numbers: 1 }],
    ['garbage numbers', { 'msg-id': 'a', numbers: 'x', 'points-charged': 1 }],
  ])('%s -> BAD_RESPONSE', (_name, data) => {
    expect(readSend(data)).toMatchObject({ ok: false, code: 'BAD_RESPONSE', action: apiErrors.BAD_RESPONSE });
  });
});

describe('readCoverage', () => {
  it.each([
    ['prefixes: string[]', { prefixes: ['965', '966'] }, ['965', '966']],
    ['coverage: string[]', { coverage: ['965', '971'] }, ['965', '971']],
    ['coverage: [{prefix}]', { coverage: [{ prefix: '965' }, { prefix: '44' }] }, ['965', '44']],
    ['coverage: [{Prefix}]', { coverage: [{ Prefix: '965' }, { Prefix: '1' }] }, ['965', '1']],
    ['list', { list: ['965', '20'] }, ['965', '20']],
    ['countries', { countries: ['965'] }, ['965']],
    ['numbers as items', { prefixes: [965, 966] }, ['965', '966']],
    ['numeric prefix objects', { coverage: [{ prefix: 965 }, { Prefix: 44 }] }, ['965', '44']],
    ['objects with other fields', { countries: [{ prefix: '965', name: 'Kuwait' }] }, ['965']],
    ['mixed items', { list: ['965', 966, { prefix: '44' }, { Prefix: '1' }] }, ['965', '966', '44', '1']],
    ['trimmed strings', { prefixes: [' 965 '] }, ['965']],
    ['unusable items dropped', { prefixes: ['', '  ', null, {}, { name: 'x' }, Number.NaN, true, '965'] }, ['965']],
    ['empty list', { prefixes: [] }, []],
    ['first array key wins', { prefixes: 'not-a-list', coverage: ['965'] }, ['965']],
  ])('%s', (_name, data, expected) => {
    expect(readCoverage(data)).toEqual(expected);
  });

  it.each([{}, { result: 'OK' }, { prefixes: '965' }, { coverage: { prefix: '965' } }])('%j -> undefined', (data) => {
    expect(readCoverage(data)).toBeUndefined();
  });
});

describe('readReport', () => {
  it.each([
    ['Number/Status', { report: [{ Number: '96598765432', Status: 'DELIVERED' }] }, [{ number: '96598765432', status: 'DELIVERED' }]],
    ['number/status', { report: [{ number: '96598765432', status: 'FAILED' }] }, [{ number: '96598765432', status: 'FAILED' }]],
    ['numeric Number', { report: [{ Number: 447911123456, Status: 'SENT' }] }, [{ number: '447911123456', status: 'SENT' }]],
    [
      'both cases in one list',
      { report: [{ Number: '1', Status: 'A' }, { number: '2', status: 'B' }] },
      [
        { number: '1', status: 'A' },
        { number: '2', status: 'B' },
      ],
    ],
    ['malformed lines skipped', { report: [null, 'x', { Number: '1' }, { Status: 'A' }, { Number: '2', Status: 3 }] }, []],
    ['empty', { report: [] }, []],
  ])('%s', (_name, data, expected) => {
    expect(readReport(data)).toEqual(expected);
  });

  it.each([{}, { report: 'x' }, { report: { Number: '1', Status: 'A' } }])('%j -> undefined', (data) => {
    expect(readReport(data)).toBeUndefined();
  });
});

describe('assembleSend', () => {
  const ok = (id: string, n: number, balanceAfter?: number): ApiOutcome => ({
    ok: true,
    data: { result: 'OK', 'msg-id': id, numbers: n, 'points-charged': n * 2, 'balance-after': balanceAfter, 'unix-timestamp': 1_700_000_000 },
  });
  const batches = [['a1', 'a2'], ['b1'], ['c1', 'c2', 'c3']];

  it('adds up accepted batches in order', () => {
    const r = assembleSend(batches, [ok('m1', 2, 98), ok('m2', 1, 97), ok('m3', 3, 94)], []);
    expect(r).toEqual({
      result: 'OK',
      msgId: 'm1',
      msgIds: ['m1', 'm2', 'm3'],
      numbers: 6,
      pointsCharged: 12,
      balanceAfter: 94,
      unixTimestamp: 1_700_000_000,
      batches: 3,
      errors: [],
      invalid: [],
    });
    expect(r).not.toHaveProperty('code');
  });

  it('is PARTIAL with the failed batch and its numbers when some batches fail', () => {
    const err = failure('ERR011', 'Insufficient balance');
    const r = assembleSend(batches, [ok('m1', 2), err, ok('m3', 3)], [{ input: '1', error: 'e' }]);
    expect(r.result).toBe('PARTIAL');
    expect(r.msgIds).toEqual(['m1', 'm3']);
    expect(r.msgId).toBe('m1');
    expect(r.errors).toEqual([{ batch: 2, code: 'ERR011', description: 'Insufficient balance', action: apiErrors.ERR011, numbers: ['b1'] }]);
    expect(r.code).toBe('ERR011');
    expect(r.action).toBe(apiErrors.ERR011);
    expect(r.description).toContain('Insufficient balance');
    expect(r.description).toContain('1 of 3');
    expect(r.invalid).toEqual([{ input: '1', error: 'e' }]);
  });

  it('is ERROR without msgId when every batch fails, keeping the first cause', () => {
    const cause = new TypeError('fetch failed');
    const r = assembleSend(batches, [failure('NETWORK', 'down', cause), failure('ERR013', 'full'), failure('TIMEOUT', 'slow')], []);
    expect(r.result).toBe('ERROR');
    expect(r.msgId).toBeUndefined();
    expect(r.msgIds).toEqual([]);
    expect(r.errors.map((e) => [e.batch, e.code, e.numbers])).toEqual([
      [1, 'NETWORK', ['a1', 'a2']],
      [2, 'ERR013', ['b1']],
      [3, 'TIMEOUT', ['c1', 'c2', 'c3']],
    ]);
    expect(r.code).toBe('NETWORK');
    expect(r.cause).toBe(cause);
  });

  it('uses the error description as is for a single batch', () => {
    const r = assembleSend([['a']], [failure('ERR003', 'Authentication error')], []);
    expect(r).toMatchObject({ result: 'ERROR', code: 'ERR003', description: 'Authentication error', action: apiErrors.ERR003, batches: 1 });
  });

  it('turns an off-shape OK answer into a BAD_RESPONSE batch error with its numbers', () => {
    const r = assembleSend([['a'], ['b']], [ok('m1', 1), { ok: true, data: { result: 'OK' } }], []);
    expect(r.result).toBe('PARTIAL');
    expect(r.errors).toEqual([expect.objectContaining({ batch: 2, code: 'BAD_RESPONSE', numbers: ['b'] })]);
  });

  it('copies batch numbers rather than sharing the caller arrays', () => {
    const input = [['a']];
    const r = assembleSend(input, [failure('ERR011', 'x')], []);
    r.errors[0]?.numbers.push('mutated');
    expect(input).toEqual([['a']]);
  });
});
