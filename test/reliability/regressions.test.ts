/**
 * Regression tests for defects the reliability suites found, each pinned down on its own.
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { KwtSMS } from '../../src/client.js';
import { apiErrors } from '../../src/errors.js';
import { createFakeGateway } from '../../src/testing/index.js';
import { server } from '../msw.js';

const BASE = 'https://www.kwtsms.com/API/';

describe('status() checks the shape of an OK answer (found by the fault matrix)', () => {
  const client = (): KwtSMS => new KwtSMS('user', 'pass', { timeoutMs: 2_000 });
  const answer = (body: Record<string, unknown>): void => {
    server.use(http.post(`${BASE}status/`, () => HttpResponse.json(body)));
  };

  // Before the fix these resolved to { result: 'OK' } with no status: the one endpoint whose OK
  // answer was taken whatever it held.
  it.each<[string, Record<string, unknown>]>([
    ['no payload', { result: 'OK' }],
    ['a null status', { result: 'OK', status: null, description: null }],
    ['a number for the status', { result: 'OK', status: 404, description: 'x' }],
    ['an array for the status', { result: 'OK', status: ['sent'] }],
  ])('answers BAD_RESPONSE for an OK answer with %s', async (_name, body) => {
    answer(body);
    const result = await client().status('f4c841ad');
    expect(result).toMatchObject({ result: 'ERROR', code: 'BAD_RESPONSE', action: apiErrors.BAD_RESPONSE });
    expect(result.status).toBeUndefined();
    expect(result.description).toMatch(/status/);
  });

  it('still accepts a status without a description', async () => {
    answer({ result: 'OK', status: 'sent' });
    await expect(client().status('f4c841ad')).resolves.toEqual({ result: 'OK', status: 'sent' });
  });
});

describe('sendBulk reports the balance after the answer received last, not the last batch (found by the bulk invariant)', () => {
  it('when batch 1 is retried after ERR013 and accepted after batch 2', async () => {
    const fake = createFakeGateway({ balance: 1_000 });
    fake.state.failNext(1, 'ERR013');
    const sms = new KwtSMS('user', 'pass', { fetch: fake.fetch, batchSize: 1, batchDelayMs: 0, retryDelaysMs: [5] });
    const result = await sms.sendBulk(['96598765432', '96550000000'], 'Hello');
    // Batch 1 met ERR013, batch 2 went through, then batch 1 again: the gateway's last balance is batch 1's.
    expect(fake.state.requests.map((r) => r.body?.mobile)).toEqual(['96598765432', '96550000000', '96598765432']);
    expect(result.result).toBe('OK');
    expect(fake.state.balance).toBe(998);
    expect(result.balanceAfter).toBe(998);
    expect(sms.cachedBalance).toBe(998);
  });
});
