import { http, passthrough } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeGateway, type FakeGateway, type FakeServer } from '../../src/testing/index.js';
import { server as msw } from '../msw.js';
import { CREDS } from './helpers.js';

const open: FakeServer[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  vi.restoreAllMocks();
});

/** Serves the fake on 127.0.0.1 and lets this one URL past msw, which otherwise fails every real request. */
async function serve(fake: FakeGateway): Promise<FakeServer> {
  const running = await fake.serve({ port: 0 });
  open.push(running);
  msw.use(http.all(`${running.url}*`, () => passthrough()));
  return running;
}

function postJson(url: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    ...init,
  });
}

describe('serve()', () => {
  it('listens on 127.0.0.1 on a free port and speaks the wire format', async () => {
    const fake = createFakeGateway({ ...CREDS, balance: 20 });
    const running = await serve(fake);
    expect(running.port).toBeGreaterThan(0);
    expect(running.url).toBe(`http://127.0.0.1:${running.port}/API/`);
    const response = await postJson(`${running.url}balance/`, CREDS);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({ result: 'OK', available: 20, purchased: 20 });
  });

  it('shares state with the in-process fake', async () => {
    const fake = createFakeGateway();
    const running = await serve(fake);
    const response = await postJson(`${running.url}send/`, {
      ...CREDS,
      sender: 'KWT-SMS',
      mobile: '96598765432',
      message: 'مرحبا',
      test: '1',
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ result: 'OK', numbers: 1, 'points-charged': 1 });
    expect(fake.state.sent).toEqual([
      { msgId: body['msg-id'], numbers: ['96598765432'], message: 'مرحبا', sender: 'KWT-SMS', test: true },
    ]);
    expect(fake.state.requests[0]).toMatchObject({ endpoint: 'send', method: 'POST', body: { password: '***' } });
  });

  it('passes HTTP error statuses through (ERR003 as 403)', async () => {
    const running = await serve(createFakeGateway(CREDS));
    const response = await postJson(`${running.url}balance/`, { username: 'user', password: 'wrong' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'ERR003' });
  });

  it('answers a CORS preflight', async () => {
    const fake = createFakeGateway();
    const running = await serve(fake);
    const response = await fetch(`${running.url}send/`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('Content-Type');
    expect(fake.state.requests).toEqual([]);
  });

  it('relays a 502 HTML page', async () => {
    const fake = createFakeGateway();
    const running = await serve(fake);
    fake.state.failNext(1, 'HTTP_502');
    const response = await postJson(`${running.url}balance/`, CREDS);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('502 Bad Gateway');
  });

  it('drops the connection on a NETWORK fault', async () => {
    const fake = createFakeGateway();
    const running = await serve(fake);
    fake.state.failNext(1, 'NETWORK');
    await expect(postJson(`${running.url}balance/`, CREDS)).rejects.toBeInstanceOf(TypeError);
    expect((await postJson(`${running.url}balance/`, CREDS)).status).toBe(200);
  });

  it('holds a TIMEOUT until the client gives up, and still closes', async () => {
    const fake = createFakeGateway();
    const running = await serve(fake);
    fake.state.failNext(1, 'TIMEOUT');
    await expect(postJson(`${running.url}balance/`, CREDS, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    await running.close();
  });

  it('close() stops the server and is safe to call twice', async () => {
    const running = await serve(createFakeGateway());
    await running.close();
    await running.close();
    await expect(postJson(`${running.url}balance/`, CREDS)).rejects.toBeInstanceOf(TypeError);
  });

  it('rejects when the port is taken', async () => {
    const first = await serve(createFakeGateway());
    await expect(createFakeGateway().serve({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('rejects with a clear Error where there is no node:http', async () => {
    vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined);
    await expect(createFakeGateway().serve()).rejects.toThrow(/serve\(\) needs node:http/);
  });
});
