import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { KwtSMS } from '../../src/client.js';
import { apiErrors, GENERIC_ACTION } from '../../src/errors.js';
import { apiError, client, gateway, hang } from '../helpers/gateway.js';

/** What every method's failure looks like, read from its own result shape. */
interface Failure {
  code: string | undefined;
  /** The action, or for verify()/validate() the `error` text that carries it. */
  action: string | undefined;
  cause: unknown;
}

type Method = [name: string, endpoint: string, call: (sms: KwtSMS, signal: AbortSignal) => Promise<Failure>];

const fields = (r: { code?: string; action?: string; cause?: unknown }): Failure => ({ code: r.code, action: r.action, cause: r.cause });

const methods: Method[] = [
  ['send', 'send', async (sms, signal) => fields(await sms.send('96598765432', 'hi', { signal }))],
  ['sendBulk', 'send', async (sms, signal) => fields(await sms.sendBulk(['96598765432', '96550000000'], 'hi', { signal }))],
  ['senderIds', 'senderid', async (sms, signal) => fields(await sms.senderIds({ signal }))],
  ['coverage', 'coverage', async (sms, signal) => fields(await sms.coverage({ signal }))],
  ['status', 'status', async (sms, signal) => fields(await sms.status('abc', { signal }))],
  ['deliveryReport', 'dlr', async (sms, signal) => fields(await sms.deliveryReport('abc', { signal }))],
  [
    'verify',
    'balance',
    async (sms, signal) => {
      const r = await sms.verify({ signal });
      expect(r).toMatchObject({ ok: false, balance: null, purchased: null });
      return { code: r.code, action: r.error ?? undefined, cause: r.cause };
    },
  ],
  [
    'validate',
    'validate',
    async (sms, signal) => {
      const r = await sms.validate(['96598765432'], { signal });
      expect(r.ok).toEqual([]);
      return { code: r.code, action: r.error ?? undefined, cause: r.cause };
    },
  ],
];

type Fault = [
  name: string,
  reply: (request: Request, abort: () => void) => Response | Promise<Response>,
  code: string,
  cause: ((cause: unknown, reason: unknown) => void) | undefined,
];

const faults: Fault[] = [
  ['an API error with HTTP 200', () => HttpResponse.json(apiError('ERR003', 'Authentication error')), 'ERR003', undefined],
  ['an API error with HTTP 403', () => HttpResponse.json(apiError('ERR003', 'Authentication error'), { status: 403 }), 'ERR003', undefined],
  ['an API error with HTTP 500', () => HttpResponse.json(apiError('ERR024', 'IP not allowed'), { status: 500 }), 'ERR024', undefined],
  [
    'an HTML 502 page',
    () => new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
    'BAD_RESPONSE',
    (cause) => expect(cause).toBeInstanceOf(SyntaxError),
  ],
  ['an empty body', () => new HttpResponse('', { status: 200 }), 'BAD_RESPONSE', (cause) => expect(cause).toBeInstanceOf(SyntaxError)],
  ['a non-JSON body', () => HttpResponse.text('Service temporarily unavailable'), 'BAD_RESPONSE', (cause) => expect(cause).toBeInstanceOf(SyntaxError)],
  ['JSON without result', () => HttpResponse.json({ status: 'fine' }), 'BAD_RESPONSE', undefined],
  ['a network error', () => HttpResponse.error(), 'NETWORK', (cause) => expect(cause).toBeInstanceOf(TypeError)],
  ['a timeout', (request) => hang(request), 'TIMEOUT', (cause) => expect(cause).toBeInstanceOf(DOMException)],
  [
    'a caller abort',
    (request, abort) => {
      setTimeout(abort, 10);
      return hang(request);
    },
    'ABORTED',
    (cause, reason) => expect(cause).toBe(reason),
  ],
];

const cases = methods.flatMap((method) => faults.map((fault) => [`${method[0]} on ${fault[0]}`, method, fault] as const));

describe('every method resolves to an error result on every fault', () => {
  it.each(cases)('%s', async (_name, [, endpoint, call], [, reply, code, checkCause]) => {
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const seen = gateway(endpoint, (_s, request) => reply(request, () => controller.abort(reason)));
    // Only the timeout case needs a short timeout; a long one elsewhere keeps a slow machine from turning faults into TIMEOUT.
    const sms = client({ timeoutMs: code === 'TIMEOUT' ? 50 : 2_000 });
    const outcome = await call(sms, controller.signal);
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(outcome.code).toBe(code);
    expect(outcome.action).toEqual(expect.stringContaining(apiErrors[code]!));
    if (checkCause === undefined) expect(outcome.cause).toBeUndefined();
    else checkCause(outcome.cause, reason);
  });
});

describe('unknown codes and balance()', () => {
  it('gives an unknown gateway code the generic action', async () => {
    gateway('senderid', () => apiError('ERR099', 'Something new'));
    await expect(client().senderIds()).resolves.toMatchObject({ result: 'ERROR', code: 'ERR099', description: 'Something new', action: GENERIC_ACTION });
    gateway('send', () => apiError('ERR099', 'Something new'));
    const sent = await client().send('96598765432', 'hi');
    expect(sent).toMatchObject({ code: 'ERR099', action: GENERIC_ACTION, errors: [{ action: GENERIC_ACTION }] });
  });

  it.each(faults)('balance() answers null on %s', async (_name, reply) => {
    const controller = new AbortController();
    gateway('balance', (_s, request) => reply(request, () => controller.abort()));
    await expect(client({ timeoutMs: 50 }).balance({ signal: controller.signal })).resolves.toBeNull();
  });

  it('reports a timeout as TIMEOUT and a caller abort as ABORTED, never the other way round', async () => {
    gateway('status', (_s, request) => hang(request));
    const timedOut = await client({ timeoutMs: 30 }).status('x');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const aborted = await client({ timeoutMs: 5_000 }).status('x', { signal: controller.signal });
    expect(timedOut.code).toBe('TIMEOUT');
    expect(aborted.code).toBe('ABORTED');
    expect(timedOut.action).not.toBe(aborted.action);
  });
});
