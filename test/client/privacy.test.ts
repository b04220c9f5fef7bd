import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, inspect } from 'node:util';
import { HttpResponse } from 'msw';
import { afterAll, describe, expect, it } from 'vitest';
import { KwtSMS } from '../../src/client.js';
import { flushLogs } from '../../src/log.js';
import type { KwtSMSOptions, LogEntry } from '../../src/types.js';
import { apiError, client, gateway, hang, kuwaitNumbers, okSend, PASSWORD, serialize, USER } from '../helpers/gateway.js';

const dir = mkdtempSync(join(tmpdir(), 'kwtsms-privacy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let logCount = 0;
const logPath = (): string => join(dir, `calls-${++logCount}.log`);

/** Every endpoint answering something, so each method can run. */
function answerEverything(reply: (endpoint: string, request: Request) => Response | Record<string, unknown> | Promise<Response>): void {
  for (const endpoint of ['balance', 'senderid', 'coverage', 'validate', 'send', 'status', 'dlr']) {
    gateway(endpoint, (_s, request) => reply(endpoint, request));
  }
}

const okAnswers: Record<string, Record<string, unknown>> = {
  balance: { result: 'OK', available: 10, purchased: 20 },
  senderid: { result: 'OK', senderid: ['KWT-SMS'] },
  coverage: { result: 'OK', prefixes: ['965'] },
  validate: { result: 'OK', mobile: { OK: ['96598765432'], ER: [], NR: [] } },
  send: { result: 'OK', 'msg-id': 'm', numbers: 1, 'points-charged': 1, 'balance-after': 9, 'unix-timestamp': 1 },
  status: { result: 'OK', status: 'sent', description: 'd' },
  dlr: { result: 'OK', report: [{ Number: '96598765432', Status: 'DELIVERED' }] },
};

/** Runs every method once and returns every result. */
async function everyResult(sms: KwtSMS): Promise<unknown[]> {
  return [
    await sms.verify(),
    await sms.balance(),
    await sms.senderIds(),
    await sms.coverage(),
    await sms.validate(['96598765432', '123']),
    await sms.send('96598765432,123', 'hi'),
    await sms.sendBulk(['96598765432'], 'hi'),
    await sms.send('123', 'hi'),
    await sms.send('96598765432', '\u{1F600}'),
    await sms.status('m'),
    await sms.deliveryReport('m'),
  ];
}

function expectNoPassword(text: string): void {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(encodeURIComponent(PASSWORD));
}

describe('the password never shows', () => {
  const sms = new KwtSMS(USER, PASSWORD, { senderId: 'MY-APP' });

  it.each([
    ['JSON.stringify', () => JSON.stringify(sms)],
    ['util.inspect', () => inspect(sms)],
    ['util.inspect with showHidden', () => inspect(sms, { showHidden: true, depth: Infinity, getters: true })],
    ['util.inspect without customInspect', () => inspect(sms, { customInspect: false, showHidden: true, depth: Infinity })],
    ['util.format %o', () => format('%o', sms)],
    ['util.format %j', () => format('%j', sms)],
    ['String()', () => String(sms)],
    ['a template literal', () => `${sms}`],
    ['Object.entries', () => JSON.stringify(Object.entries(sms))],
    ['a spread copy', () => inspect({ ...sms }, { showHidden: true })],
  ])('in %s', (_name, show) => {
    const text = show();
    expectNoPassword(text);
    expect(text).toContain(USER);
  });

  it('toJSON shows only the safe fields', () => {
    expect(sms.toJSON()).toEqual({ username: USER, senderId: 'MY-APP', testMode: false, baseUrl: 'https://www.kwtsms.com/API/' });
    expect(Object.keys(sms)).not.toContain('password');
  });

  it('in any result, successful or not', async () => {
    const results: unknown[] = [];
    answerEverything((endpoint) => okAnswers[endpoint]!);
    results.push(...(await everyResult(client())));
    for (const fault of [
      () => HttpResponse.json(apiError('ERR003', 'Authentication error'), { status: 403 }),
      () => new HttpResponse('<html>502</html>', { status: 502 }),
      () => HttpResponse.text('not json'),
      () => HttpResponse.error(),
    ]) {
      answerEverything(() => fault());
      results.push(...(await everyResult(client())));
    }
    answerEverything((_e, request) => hang(request));
    results.push(...(await everyResult(client({ timeoutMs: 20 }))));
    answerEverything((_e, request) => hang(request));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 20);
    results.push(await client().send('96598765432', 'hi', { signal: controller.signal }));
    expect(results.length).toBeGreaterThan(60);
    for (const result of results) {
      expectNoPassword(serialize(result));
      expectNoPassword(inspect(result, { showHidden: true, depth: Infinity }));
    }
  });

  it.each<[string, () => unknown]>([
    ['a bad senderId', () => new KwtSMS(USER, PASSWORD, { senderId: '' })],
    ['a bad batchSize', () => new KwtSMS(USER, PASSWORD, { batchSize: 0 })],
    ['a bad baseUrl', () => new KwtSMS(USER, PASSWORD, { baseUrl: 'nope' })],
    ['a bad fetch', () => new KwtSMS(USER, PASSWORD, { fetch: 1 as unknown as typeof fetch })],
    ['a missing username', () => new KwtSMS('', PASSWORD)],
    ['a bad timeout', () => new KwtSMS(USER, PASSWORD, { timeoutMs: -1 })],
    ['fromEnv without username', () => KwtSMS.fromEnv({ env: { KWTSMS_PASSWORD: PASSWORD }, envFile: '' })],
    ['sendBulk with a string', () => new KwtSMS(USER, PASSWORD).sendBulk('x' as unknown as string[], 'hi')],
  ])('in the error thrown for %s', async (_name, build) => {
    let error: unknown;
    try {
      await build();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expectNoPassword(serialize(error));
    expectNoPassword(String(error));
  });

  it.each<[string, (sms: KwtSMS) => Promise<unknown>]>([
    ['send with a bad sender', (s) => s.send('96598765432', 'hi', { sender: '' })],
    ['send with a number', (s) => s.send(5 as unknown as string, 'hi')],
    ['status with a number', (s) => s.status(5 as unknown as string)],
  ])('in the rejection for %s', async (_name, call) => {
    const error = await call(new KwtSMS(USER, PASSWORD)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expectNoPassword(serialize(error));
  });
});

describe('logging', () => {
  it('gives every entry a masked password, and no entry or log line holds the password', async () => {
    const entries: LogEntry[] = [];
    const path = logPath();
    answerEverything((endpoint) => okAnswers[endpoint]!);
    await everyResult(client({ logger: (e) => entries.push(e), logFile: path }));
    answerEverything(() => HttpResponse.json(apiError('ERR003'), { status: 403 }));
    await everyResult(client({ logger: (e) => entries.push(e), logFile: path }));
    await flushLogs();
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) {
      expect(entry.request.password).toBe('***');
      expect(entry.request.username).toBe(USER);
      expectNoPassword(serialize(entry));
    }
    const text = readFileSync(path, 'utf8');
    expectNoPassword(text);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(entries.length);
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(JSON.parse(JSON.stringify(entries)));
  });

  it('writes one entry per HTTP request: 3 batches with one ERR013 retry give 4', async () => {
    let refused = false;
    gateway('send', (s) => {
      if (s.call === 1 && !refused) {
        refused = true;
        return apiError('ERR013', 'Queue full');
      }
      return okSend(s);
    });
    const entries: LogEntry[] = [];
    const path = logPath();
    const result = await client({ batchDelayMs: 20, logger: (e) => entries.push(e), logFile: path }).sendBulk(kuwaitNumbers(450), 'hi');
    await flushLogs();
    expect(result).toMatchObject({ result: 'OK', batches: 3 });
    expect(entries).toHaveLength(4);
    expect(entries.map((e) => [e.endpoint, e.ok])).toEqual([
      ['send', true],
      ['send', false],
      ['send', true],
      ['send', true],
    ]);
    expect(entries[1]!.error).toMatch(/^ERR013/);
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(4);
  });

  it('makes no entry when no request is made', async () => {
    const seen = gateway('status', () => ({ result: 'OK', status: 'sent' }));
    const entries: LogEntry[] = [];
    const sms = client({ logger: (e) => entries.push(e) });
    await sms.send('123', 'hi');
    await sms.send('96598765432', '');
    await sms.validate(['1']);
    const cancelled = AbortSignal.abort();
    await expect(sms.status('m', { signal: cancelled })).resolves.toMatchObject({ code: 'ABORTED' });
    await expect(sms.sendBulk(['96598765432'], 'hi', { signal: cancelled })).resolves.toMatchObject({ code: 'ABORTED' });
    await expect(sms.verify({ signal: cancelled })).resolves.toMatchObject({ code: 'ABORTED' });
    expect(seen).toHaveLength(0);
    expect(entries).toEqual([]);
  });

  it('creates the log file with mode 0600 as JSONL', async () => {
    gateway('balance', () => ({ result: 'OK', available: 1 }));
    const path = logPath();
    const sms = client({ logFile: path });
    await sms.balance();
    await sms.balance();
    await flushLogs();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    for (const line of lines.slice(0, 2)) {
      expect(JSON.parse(line)).toMatchObject({ endpoint: 'balance', ok: true, request: { username: USER, password: '***' }, error: null });
    }
  });

  it.each<[string, KwtSMSOptions]>([
    [
      'a throwing logger',
      {
        logger: () => {
          throw new Error('logger broke');
        },
      },
    ],
    ['an unwritable log file', { logFile: join(dir, 'no-such-dir', 'deeper', 'x.log') }],
  ])('%s never changes a result', async (_name, options) => {
    answerEverything((endpoint) => okAnswers[endpoint]!);
    const expected = await everyResult(client());
    answerEverything((endpoint) => okAnswers[endpoint]!);
    const got = await everyResult(client(options));
    await flushLogs();
    expect(got).toEqual(expected);

    answerEverything(() => HttpResponse.error());
    const expectedErrors = serialize(await everyResult(client()));
    answerEverything(() => HttpResponse.error());
    const gotErrors = serialize(await everyResult(client(options)));
    await flushLogs();
    // Causes hold stacks that differ by line; compare codes and shapes instead.
    expect(gotErrors.replace(/"stack":"[^"]*"/g, '')).toBe(expectedErrors.replace(/"stack":"[^"]*"/g, ''));
  });
});
