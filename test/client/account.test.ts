import { describe, expect, it } from 'vitest';
import { apiErrors } from '../../src/errors.js';
import { apiError, client, gateway, okSend, USER } from '../helpers/gateway.js';

describe('verify', () => {
  it('answers ok with the balance and caches it', async () => {
    const seen = gateway('balance', () => ({ result: 'OK', available: 150, purchased: 1000 }));
    const sms = client();
    await expect(sms.verify()).resolves.toEqual({ ok: true, balance: 150, purchased: 1000, error: null });
    expect(sms.cachedBalance).toBe(150);
    expect(sms.cachedPurchased).toBe(1000);
    expect(seen).toHaveLength(1);
  });

  it('reads numbers sent as strings', async () => {
    gateway('balance', () => ({ result: 'OK', available: '150.5', purchased: '1000' }));
    await expect(client().verify()).resolves.toEqual({ ok: true, balance: 150.5, purchased: 1000, error: null });
  });

  it('answers purchased null when the gateway leaves it out', async () => {
    gateway('balance', () => ({ result: 'OK', available: 7 }));
    await expect(client().verify()).resolves.toEqual({ ok: true, balance: 7, purchased: null, error: null });
  });

  it('answers not ok with the code and an error joining description and action', async () => {
    gateway('balance', () => apiError('ERR003', 'Authentication error'));
    const sms = client();
    const result = await sms.verify();
    expect(result).toEqual({ ok: false, balance: null, purchased: null, error: expect.any(String), code: 'ERR003' });
    expect(result.error).toContain('Authentication error');
    expect(result.error).toContain(apiErrors.ERR003);
    expect(sms.cachedBalance).toBeNull();
  });

  it('answers BAD_RESPONSE when the OK answer has no numeric available', async () => {
    gateway('balance', () => ({ result: 'OK', available: 'lots' }));
    await expect(client().verify()).resolves.toMatchObject({ ok: false, code: 'BAD_RESPONSE', balance: null });
  });
});

describe('balance', () => {
  it('answers the live balance and updates the cache', async () => {
    let available = 100;
    gateway('balance', () => ({ result: 'OK', available: available--, purchased: 500 }));
    const sms = client();
    await expect(sms.balance()).resolves.toBe(100);
    expect(sms.cachedBalance).toBe(100);
    expect(sms.cachedPurchased).toBe(500);
    await expect(sms.balance()).resolves.toBe(99);
    expect(sms.cachedBalance).toBe(99);
  });

  it('falls back to the cached balance on failure', async () => {
    let fail = false;
    gateway('balance', () => (fail ? apiError('ERR024', 'IP not allowed') : { result: 'OK', available: 42, purchased: 50 }));
    const sms = client();
    await expect(sms.balance()).resolves.toBe(42);
    fail = true;
    await expect(sms.balance()).resolves.toBe(42);
    expect(sms.cachedBalance).toBe(42);
    expect(sms.cachedPurchased).toBe(50);
  });

  it('answers null on failure when nothing is cached', async () => {
    gateway('balance', () => apiError('ERR003'));
    const sms = client();
    await expect(sms.balance()).resolves.toBeNull();
    expect(sms.cachedBalance).toBeNull();
  });

  it('caches what verify() read, and what each accepted send reports', async () => {
    gateway('balance', () => ({ result: 'OK', available: 300, purchased: 400 }));
    const sms = client();
    await sms.verify();
    expect(sms.cachedBalance).toBe(300);
    gateway('send', (s) => okSend(s, { 'balance-after': 298 }));
    await sms.send('96598765432', 'hi');
    expect(sms.cachedBalance).toBe(298);
    expect(sms.cachedPurchased).toBe(400);
    gateway('send', () => apiError('ERR011'));
    await sms.send('96598765432', 'hi');
    expect(sms.cachedBalance).toBe(298);
  });
});

describe('senderIds', () => {
  it('answers the list', async () => {
    const seen = gateway('senderid', () => ({ result: 'OK', senderid: ['KWT-SMS', 'MY-APP'] }));
    await expect(client().senderIds()).resolves.toEqual({ result: 'OK', senderIds: ['KWT-SMS', 'MY-APP'] });
    expect(seen[0]!.body).toEqual({ username: USER, password: expect.any(String) });
  });

  it('answers BAD_RESPONSE when the list is missing', async () => {
    gateway('senderid', () => ({ result: 'OK' }));
    await expect(client().senderIds()).resolves.toMatchObject({ result: 'ERROR', senderIds: [], code: 'BAD_RESPONSE', action: apiErrors.BAD_RESPONSE });
  });

  it('answers an API error with its action', async () => {
    gateway('senderid', () => apiError('ERR003', 'Authentication error'));
    await expect(client().senderIds()).resolves.toEqual({
      result: 'ERROR',
      senderIds: [],
      code: 'ERR003',
      description: 'Authentication error',
      action: apiErrors.ERR003,
    });
  });
});

