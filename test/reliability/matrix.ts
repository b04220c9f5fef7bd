/**
 * The fault matrix: every endpoint method of the client, every way a gateway,
 * a proxy or the network can fail, and two transports to stage them (msw, and
 * a raw TCP server reached through msw's passthrough). Shared by the fault
 * suite, which checks each result, and the leak sweep, which searches all of
 * it for the password.
 */
import { http, HttpResponse, passthrough } from 'msw';
import { KwtSMS } from '../../src/client.js';
import type { KwtSMSOptions, LogEntry } from '../../src/types.js';
import { server } from '../msw.js';
import { sleepMs, startRawServer, type RawAction, type RawServer } from './support.js';

export type Transport = 'msw' | 'raw';
export const TRANSPORTS: readonly Transport[] = ['msw', 'raw'];

export const USER = 'api_user';
export const ONE = '96598765432';
/** Two batches at batchSize 2. */
export const BULK = ['96598765432', '96550000000', '96560000000'];

/** What a method's result says, read from its own shape. */
export interface View {
  /** `'OK'` on success, else the result's code. */
  code: string | undefined;
  /** The developer-facing action: `action`, or for verify()/validate() the `error` text that carries it; none for balance(). */
  action: string | undefined;
}

export interface MethodSpec {
  name: string;
  endpoint: string;
  /** Requests the method makes when none is retried. */
  requests: number;
  /** Whether ERR013 is retried after `retryDelaysMs` (the methods that go through runBatches). */
  retriesErr013: boolean;
  /** Valid numbers sent, for send and sendBulk: every one must be accounted for. */
  numbers?: readonly string[];
  run(sms: KwtSMS, signal: AbortSignal, logs: readonly LogEntry[]): Promise<{ view: View; result: unknown }>;
}

const plain = (r: { result: string; code?: string; action?: string }): View => ({
  code: r.result === 'OK' ? 'OK' : r.code,
  action: r.action,
});

export const METHODS: readonly MethodSpec[] = [
  {
    name: 'verify',
    endpoint: 'balance',
    requests: 1,
    retriesErr013: false,
    run: async (sms, signal) => {
      const result = await sms.verify({ signal });
      return { result, view: { code: result.ok ? 'OK' : result.code, action: result.error ?? undefined } };
    },
  },
  {
    name: 'balance',
    endpoint: 'balance',
    requests: 1,
    retriesErr013: false,
    // balance() resolves to a number or null: the code is read off its one log entry (an OK
    // transport answer that balance() still refused is the shape check: BAD_RESPONSE).
    run: async (sms, signal, logs) => {
      const result = await sms.balance({ signal });
      const entry = logs.at(-1);
      const code = result !== null ? 'OK' : entry === undefined || entry.ok ? 'BAD_RESPONSE' : entry.error?.split(':')[0];
      return { result, view: { code, action: undefined } };
    },
  },
  {
    name: 'send',
    endpoint: 'send',
    requests: 1,
    retriesErr013: true,
    numbers: [ONE],
    run: async (sms, signal) => {
      const result = await sms.send(ONE, 'Your code is 1234', { signal });
      return { result, view: plain(result) };
    },
  },
  {
    name: 'sendBulk',
    endpoint: 'send',
    requests: 2,
    retriesErr013: true,
    numbers: BULK,
    run: async (sms, signal) => {
      const result = await sms.sendBulk(BULK, 'Campaign text', { signal });
      return { result, view: plain(result) };
    },
  },
  {
    name: 'validate',
    endpoint: 'validate',
    requests: 1,
    retriesErr013: true,
    run: async (sms, signal) => {
      const result = await sms.validate([ONE, '123'], { signal });
      return { result, view: { code: result.error === null ? 'OK' : result.code, action: result.error ?? undefined } };
    },
  },
  {
    name: 'senderIds',
    endpoint: 'senderid',
    requests: 1,
    retriesErr013: false,
    run: async (sms, signal) => {
      const result = await sms.senderIds({ signal });
      return { result, view: plain(result) };
    },
  },
  {
    name: 'coverage',
    endpoint: 'coverage',
    requests: 1,
    retriesErr013: false,
    run: async (sms, signal) => {
      const result = await sms.coverage({ signal });
      return { result, view: plain(result) };
    },
  },
  {
    name: 'status',
    endpoint: 'status',
    requests: 1,
    retriesErr013: false,
    run: async (sms, signal) => {
      const result = await sms.status('f4c841adee210f31307633ceaebff2ec', { signal });
      return { result, view: plain(result) };
    },
  },
  {
    name: 'deliveryReport',
    endpoint: 'dlr',
    requests: 1,
    retriesErr013: false,
    run: async (sms, signal) => {
      const result = await sms.deliveryReport('f4c841adee210f31307633ceaebff2ec', { signal });
      return { result, view: plain(result) };
    },
  },
];

