import { describe, expect, it, vi } from 'vitest';
import { createFakeGateway } from '../../src/testing/index.js';
import { api, CREDS, post, sendFields, URL_BASE } from './helpers.js';

describe('the wire format', () => {
  it.each(['GET', 'PUT', 'DELETE'])('answers %s with 405 JSON', async (method) => {
    const fake = createFakeGateway();
    const response = await fake.fetch(`${URL_BASE}balance/`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toMatchObject({ result: 'ERROR', code: 'METHOD_NOT_ALLOWED' });
  });

  it('answers an unknown endpoint with 404 JSON', async () => {
    const response = await post(createFakeGateway(), 'sendsms', CREDS);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ result: 'ERROR', code: 'NOT_FOUND' });
  });

  it.each(['not json', '[1,2]', '"text"', ''])('answers ERR002 with 400 when the body is %j', async (body) => {
    const fake = createFakeGateway();
    const response = await fake.fetch(`${URL_BASE}balance/`, { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ result: 'ERROR', code: 'ERR002' });
    expect(fake.state.requests).toEqual([{ endpoint: 'balance', method: 'POST', body: null }]);
  });

  it('takes the endpoint from the last path segment, whatever the base', async () => {
    const fake = createFakeGateway();
    for (const url of ['http://localhost:8080/kwtsms/API/balance/', 'https://proxy.example/API/balance', '/API/balance/']) {
      const response = await fake.fetch(url, { method: 'POST', body: JSON.stringify(CREDS) });
      expect(await response.json()).toMatchObject({ result: 'OK', available: 1000 });
    }
  });

  it('has the type of the global fetch, so it drops into any fetch option', () => {
    const asGlobal: typeof fetch = createFakeGateway().fetch;
    expect(typeof asGlobal).toBe('function');
  });

  it('accepts a URL object and a Request', async () => {
    const fake = createFakeGateway();
    const viaUrl = await fake.fetch(new URL(`${URL_BASE}balance/`), { method: 'POST', body: JSON.stringify(CREDS) });
    expect((await viaUrl.json()) as object).toMatchObject({ result: 'OK' });
    const request = new Request(`${URL_BASE}balance/`, { method: 'POST', body: JSON.stringify(CREDS) });
    expect((await (await fake.fetch(request)).json()) as object).toMatchObject({ result: 'OK' });
  });

  it('reads bytes bodies as fetch would send them', async () => {
    const fake = createFakeGateway();
    const body = new TextEncoder().encode(JSON.stringify(CREDS));
    const response = await fake.fetch(`${URL_BASE}balance/`, { method: 'POST', body });
    expect(await response.json()).toMatchObject({ result: 'OK' });
  });

  it('keeps the message text intact through JSON, Arabic included', async () => {
    const fake = createFakeGateway();
    await api(fake, 'send', sendFields('96598765432', 'رمز التحقق 1234'));
    expect(fake.state.sent[0]?.message).toBe('رمز التحقق 1234');
  });
});

describe('abort and latency', () => {
  it('rejects with the reason of an already-aborted signal and records nothing', async () => {
    const fake = createFakeGateway();
    const controller = new AbortController();
    controller.abort();
    const error = await post(fake, 'balance', CREDS, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(error).toBe(controller.signal.reason);
    expect(fake.state.requests).toEqual([]);
  });

  it('honours the signal of a Request', async () => {
    const fake = createFakeGateway();
    const controller = new AbortController();
    controller.abort();
    const request = new Request(`${URL_BASE}balance/`, {
      method: 'POST',
      body: JSON.stringify(CREDS),
      signal: controller.signal,
    });
    await expect(fake.fetch(request)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('waits latencyMs before answering', async () => {
    const fake = createFakeGateway({ latencyMs: 60 });
    const started = performance.now();
    await post(fake, 'balance', CREDS);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('rejects with a TimeoutError when AbortSignal.timeout fires during latency, and clears its timer', async () => {
    vi.useFakeTimers();
    try {
      const fake = createFakeGateway({ latencyMs: 10_000 });
      const controller = new AbortController();
      const pending = post(fake, 'balance', CREDS, { signal: controller.signal });
      const settled = expect(pending).rejects.toMatchObject({ name: 'TimeoutError' });
      await vi.advanceTimersByTimeAsync(100);
      controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
      await settled;
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('acts on arrival: a send aborted during latency was still sent, as after a real timeout', async () => {
    const fake = createFakeGateway({ latencyMs: 5_000 });
    const late = post(fake, 'send', { ...CREDS, ...sendFields('96550000001') }, { signal: AbortSignal.timeout(20) });
    await expect(late).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(fake.state.sent.map((m) => m.numbers)).toEqual([['96550000001']]);
    expect(fake.state.balance).toBe(999);
  });
});
