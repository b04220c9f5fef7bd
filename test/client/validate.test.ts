import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { apiErrors } from '../../src/errors.js';
import { apiError, client, gateway, kuwaitNumbers, mobiles, PASSWORD, USER } from '../helpers/gateway.js';

describe('validate', () => {
  it('sends the locally valid numbers, normalized and deduplicated, and reads OK/ER/NR', async () => {
    const answer = { result: 'OK', mobile: { OK: ['96598765432'], ER: ['96550000000'], NR: ['447911123456'] } };
    const seen = gateway('validate', () => answer);
    const result = await client().validate(['+965 9876 5432', '0096598765432', '96550000000', '+44 7911 123456']);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toEqual({ username: USER, password: PASSWORD, mobile: '96598765432,96550000000,447911123456' });
    expect(result).toEqual({ ok: ['96598765432'], er: ['96550000000'], nr: ['447911123456'], rejected: [], error: null, raw: [answer] });
  });

  it('keeps local rejects only in `rejected`, never sent and never in `er`', async () => {
    const seen = gateway('validate', () => ({ result: 'OK', mobile: { OK: ['96598765432'], ER: [], NR: [] } }));
    const result = await client().validate(['96598765432', '123', 'a@b.com']);
    expect(mobiles(seen[0]!)).toEqual(['96598765432']);
    expect(result.rejected).toEqual([
      { input: '123', error: "'123' is too short (3 digits, minimum is 7)" },
      { input: 'a@b.com', error: "'a@b.com' is an email address, not a phone number" },
    ]);
    expect(result.er).toEqual([]);
    expect(result.error).toBeNull();
  });

  it('makes no request when nothing is locally valid', async () => {
    const seen = gateway('validate', () => ({ result: 'OK', mobile: { OK: [], ER: [], NR: [] } }));
    const result = await client().validate(['123', '', 'x@y.z']);
    expect(seen).toHaveLength(0);
    expect(result.ok).toEqual([]);
    expect(result.er).toEqual([]);
    expect(result.nr).toEqual([]);
    expect(result.rejected.map((r) => r.input)).toEqual(['123', '', 'x@y.z']);
    expect(result.error).toEqual(expect.any(String));
    expect(result.code).toBe('ERR_INVALID_INPUT');
    expect(result.raw).toEqual([]);
  });

  it('batches by 200 and merges the answers in order', async () => {
    const numbers = kuwaitNumbers(250);
    const seen = gateway('validate', (s) => {
      const list = mobiles(s);
      return { result: 'OK', mobile: { OK: list.slice(0, -1), ER: [], NR: list.slice(-1) } };
    });
    const result = await client({ batchDelayMs: 5 }).validate(numbers);
    expect(seen.map((s) => mobiles(s).length)).toEqual([200, 50]);
    expect(seen.flatMap(mobiles)).toEqual(numbers);
    expect(result.ok).toEqual([...numbers.slice(0, 199), ...numbers.slice(200, 249)]);
    expect(result.nr).toEqual([numbers[199], numbers[249]]);
    expect(result.raw).toHaveLength(2);
  });

  it('reads numbers given as numbers and missing lists as empty', async () => {
    gateway('validate', () => ({ result: 'OK', mobile: { OK: [96598765432] } }));
    await expect(client().validate(['96598765432'])).resolves.toMatchObject({ ok: ['96598765432'], er: [], nr: [], error: null });
  });

  it.each([
    ['with HTTP 200', 200],
    ['with HTTP 403', 403],
  ])('reports an API error %s', async (_name, status) => {
    const body = apiError('ERR003', 'Authentication error');
    gateway('validate', () => HttpResponse.json(body, { status }));
    const result = await client().validate(['96598765432', '1']);
    expect(result.code).toBe('ERR003');
    expect(result.error).toContain('Authentication error');
    expect(result.error).toContain(apiErrors.ERR003);
    expect(result.raw).toEqual([body]);
    expect(result.rejected).toHaveLength(1);
  });

  it('reports BAD_RESPONSE when the OK answer has no lists', async () => {
    gateway('validate', () => ({ result: 'OK', mobile: 'nope' }));
    const result = await client().validate(['96598765432']);
    expect(result.code).toBe('BAD_RESPONSE');
    expect(result.error).toEqual(expect.any(String));
  });

  it('reports a network error without rejecting', async () => {
    gateway('validate', () => HttpResponse.error());
    await expect(client().validate(['96598765432'])).resolves.toMatchObject({ code: 'NETWORK', ok: [] });
  });

  it('throws a TypeError for a non-array', async () => {
    await expect(client().validate('96598765432' as unknown as string[])).rejects.toThrow(TypeError);
  });
});