type Json = Record<string, unknown>;

function mobileCount(body: Json): number {
  return typeof body.mobile === 'string' ? body.mobile.split(',').length : 0;
}

/** The documented OK answer of each endpoint. */
export function okAnswer(endpoint: string, body: Json, index: number): Json {
  switch (endpoint) {
    case 'balance':
      return { result: 'OK', available: 100, purchased: 200 };
    case 'senderid':
      return { result: 'OK', senderid: ['KWT-SMS', 'MY-APP'] };
    case 'coverage':
      return { result: 'OK', prefixes: ['965', '966'] };
    case 'validate':
      return { result: 'OK', mobile: { OK: [ONE], ER: [], NR: [] } };
    case 'send': {
      const n = mobileCount(body);
      return { result: 'OK', 'msg-id': `msg-${index}`, numbers: n, 'points-charged': n, 'balance-after': 100 - n, 'unix-timestamp': 1_700_000_000 };
    }
    case 'status':
      return { result: 'OK', status: 'sent', description: 'Message successfully sent to gateway' };
    case 'dlr':
      return { result: 'OK', report: [{ Number: ONE, Status: 'DELIVERED' }] };
    default:
      return { result: 'ERROR', code: 'ERR002', description: `unknown endpoint ${endpoint}` };
  }
}

/** Every number the gateway sends as a number, sent as a numeric string instead: accepted by design. */
function numericStrings(endpoint: string, body: Json, index: number): Json {
  switch (endpoint) {
    case 'balance':
      return { result: 'OK', available: '100', purchased: ' 200 ' };
    case 'send': {
      const n = String(mobileCount(body));
      return { result: 'OK', 'msg-id': `msg-${index}`, numbers: n, 'points-charged': n, 'balance-after': '99', 'unix-timestamp': '1700000000' };
    }
    case 'coverage':
      return { result: 'OK', prefixes: [965, '966'] };
    case 'validate':
      return { result: 'OK', mobile: { OK: [96598765432], ER: [], NR: [] } };
    case 'dlr':
      return { result: 'OK', report: [{ Number: 96598765432, Status: 'DELIVERED' }] };
    default:
      return okAnswer(endpoint, body, index);
  }
}

/** OK answers whose fields have the wrong type or container: each must be BAD_RESPONSE. */
const WRONG_SHAPES: Record<string, Record<string, Json>> = {
  'non-numeric strings where numbers or lists belong': {
    balance: { result: 'OK', available: 'lots', purchased: 'plenty' },
    send: { result: 'OK', 'msg-id': 'msg-1', numbers: 'one', 'points-charged': 'one', 'balance-after': 'many' },
    validate: { result: 'OK', mobile: '96598765432' },
    senderid: { result: 'OK', senderid: 'KWT-SMS' },
    coverage: { result: 'OK', prefixes: '965' },
    status: { result: 'OK', status: 404, description: 404 },
    dlr: { result: 'OK', report: '96598765432 DELIVERED' },
  },
  'nulls in every field': {
    balance: { result: 'OK', available: null, purchased: null },
    send: { result: 'OK', 'msg-id': null, numbers: null, 'points-charged': null, 'balance-after': null, 'unix-timestamp': null },
    validate: { result: 'OK', mobile: { OK: null, ER: null, NR: null } },
    senderid: { result: 'OK', senderid: null },
    coverage: { result: 'OK', prefixes: null, coverage: null, list: null, countries: null },
    status: { result: 'OK', status: null, description: null },
    dlr: { result: 'OK', report: null },
  },
  'arrays where scalars belong, objects where arrays belong': {
    balance: { result: 'OK', available: [100], purchased: [200] },
    send: { result: 'OK', 'msg-id': ['msg-1'], numbers: [1], 'points-charged': [1] },
    validate: { result: 'OK', mobile: [[ONE], [], []] },
    senderid: { result: 'OK', senderid: { 0: 'KWT-SMS' } },
    coverage: { result: 'OK', prefixes: { 965: 'Kuwait' } },
    status: { result: 'OK', status: ['sent'], description: ['sent'] },
    dlr: { result: 'OK', report: { Number: ONE, Status: 'DELIVERED' } },
  },
};

