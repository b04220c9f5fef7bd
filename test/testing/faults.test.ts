import { describe, expect, it, vi } from 'vitest';
import { createFakeGateway, type Fault } from '../../src/testing/index.js';
import { api, CREDS, post, sendFields } from './helpers.js';

const KW = '96598765432';

describe('failNext', () => {
  it.each([
    ['ERR013', 200, /queue is full/],
    ['ERR003', 403, /^Authentication error/],
    ['ERR030', 200, /^Message is stuck in the send queue/],
    ['ERR099', 200, /ERR099/],
  ] as const)('answers %s as the gateway would', async (code, status, description) => {
    const fake = createFakeGateway();
    fake.state.failNext(1, code);
    const { status: got, body } = await api(fake, 'balance');
    expect(got).toBe(status);
    expect(body).toEqual({ result: 'ERROR', code, description: expect.stringMatching(description) });
  });

  it('does not process a faulted send: nothing sent, nothing charged', async () => {
    const fake = createFakeGateway();
    fake.state.failNext(1, 'ERR013');
    expect((await api(fake, 'send', sendFields(KW))).body.code).toBe('ERR013');
    expect(fake.state.sent).toEqual([]);
    expect(fake.state.balance).toBe(1000);
    // Nor does it start the 15-second clock: the retry goes through.
    expect((await api(fake, 'send', sendFields(KW))).body.result).toBe('OK');
  });

  it('applies to the next n requests of any endpoint, then stops', async () => {
    const fake = createFakeGateway();
    fake.state.failNext(2, 'ERR013');
    expect((await api(fake, 'balance')).body.code).toBe('ERR013');
    expect((await api(fake, 'senderid')).body.code).toBe('ERR013');
    expect((await api(fake, 'coverage')).body.result).toBe('OK');
  });

  it('queues faults first in, first out', async () => {
    const fake = createFakeGateway();
    fake.state.failNext(1, 'ERR013');
    fake.state.failNext(1, 'HTTP_502');
    fake.state.failNext(1, 'ERR028');
    expect((await api(fake, 'balance')).body.code).toBe('ERR013');
    expect((await post(fake, 'balance', CREDS)).status).toBe(502);
    expect((await api(fake, 'balance')).body.code).toBe('ERR028');
    expect((await api(fake, 'balance')).body.result).toBe('OK');
  });

  it('logs faulted requests too', async () => {
    const fake = createFakeGateway();
    fake.state.failNext(1, 'ERR013');
    await api(fake, 'balance');
    expect(fake.state.requests).toHaveLength(1);
  });

  it.each(['HTTP_500', 'HTTP_502', 'HTTP_503'] as const)('%s answers an HTML error page', async (fault) => {
    const fake = createFakeGateway();
    fake.state.failNext(1, fault);
    const response = await post(fake, 'balance', CREDS);
    expect(response.status).toBe(Number(fault.slice(5)));
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await response.text();
    expect(text).toMatch(/^<html>/);
    expect(text).toContain(String(response.status));
  });

  it('BAD_JSON answers a 200 whose body is not JSON', async () => {
    const fake = createFakeGateway();
    fake.state.failNext(1, 'BAD_JSON');
    const response = await post(fake, 'balance', CREDS);
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toBeInstanceOf(SyntaxError);
  });

  it('EMPTY answers a 200 with an empty body', async () => {
    const fake = createFakeGateway();
    fake.state.failNext(1, 'EMPTY');
    const response = await post(fake, 'balance', CREDS);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('NETWORK rejects with TypeError("fetch failed")', async () => {
    const fake = createFakeGateway();
    fake.state.failNext(1, 'NETWORK');
    const error = await post(fake, 'balance', CREDS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect((await api(fake, 'balance')).body.result).toBe('OK');
  });

  it('TIMEOUT never answers until the signal aborts, then rejects with its reason and leaves no timer', async () => {
    vi.useFakeTimers();
    try {
      const fake = createFakeGateway();
      fake.state.failNext(1, 'TIMEOUT');
      const controller = new AbortController();
      let settled = false;
      const pending = post(fake, 'balance', CREDS, { signal: controller.signal }).finally(() => {
        settled = true;
      });
      pending.catch(() => undefined);
      await vi.advanceTimersByTimeAsync(3_600_000);
      expect(settled).toBe(false);
      expect(vi.getTimerCount()).toBe(0);
      const reason = new DOMException('The operation timed out.', 'TimeoutError');
      controller.abort(reason);
      await expect(pending).rejects.toBe(reason);
    } finally {
      vi.useRealTimers();
    }
  });

  it('TIMEOUT ends with a real AbortSignal.timeout', async () => {
    const fake = createFakeGateway();
    fake.state.failNext(1, 'TIMEOUT');
    await expect(post(fake, 'balance', CREDS, { signal: AbortSignal.timeout(20) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });

  it('faults wait out the latency like any answer', async () => {
    const fake = createFakeGateway({ latencyMs: 40 });
    fake.state.failNext(1, 'NETWORK');
    const started = performance.now();
    await expect(post(fake, 'balance', CREDS)).rejects.toBeInstanceOf(TypeError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('reset() drops pending faults', async () => {
    const fake = createFakeGateway();
    fake.state.failNext(3, 'ERR013');
    fake.state.reset();
    expect((await api(fake, 'balance')).body.result).toBe('OK');
  });

  it('n = 0 queues nothing', async () => {
    const fake = createFakeGateway();
    fake.state.failNext(0, 'ERR013');
    expect((await api(fake, 'balance')).body.result).toBe('OK');
  });

  it.each([
    ['a negative n', -1, 'ERR013'],
    ['a fractional n', 1.5, 'ERR013'],
    ['an unknown fault', 1, 'HTTP_404'],
    ['a malformed code', 1, 'ERR13'],
    ['a non-string fault', 1, 13],
  ])('throws a TypeError for %s', (_name, n, fault) => {
    const fake = createFakeGateway();
    expect(() => fake.state.failNext(n, fault as Fault)).toThrow(TypeError);
  });
});