describe('coverage', () => {
  it.each([
    ['prefixes', { prefixes: ['965', '966'] }, ['965', '966']],
    ['coverage strings', { coverage: ['965', '971'] }, ['965', '971']],
    ['coverage [{prefix}]', { coverage: [{ prefix: '965' }, { prefix: '20' }] }, ['965', '20']],
    ['coverage [{Prefix}]', { coverage: [{ Prefix: '965' }, { Prefix: '44' }] }, ['965', '44']],
    ['list', { list: ['965', '1'] }, ['965', '1']],
    ['countries', { countries: ['965', '973'] }, ['965', '973']],
    ['numbers as items', { prefixes: [965, 966] }, ['965', '966']],
    ['numbers in objects', { coverage: [{ prefix: 965 }] }, ['965']],
  ])('reads %s', async (_name, answer, prefixes) => {
    gateway('coverage', () => ({ result: 'OK', ...answer }));
    await expect(client().coverage()).resolves.toEqual({ result: 'OK', prefixes });
  });

  it('answers BAD_RESPONSE when no list is there', async () => {
    gateway('coverage', () => ({ result: 'OK', something: 'else' }));
    await expect(client().coverage()).resolves.toMatchObject({ result: 'ERROR', prefixes: [], code: 'BAD_RESPONSE' });
  });

  it('answers an API error', async () => {
    gateway('coverage', () => apiError('ERR033', 'No coverage'));
    await expect(client().coverage()).resolves.toMatchObject({ result: 'ERROR', prefixes: [], code: 'ERR033', action: apiErrors.ERR033 });
  });
});

describe('status', () => {
  it('answers the status and its description', async () => {
    const seen = gateway('status', () => ({ result: 'OK', status: 'sent', description: 'Message successfully sent to gateway' }));
    await expect(client().status('f4c841adee210f31307633ceaebff2ec')).resolves.toEqual({
      result: 'OK',
      status: 'sent',
      statusDescription: 'Message successfully sent to gateway',
    });
    expect(seen[0]!.body.msgid).toBe('f4c841adee210f31307633ceaebff2ec');
  });

  it('answers the gateway error (ERR030 for a queued test message)', async () => {
    gateway('status', () => apiError('ERR030', 'Message stuck in queue'));
    await expect(client().status('x')).resolves.toEqual({
      result: 'ERROR',
      code: 'ERR030',
      description: 'Message stuck in queue',
      action: apiErrors.ERR030,
    });
  });

  it('throws a TypeError for a non-string msgId', async () => {
    await expect(client().status(5 as unknown as string)).rejects.toThrow(TypeError);
  });
});

describe('deliveryReport', () => {
  it.each([
    ['Number/Status', [{ Number: '447911123456', Status: 'DELIVERED' }, { Number: '96598765432', Status: 'FAILED' }]],
    ['number/status', [{ number: '447911123456', status: 'DELIVERED' }, { number: '96598765432', status: 'FAILED' }]],
  ])('reads %s keys', async (_name, report) => {
    const seen = gateway('dlr', () => ({ result: 'OK', report }));
    await expect(client().deliveryReport('abc')).resolves.toEqual({
      result: 'OK',
      report: [
        { number: '447911123456', status: 'DELIVERED' },
        { number: '96598765432', status: 'FAILED' },
      ],
    });
    expect(seen[0]!.body.msgid).toBe('abc');
  });

  it('answers BAD_RESPONSE when the report is missing', async () => {
    gateway('dlr', () => ({ result: 'OK' }));
    await expect(client().deliveryReport('abc')).resolves.toMatchObject({ result: 'ERROR', report: [], code: 'BAD_RESPONSE' });
  });

  it('answers ERR021 for Kuwait numbers with its action', async () => {
    gateway('dlr', () => apiError('ERR021', 'No delivery report'));
    await expect(client().deliveryReport('abc')).resolves.toMatchObject({ result: 'ERROR', report: [], code: 'ERR021', action: apiErrors.ERR021 });
  });
});