const json = (status: number, value: unknown): RawAction => ({
  kind: 'respond',
  status,
  contentType: 'application/json',
  body: JSON.stringify(value) ?? '',
});
const html = (status: number, reason: string): RawAction => ({
  kind: 'respond',
  status,
  contentType: 'text/html; charset=utf-8',
  body: `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body><center><h1>${status} ${reason}</h1></center><hr><center>nginx</center></body>\r\n</html>\r\n`,
});

export interface FaultSpec {
  name: string;
  transports: readonly Transport[];
  /** Raw transport: reset every connection before reading a byte. */
  resetOnConnect?: boolean;
  reply(endpoint: string, body: Json, index: number): RawAction;
  /** `'OK'` or the code the method's result must carry. */
  expected(method: MethodSpec): string;
  /** @default 5000: long, so a transport timer left running is still there to be found. */
  timeoutMs?: number;
  retryDelaysMs?: number[];
  /** The caller aborts its signal this long after the server has received the method's requests. */
  abortAfterMs?: number;
  /** The call must resolve within this many ms. */
  maxMs?: number;
  /**
   * The call gives up while its request may still be on its way (a timeout or abort before any
   * answer): on a busy machine the server may see it late, or not at all. Never more than sent.
   */
  gaveUpEarly?: boolean;
}

const always =
  (code: string) =>
  (): string =>
    code;
const BOTH = TRANSPORTS;
const TIMEOUT_MS = 40;

export const FAULTS: readonly FaultSpec[] = [
  { name: 'success', transports: BOTH, reply: (e, b, i) => json(200, okAnswer(e, b, i)), expected: always('OK') },
  {
    name: 'numbers sent as numeric strings (accepted by design)',
    transports: BOTH,
    reply: (e, b, i) => json(200, numericStrings(e, b, i)),
    expected: always('OK'),
  },
  { name: 'HTTP 500 with an HTML page', transports: BOTH, reply: () => html(500, 'Internal Server Error'), expected: always('BAD_RESPONSE') },
  { name: 'HTTP 502 with an HTML page', transports: BOTH, reply: () => html(502, 'Bad Gateway'), expected: always('BAD_RESPONSE') },
  { name: 'HTTP 503 with an HTML page', transports: BOTH, reply: () => html(503, 'Service Unavailable'), expected: always('BAD_RESPONSE') },
  {
    name: 'HTTP 403 with a JSON error',
    transports: BOTH,
    reply: () => json(403, { result: 'ERROR', code: 'ERR003', description: 'Authentication error, username or password are not correct' }),
    expected: always('ERR003'),
  },
  {
    name: 'HTTP 200 with an empty body',
    transports: BOTH,
    reply: () => ({ kind: 'respond', status: 200, contentType: 'application/json', body: '' }),
    expected: always('BAD_RESPONSE'),
  },
  {
    name: 'truncated JSON',
    transports: BOTH,
    reply: (e, b, i) => {
      const text = JSON.stringify(okAnswer(e, b, i));
      return { kind: 'respond', status: 200, contentType: 'application/json', body: text.slice(0, text.length >> 1) };
    },
    expected: always('BAD_RESPONSE'),
  },
  ...Object.entries(WRONG_SHAPES).map(
    ([name, answers]): FaultSpec => ({
      name,
      transports: BOTH,
      reply: (e) => json(200, answers[e] ?? {}),
      expected: always('BAD_RESPONSE'),
    }),
  ),
  {
    name: 'an OK answer with no payload',
    transports: BOTH,
    reply: () => json(200, { result: 'OK' }),
    expected: always('BAD_RESPONSE'),
  },
  {
    name: 'JSON without "result"',
    transports: BOTH,
    reply: (e, b, i) => {
      const { result: _result, ...rest } = okAnswer(e, b, i);
      return json(200, rest);
    },
    expected: always('BAD_RESPONSE'),
  },
  {
    name: '"result": null',
    transports: BOTH,
    reply: (e, b, i) => json(200, { ...okAnswer(e, b, i), result: null }),
    expected: always('BAD_RESPONSE'),
  },
  {
    name: 'an unknown "result"',
    transports: BOTH,
    reply: (e, b, i) => json(200, { ...okAnswer(e, b, i), result: 'MAYBE' }),
    expected: always('BAD_RESPONSE'),
  },
  {
    name: 'an ERROR with null code and description',
    transports: BOTH,
    reply: () => json(500, { result: 'ERROR', code: null, description: null }),
    expected: always('BAD_RESPONSE'),
  },
  { name: 'a top-level array', transports: BOTH, reply: (e, b, i) => json(200, [okAnswer(e, b, i)]), expected: always('BAD_RESPONSE') },
  { name: 'a top-level number', transports: BOTH, reply: () => json(200, 42), expected: always('BAD_RESPONSE') },
  { name: 'a top-level null', transports: BOTH, reply: () => json(200, null), expected: always('BAD_RESPONSE') },
  { name: 'a top-level string', transports: BOTH, reply: () => json(200, 'OK'), expected: always('BAD_RESPONSE') },
  {
    name: 'connection reset before the request is read',
    transports: ['raw'],
    resetOnConnect: true,
    reply: () => ({ kind: 'reset' }),
    expected: always('NETWORK'),
  },
  {
    // msw has one network error; it stands for both resets.
    name: 'connection reset after the request is read',
    transports: BOTH,
    reply: () => ({ kind: 'reset' }),
    expected: always('NETWORK'),
  },
  { name: 'connection closed after the request is read', transports: ['raw'], reply: () => ({ kind: 'destroy' }), expected: always('NETWORK') },
  {
    name: 'connection reset in the middle of the body',
    transports: BOTH,
    reply: (e, b, i) => ({ kind: 'cut-body', body: JSON.stringify(okAnswer(e, b, i)) }),
    expected: always('NETWORK'),
  },
  {
    name: 'a server that never answers',
    gaveUpEarly: true,
    transports: BOTH,
    reply: () => ({ kind: 'hang' }),
    expected: always('TIMEOUT'),
    timeoutMs: TIMEOUT_MS,
    maxMs: TIMEOUT_MS + 2_000,
  },
  {
    name: 'headers, then a body that trickles past the timeout',
    gaveUpEarly: true,
    transports: BOTH,
    reply: () => ({ kind: 'trickle' }),
    expected: always('TIMEOUT'),
    timeoutMs: TIMEOUT_MS,
    maxMs: TIMEOUT_MS + 2_000,
  },
  {
    name: 'a caller abort mid-request',
    transports: BOTH,
    reply: () => ({ kind: 'hang' }),
    expected: always('ABORTED'),
    abortAfterMs: 10,
    maxMs: 2_000,
  },
  {
    // Only the batched methods wait and retry on ERR013; the others return it at once.
    name: 'a caller abort during the ERR013 backoff',
    transports: BOTH,
    reply: () => json(200, { result: 'ERROR', code: 'ERR013', description: 'The send queue is full, try again later' }),
    expected: (method) => (method.retriesErr013 ? 'ABORTED' : 'ERR013'),
    retryDelaysMs: [60_000, 60_000],
    abortAfterMs: 30,
    maxMs: 2_000,
  },
];

