import { getEventListeners } from 'node:events';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiErrors, GENERIC_ACTION } from '../src/errors.js';
import { failure } from '../src/errors.js';
import { callApi, type TransportConfig } from '../src/request.js';
import type { LogEntry } from '../src/types.js';
import { BASE, gateway, hang, PASSWORD, USER } from './helpers/gateway.js';
import { server } from './msw.js';

const body = { username: USER, password: PASSWORD };
const config = (extra: Partial<TransportConfig> = {}): TransportConfig => ({ baseUrl: BASE, timeoutMs: 2_000, ...extra });

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('failure', () => {
  it('carries the action of a known code', () => {
    expect(failure('ERR003', 'Authentication error')).toEqual({
      ok: false,
      code: 'ERR003',
      description: 'Authentication error',
      action: apiErrors.ERR003,
    });
  });

  it.each(['ERR999', 'constructor', '__proto__'])('gives the generic action to %j', (code) => {
    expect(failure(code, 'x').action).toBe(GENERIC_ACTION);
  });

  it('keeps a cause only when there is one', () => {
    const cause = new Error('boom');
    expect(failure('NETWORK', 'x', cause).cause).toBe(cause);
    expect(failure('NETWORK', 'x')).not.toHaveProperty('cause');
  });
});

describe('callApi: the wire', () => {
  it('POSTs JSON to {baseUrl}{endpoint}/ with the credentials in the body only', async () => {
    const seen = gateway('balance', () => ({ result: 'OK', available: 1 }));
    await callApi(config(), 'balance', { ...body, extra: 'x' });
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe(`${BASE}balance/`);
    expect(req!.url).not.toContain(PASSWORD);
    expect(req!.headers.get('content-type')).toBe('application/json');
    expect(req!.headers.get('accept')).toBe('application/json');
    expect(JSON.parse(req!.text)).toEqual({ username: USER, password: PASSWORD, extra: 'x' });
  });

  it('uses an injected fetch, calling it unbound', async () => {
    const thisValues: unknown[] = [];
    const fetchImpl = function (this: unknown): Promise<Response> {
      thisValues.push(this);
      return Promise.resolve(Response.json({ result: 'OK' }));
    } as unknown as typeof fetch;
    await expect(callApi(config({ fetch: fetchImpl }), 'balance', body)).resolves.toEqual({ ok: true, data: { result: 'OK' } });
    expect(thisValues).toEqual([undefined]);
  });

  it('looks the global fetch up at call time', async () => {
    const cfg = config();
    const late = vi.fn(() => Promise.resolve(Response.json({ result: 'OK', late: true })));
    vi.stubGlobal('fetch', late);
    await expect(callApi(cfg, 'balance', body)).resolves.toEqual({ ok: true, data: { result: 'OK', late: true } });
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('answers NETWORK, without throwing, when the runtime has no fetch', async () => {
    vi.stubGlobal('fetch', undefined);
    const outcome = await callApi(config(), 'balance', body);
    expect(outcome).toMatchObject({ ok: false, code: 'NETWORK', action: apiErrors.NETWORK });
    expect(outcome.ok ? '' : outcome.description).toMatch(/fetch/);
  });

  it('answers NETWORK when fetch throws synchronously', async () => {
    const error = new TypeError('Illegal invocation');
    const fetchImpl = (() => {
      throw error;
    }) as unknown as typeof fetch;
    await expect(callApi(config({ fetch: fetchImpl }), 'balance', body)).resolves.toMatchObject({ ok: false, code: 'NETWORK', cause: error });
  });
});

describe('callApi: answers', () => {
  it('returns the JSON of an OK answer', async () => {
    gateway('balance', () => ({ result: 'OK', available: 150, purchased: 1000 }));
    await expect(callApi(config(), 'balance', body)).resolves.toEqual({
      ok: true,
      data: { result: 'OK', available: 150, purchased: 1000 },
    });
  });

  it.each([200, 400, 403, 500])('reads an API error body sent with HTTP %i', async (status) => {
    const error = { result: 'ERROR', code: 'ERR003', description: 'Authentication error' };
    gateway('balance', () => HttpResponse.json(error, { status }));
    await expect(callApi(config(), 'balance', body)).resolves.toEqual({
      ok: false,
      code: 'ERR003',
      description: 'Authentication error',
      action: apiErrors.ERR003,
      data: error,
    });
  });

  it('gives an unknown API code the generic action', async () => {
    gateway('balance', () => ({ result: 'ERROR', code: 'ERR777', description: 'New error' }));
    await expect(callApi(config(), 'balance', body)).resolves.toMatchObject({ ok: false, code: 'ERR777', action: GENERIC_ACTION });
  });

  it('fills in a description when the error has none', async () => {
    gateway('balance', () => ({ result: 'ERROR', code: 'ERR010' }));
    const outcome = await callApi(config(), 'balance', body);
    expect(outcome).toMatchObject({ ok: false, code: 'ERR010', action: apiErrors.ERR010 });
    expect(outcome.ok ? '' : outcome.description).toMatch(/\S/);
  });

  it('treats an error without a code as BAD_RESPONSE', async () => {
    gateway('balance', () => ({ result: 'ERROR' }));
    await expect(callApi(config(), 'balance', body)).resolves.toMatchObject({ ok: false, code: 'BAD_RESPONSE' });
  });

  it.each([
    ['an HTML 502 page', () => new HttpResponse('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } }), /502.*not JSON/, true],
    ['an empty body', () => new HttpResponse('', { status: 200 }), /empty body/, true],
    ['an empty 500', () => new HttpResponse(null, { status: 500 }), /500.*empty body/, true],
    ['non-JSON text', () => HttpResponse.text('OK: sent'), /not JSON/, true],
    ['truncated JSON', () => HttpResponse.text('{"result":"OK"'), /not JSON/, true],
    ['JSON without result', () => HttpResponse.json({ available: 5 }), /no "result"/, false],
    ['a JSON array', () => HttpResponse.json([{ result: 'OK' }]), /no "result"/, false],
    ['JSON null', () => HttpResponse.json(null), /no "result"/, false],
    ['a JSON number', () => HttpResponse.json(5), /no "result"/, false],
    ['a non-string result', () => HttpResponse.json({ result: true }), /no "result"/, false],
  ])('answers BAD_RESPONSE for %s', async (_name, reply, description, hasCause) => {
    gateway('balance', reply);
    const outcome = await callApi(config(), 'balance', body);
    expect(outcome).toMatchObject({ ok: false, code: 'BAD_RESPONSE', action: apiErrors.BAD_RESPONSE, description: expect.stringMatching(description) });
    if (hasCause) expect(outcome).toMatchObject({ cause: expect.any(SyntaxError) });
  });

  it('answers NETWORK, with the fetch error as cause, when the connection fails', async () => {
    gateway('balance', () => HttpResponse.error());
    const outcome = await callApi(config(), 'balance', body);
    expect(outcome).toMatchObject({ ok: false, code: 'NETWORK', action: apiErrors.NETWORK, cause: expect.any(TypeError) });
  });
});

describe('callApi: time and cancellation', () => {
  it('answers TIMEOUT after timeoutMs, with a cause', async () => {
    gateway('balance', (_seen, request) => hang(request));
    const start = performance.now();
    const outcome = await callApi(config({ timeoutMs: 50 }), 'balance', body);
    const elapsed = performance.now() - start;
    expect(outcome).toMatchObject({ ok: false, code: 'TIMEOUT', action: apiErrors.TIMEOUT, description: expect.stringContaining('50 ms') });
    expect(outcome.ok ? undefined : outcome.cause).toBeInstanceOf(DOMException);
    expect(elapsed).toBeGreaterThanOrEqual(45);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('times out a fetch that ignores its signal', async () => {
    const fetchImpl = (() => new Promise<Response>(() => {})) as typeof fetch;
    await expect(callApi(config({ fetch: fetchImpl, timeoutMs: 30 }), 'balance', body)).resolves.toMatchObject({ ok: false, code: 'TIMEOUT' });
  });

  it('times out a body that never ends, even when fetch ignores the signal', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"result":'));
      },
    });
    const fetchImpl = (() => Promise.resolve(new Response(stream))) as typeof fetch;
    await expect(callApi(config({ fetch: fetchImpl, timeoutMs: 30 }), 'balance', body)).resolves.toMatchObject({ ok: false, code: 'TIMEOUT' });
  });

  it('answers ABORTED (not TIMEOUT) when the caller aborts, with the reason as cause', async () => {
    gateway('balance', (_seen, request) => hang(request));
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 20);
    const outcome = await callApi(config({ timeoutMs: 5_000 }), 'balance', body, controller.signal);
    expect(outcome).toEqual({ ok: false, code: 'ABORTED', description: expect.any(String), action: apiErrors.ABORTED, cause: reason });
  });

  it('sends nothing when the signal is already aborted', async () => {
    const seen = gateway('balance', () => ({ result: 'OK' }));
    const reason = new Error('too late');
    await expect(callApi(config(), 'balance', body, AbortSignal.abort(reason))).resolves.toMatchObject({ ok: false, code: 'ABORTED', cause: reason });
    expect(seen).toHaveLength(0);
  });

  it("removes its listener from the caller's signal and clears its timer", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const timersDuringFetch: number[] = [];
    const fetchImpl = (() => {
      timersDuringFetch.push(vi.getTimerCount());
      return Promise.resolve(Response.json({ result: 'OK' }));
    }) as typeof fetch;
    const controller = new AbortController();
    await callApi(config({ fetch: fetchImpl, timeoutMs: 5_000 }), 'balance', body, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    // The deadline was the one timer while the request was out, and it is gone once the call is over.
    expect(timersDuringFetch).toEqual([1]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('callApi: logging', () => {
  it('logs exactly one masked entry per request', async () => {
    gateway('send', () => ({ result: 'OK', 'msg-id': 'x' }));
    const entries: LogEntry[] = [];
    const before = Date.now();
    await callApi(config({ logger: (e) => entries.push(e) }), 'send', { ...body, mobile: '96598765432' });
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toEqual({
      ts: expect.any(String),
      endpoint: 'send',
      request: { username: USER, password: '***', mobile: '96598765432' },
      response: { result: 'OK', 'msg-id': 'x' },
      ok: true,
      error: null,
    });
    expect(Date.parse(entry!.ts)).toBeGreaterThanOrEqual(before - 1);
  });

  it.each([
    ['an API error', () => HttpResponse.json({ result: 'ERROR', code: 'ERR003', description: 'Auth' }, { status: 403 }), { result: 'ERROR', code: 'ERR003', description: 'Auth' }, 'ERR003: Auth'],
    ['a non-JSON body', () => HttpResponse.text('<html>502</html>', { status: 502 }), '<html>502</html>', /^BAD_RESPONSE: /],
    ['a network error', () => HttpResponse.error(), null, /^NETWORK: /],
  ])('logs %s with the response and error', async (_name, reply, response, error) => {
    gateway('balance', reply);
    const entries: LogEntry[] = [];
    await callApi(config({ logger: (e) => entries.push(e) }), 'balance', body);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ ok: false, response, request: { password: '***' } });
    if (typeof error === 'string') expect(entries[0]!.error).toBe(error);
    else expect(entries[0]!.error).toMatch(error);
  });

  it('logs nothing when no request is made', async () => {
    const entries: LogEntry[] = [];
    const logger = (e: LogEntry): number => entries.push(e);
    await callApi(config({ logger }), 'balance', body, AbortSignal.abort());
    vi.stubGlobal('fetch', undefined);
    await callApi(config({ logger }), 'balance', body);
    expect(entries).toEqual([]);
  });

  it('returns the same outcome with a throwing logger', async () => {
    server.use(http.post(`${BASE}balance/`, () => HttpResponse.json({ result: 'OK', available: 3 })));
    const logger = (): void => {
      throw new Error('logger broke');
    };
    await expect(callApi(config({ logger }), 'balance', body)).resolves.toEqual({ ok: true, data: { result: 'OK', available: 3 } });
  });
});

describe('callApi: a server that echoes the request', () => {
  it.each([
    ['a JSON error quoting the body', (body: string) => Response.json({ result: 'ERROR', code: 'ERR002', description: `bad request: ${body}` })],
    ['an HTML page quoting the body', (body: string) => new Response(`<html><pre>${body}</pre></html>`, { status: 403 })],
  ])('keeps the password out of the result and the log entry for %s', async (_name, reply) => {
    const password = 'p"a\\ss-ECHO-1';
    const entries: LogEntry[] = [];
    const echo: typeof fetch = async (_url, init) => reply(String(init?.body));
    const outcome = await callApi({ baseUrl: BASE, timeoutMs: 1000, fetch: echo, logger: (e) => entries.push(e) }, 'send', {
      username: USER,
      password,
      message: 'hi',
    });
    expect(outcome.ok).toBe(false);
    const seen = JSON.stringify({ outcome, entries });
    expect(seen).not.toContain('ECHO-1');
    expect(seen).toContain('***');
  });
});

describe('callApi: scrubbing never garbles an OK answer', () => {
  it('keeps an OK answer intact when the password is a common substring', async () => {
    const ok: typeof fetch = async () => Response.json({ result: 'OK', available: 100, purchased: 200 });
    const outcome = await callApi({ baseUrl: BASE, timeoutMs: 1000, fetch: ok }, 'balance', { username: USER, password: 'OK' });
    expect(outcome).toEqual({ ok: true, data: { result: 'OK', available: 100, purchased: 200 } });
  });
});
