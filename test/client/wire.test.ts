import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, passthrough } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { KwtSMS } from '../../src/client.js';
import { client, gateway, PASSWORD, USER } from '../helpers/gateway.js';
import { server as msw } from '../msw.js';

type Call = [name: string, endpoint: string, call: (sms: KwtSMS) => Promise<unknown>, reply: Record<string, unknown>, fields: Record<string, unknown>];

const calls: Call[] = [
  ['verify', 'balance', (sms) => sms.verify(), { result: 'OK', available: 1, purchased: 1 }, {}],
  ['balance', 'balance', (sms) => sms.balance(), { result: 'OK', available: 1, purchased: 1 }, {}],
  ['senderIds', 'senderid', (sms) => sms.senderIds(), { result: 'OK', senderid: [] }, {}],
  ['coverage', 'coverage', (sms) => sms.coverage(), { result: 'OK', prefixes: [] }, {}],
  [
    'validate',
    'validate',
    (sms) => sms.validate(['96598765432', '+965 5000 0000']),
    { result: 'OK', mobile: { OK: [], ER: [], NR: [] } },
    { mobile: '96598765432,96550000000' },
  ],
  [
    'send',
    'send',
    (sms) => sms.send(['96598765432', '+965 5000 0000'], 'Hello <i>you</i>'),
    { result: 'OK', 'msg-id': 'm', numbers: 2, 'points-charged': 2 },
    { sender: 'KWT-SMS', mobile: '96598765432,96550000000', message: 'Hello you', test: '0' },
  ],
  ['status', 'status', (sms) => sms.status('f4c841ad'), { result: 'OK', status: 'sent' }, { msgid: 'f4c841ad' }],
  ['deliveryReport', 'dlr', (sms) => sms.deliveryReport('f4c841ad'), { result: 'OK', report: [] }, { msgid: 'f4c841ad' }],
];

describe('the wire', () => {
  it.each(calls)('%s POSTs JSON to {baseUrl}%s/ with the credentials in the body only', async (_name, endpoint, call, reply, fields) => {
    const seen = gateway(endpoint, () => reply);
    await call(client());
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe(`https://www.kwtsms.com/API/${endpoint}/`);
    expect(new URL(req!.url).search).toBe('');
    expect(req!.url).not.toContain(PASSWORD);
    expect(req!.url).not.toContain(encodeURIComponent(PASSWORD));
    expect(req!.headers.get('content-type')).toBe('application/json');
    expect(req!.headers.get('accept')).toBe('application/json');
    expect(JSON.parse(req!.text)).toEqual({ username: USER, password: PASSWORD, ...fields });
  });

  it('uses an injected fetch instead of the global one', async () => {
    const requests: { url: string; init: RequestInit | undefined }[] = [];
    const fetchImpl = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      requests.push({ url: String(input), init });
      return Promise.resolve(Response.json({ result: 'OK', available: 9, purchased: 10 }));
    };
    const seen = gateway('balance', () => ({ result: 'OK', available: 1 }));
    await expect(client({ fetch: fetchImpl as typeof fetch }).balance()).resolves.toBe(9);
    expect(seen).toHaveLength(0);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.init?.method).toBe('POST');
  });
});

describe('against a real HTTP server on 127.0.0.1', () => {
  interface Received {
    method: string | undefined;
    url: string | undefined;
    headers: IncomingHttpHeaders;
    body: string;
  }
  let real: Server | undefined;

  afterEach(async () => {
    await new Promise<void>((resolve) => {
      if (real === undefined) resolve();
      else {
        real.closeAllConnections();
        real.close(() => resolve());
      }
    });
    real = undefined;
  });

  async function start(answer: (req: Received) => { status: number; body: string } | undefined): Promise<{ baseUrl: string; received: Received[] }> {
    const received: Received[] = [];
    real = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const entry = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        received.push(entry);
        const out = answer(entry);
        if (out === undefined) return; // never answer
        res.writeHead(out.status, { 'Content-Type': out.body.startsWith('<') ? 'text/html' : 'application/json' });
        res.end(out.body);
      });
    });
    await new Promise<void>((resolve) => real!.listen(0, '127.0.0.1', resolve));
    const { port } = real.address() as AddressInfo;
    // msw intercepts the global fetch in this process: let requests to the local server through.
    msw.use(http.all(/^http:\/\/127\.0\.0\.1[:/]/, () => passthrough()));
    return { baseUrl: `http://127.0.0.1:${port}/API`, received };
  }

  it('verifies and sends over real HTTP', async () => {
    const { baseUrl, received } = await start((req) => {
      if (req.url === '/API/balance/') return { status: 200, body: JSON.stringify({ result: 'OK', available: 75, purchased: 100 }) };
      if (req.url === '/API/send/') {
        const answer = { result: 'OK', 'msg-id': 'real-1', numbers: 1, 'points-charged': 1, 'balance-after': 74, 'unix-timestamp': 1_700_000_000 };
        return { status: 200, body: JSON.stringify(answer) };
      }
      return { status: 404, body: '<html>404</html>' };
    });
    const sms = new KwtSMS(USER, PASSWORD, { baseUrl, testMode: true });
    await expect(sms.verify()).resolves.toEqual({ ok: true, balance: 75, purchased: 100, error: null });
    const sent = await sms.send('+965 9876 5432', 'Hello');
    expect(sent).toMatchObject({ result: 'OK', msgId: 'real-1', numbers: 1, balanceAfter: 74, batches: 1 });
    expect(sms.cachedBalance).toBe(74);
    expect(received.map((r) => [r.method, r.url])).toEqual([
      ['POST', '/API/balance/'],
      ['POST', '/API/send/'],
    ]);
    for (const r of received) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers.accept).toBe('application/json');
      expect(r.url).not.toContain(PASSWORD);
    }
    expect(JSON.parse(received[1]!.body)).toEqual({
      username: USER,
      password: PASSWORD,
      sender: 'KWT-SMS',
      mobile: '96598765432',
      message: 'Hello',
      test: '1',
    });
  });

  it('reads a 403 JSON error body and maps an HTML 502 to BAD_RESPONSE', async () => {
    const { baseUrl } = await start((req) =>
      req.url === '/API/senderid/'
        ? { status: 403, body: JSON.stringify({ result: 'ERROR', code: 'ERR024', description: 'IP not allowed' }) }
        : { status: 502, body: '<html><body>502 Bad Gateway</body></html>' },
    );
    const sms = new KwtSMS(USER, PASSWORD, { baseUrl });
    await expect(sms.senderIds()).resolves.toMatchObject({ result: 'ERROR', code: 'ERR024', description: 'IP not allowed' });
    await expect(sms.coverage()).resolves.toMatchObject({ result: 'ERROR', code: 'BAD_RESPONSE', cause: expect.any(SyntaxError) });
  });

  it('times out against a server that never answers', async () => {
    const { baseUrl, received } = await start(() => undefined);
    const sms = new KwtSMS(USER, PASSWORD, { baseUrl, timeoutMs: 150 });
    await expect(sms.status('x')).resolves.toMatchObject({ result: 'ERROR', code: 'TIMEOUT', cause: expect.any(DOMException) });
    // Under load the server may not have read the request before the client gave up; it is never sent twice.
    expect(received.length).toBeLessThanOrEqual(1);
  });
});