/** One request as the server saw it. */
export interface Recorded {
  url: string;
  method: string;
  /** Header lines, lower-case names. */
  headers: Record<string, string>;
  /** The raw request line and header block (raw transport only). */
  head?: string;
  body: string;
}

export interface CaseRun {
  settled: { value: { view: View; result: unknown } } | { error: unknown };
  elapsedMs: number;
  /** From the caller's abort to the call resolving, when the caller aborted. */
  afterAbortMs: number | undefined;
  /** Requests received by the time the call resolved. */
  requests: Recorded[];
  /** Requests received 25 ms after an aborted call resolved (a retry that should not happen lands here). */
  requestsLater: number;
  /** Connections the raw server accepted (raw transport). */
  connections: number;
  logs: LogEntry[];
  signal: AbortSignal;
  client: KwtSMS;
}

function parseJson(text: string): Json {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
  } catch {
    return {};
  }
}

/** '/API/send/' or 'https://…/API/send/' -> 'send'. */
function endpointOf(url: string): string {
  return url.split('/').filter(Boolean).at(-1) ?? '';
}

function untilAborted(request: Request): Promise<Response> {
  return new Promise((resolve) => {
    const fail = (): void => resolve(HttpResponse.error());
    if (request.signal.aborted) fail();
    else request.signal.addEventListener('abort', fail, { once: true });
  });
}

/** A body that starts, then gains one byte every 10 ms, until the request is aborted or the stream cancelled. */
function trickle(request: Request): Response {
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = (): void => clearInterval(timer);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('{'));
      timer = setInterval(() => controller.enqueue(encoder.encode(' ')), 10);
      request.signal.addEventListener(
        'abort',
        () => {
          stop();
          controller.error(request.signal.reason);
        },
        { once: true },
      );
    },
    cancel: stop,
  });
  return new HttpResponse(stream, { status: 200, headers: { 'Content-Type': 'application/json' } });
}

/** Half the body, then the stream fails as a dropped connection does. */
function cutBody(body: string): Response {
  const bytes = new TextEncoder().encode(body);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.subarray(0, bytes.length >> 1));
      controller.error(new TypeError('terminated', { cause: new Error('other side closed') }));
    },
  });
  return new HttpResponse(stream, { status: 200, headers: { 'Content-Type': 'application/json' } });
}

function mswResponse(action: RawAction, request: Request): Response | Promise<Response> {
  switch (action.kind) {
    case 'respond':
      return new HttpResponse(action.body, { status: action.status, headers: { 'Content-Type': action.contentType } });
    case 'reset':
    case 'destroy':
      return HttpResponse.error();
    case 'hang':
      return untilAborted(request);
    case 'trickle':
      return trickle(request);
    case 'cut-body':
      return cutBody(action.body);
  }
}

export interface CaseOptions {
  password: string;
  logFile?: string;
  /** Extra client options. */
  client?: KwtSMSOptions;
}

type MswRoute = (request: Request) => Promise<Response>;
const mswRoutes = new Map<string, MswRoute>();
let nextCase = 0;

/**
 * Installs the two msw handlers every case relies on: one that hands each request to the case
 * named in its path (`/case-N/API/...`), so cases can run side by side, and a passthrough for
 * 127.0.0.1, where the raw TCP servers listen. Call it in `beforeEach`: setup.ts resets handlers
 * after each test.
 */
export function installRoutes(): void {
  server.use(
    http.all(/^http:\/\/127\.0\.0\.1[:/]/, () => passthrough()),
    http.all(/^https:\/\/www\.kwtsms\.com\/case-\d+\//, async ({ request }) => {
      const id = new URL(request.url).pathname.split('/')[1] ?? '';
      const route = mswRoutes.get(id);
      return route === undefined ? HttpResponse.text(`no case ${id}`, { status: 599 }) : await route(request);
    }),
  );
}

/** Runs one method against one fault over one transport, and records everything observable. */
export async function runCase(transport: Transport, method: MethodSpec, fault: FaultSpec, options: CaseOptions): Promise<CaseRun> {
  const requests: Recorded[] = [];
  const logs: LogEntry[] = [];
  const id = `case-${++nextCase}`;
  const controller = new AbortController();
  let abortTimer: ReturnType<typeof setTimeout> | undefined;
  let abortedAt: number | undefined;
  const received = (request: Recorded): void => {
    requests.push(request);
    if (requests.length === method.requests && fault.abortAfterMs !== undefined) {
      abortTimer = setTimeout(() => {
        abortedAt = performance.now();
        controller.abort(new Error('the caller gave up'));
      }, fault.abortAfterMs);
    }
  };
  let raw: RawServer | undefined;
  let baseUrl = `https://www.kwtsms.com/${id}/API/`;
  if (transport === 'raw') {
    raw = await startRawServer({
      resetOnConnect: fault.resetOnConnect ?? false,
      handle: (request, index) => {
        received({ url: request.path, method: request.method, headers: request.headers, head: request.head, body: request.body });
        return fault.reply(endpointOf(request.path), parseJson(request.body), index);
      },
    });
    baseUrl = raw.baseUrl;
  } else {
    mswRoutes.set(id, async (request) => {
      const body = await request.clone().text();
      const index = requests.length;
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      received({ url: request.url, method: request.method, headers, body });
      return mswResponse(fault.reply(endpointOf(new URL(request.url).pathname), parseJson(body), index), request);
    });
  }
  const client = new KwtSMS(USER, options.password, {
    baseUrl,
    timeoutMs: fault.timeoutMs ?? 5_000,
    batchDelayMs: 0,
    batchSize: 2,
    retryDelaysMs: fault.retryDelaysMs ?? [],
    logger: (entry) => logs.push(entry),
    ...(options.logFile === undefined ? {} : { logFile: options.logFile }),
    ...options.client,
  });
  const started = performance.now();
  let settled: CaseRun['settled'];
  try {
    settled = { value: await method.run(client, controller.signal, logs) };
  } catch (error) {
    settled = { error };
  }
  const ended = performance.now();
  const elapsedMs = ended - started;
  const afterAbortMs = abortedAt === undefined ? undefined : ended - abortedAt;
  clearTimeout(abortTimer);
  const atEnd = requests.length;
  // A retry that an abort failed to stop would come now.
  if (fault.abortAfterMs !== undefined) await sleepMs(25);
  const requestsLater = requests.length;
  const connections = raw?.connections() ?? requests.length;
  await raw?.close();
  mswRoutes.delete(id);
  return { settled, elapsedMs, afterAbortMs, requests: requests.slice(0, atEnd), requestsLater, connections, logs, signal: controller.signal, client };
}
