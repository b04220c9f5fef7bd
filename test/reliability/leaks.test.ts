/**
 * The leak sweep: a client with a distinctive password is driven through every method, on success
 * and on every fault of the matrix, over msw and raw TCP, and through the fake gateway's own faults.
 * Then everything observable is searched for the password (whole, in pieces, URI- and
 * base64-encoded): results and their cause chains, thrown errors, log entries and the log file, the
 * client shown every way Node can show it, and the URLs and headers of every request. The log file
 * must be private (0600).
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, inspect } from 'node:util';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { KwtSMS } from '../../src/client.js';
import { flushLogs } from '../../src/log.js';
import { createFakeGateway } from '../../src/testing/index.js';
import type { Fault } from '../../src/testing/index.js';
import type { LogEntry } from '../../src/types.js';
import { FAULTS, installRoutes, METHODS, runCase, TRANSPORTS, USER, type CaseRun } from './matrix.js';
import { trapUnhandledRejections } from './support.js';

trapUnhandledRejections();
beforeEach(installRoutes);

const PASSWORD = 'Pw-LEAK-7f3a9c';
/**
 * The password and what it would look like half-shown, encoded, or inside Basic auth. (Not its hex
 * tail alone: the fake's random msg-ids could hold it by chance.)
 */
const NEEDLES = [
  PASSWORD,
  'Pw-LEAK',
  'LEAK-7f3a9c',
  encodeURIComponent(PASSWORD),
  Buffer.from(PASSWORD).toString('base64').replace(/=+$/, ''),
  Buffer.from(`${USER}:${PASSWORD}`).toString('base64').replace(/=+$/, ''),
];

const dir = mkdtempSync(join(tmpdir(), 'kwtsms-leaks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** JSON of anything, errors included with their name, message, stack, own fields and cause chain. */
function serialize(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return String(v);
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
    }
    if (v instanceof Error) {
      const own: Record<string, unknown> = {};
      for (const name of Object.getOwnPropertyNames(v)) own[name] = (v as unknown as Record<string, unknown>)[name];
      return { ...own, name: v.name, message: v.message, stack: v.stack, cause: (v as { cause?: unknown }).cause };
    }
    return v;
  });
}

const showAll = (value: unknown): string => inspect(value, { depth: Infinity, showHidden: true, getters: true });

/** Every way to look at a client. */
function views(client: KwtSMS): string[] {
  return [
    JSON.stringify(client),
    showAll(client),
    inspect(client, { depth: Infinity, showHidden: true, customInspect: false }),
    String(client),
    `${client}`,
    format('%o %O %j %s', client, client, client, client),
    JSON.stringify(Object.entries(client)),
    showAll({ ...client }),
    showAll(structuredClone(client)),
  ];
}

function hits(haystack: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of haystack) {
    for (const needle of NEEDLES) if (text.includes(needle)) found.push(`${needle} in ${text.slice(0, 300)}`);
  }
  return found;
}

describe(`the password (${PASSWORD}) appears nowhere`, () => {
  it('after every method, on success and on every fault, over msw and raw TCP', async () => {
    const logFile = join(dir, 'matrix.log');
    const cases: Promise<CaseRun>[] = [];
    for (const transport of TRANSPORTS) {
      for (const fault of FAULTS.filter((f) => f.transports.includes(transport))) {
        for (const method of METHODS) cases.push(runCase(transport, method, fault, { password: PASSWORD, logFile }));
      }
    }
    // Side by side: each case has its own route or server, so this takes as long as the slowest.
    const runs = await Promise.all(cases);
    await flushLogs();

    const haystack: string[] = [];
    let bodiesWithPassword = 0;
    for (const run of runs) {
      haystack.push(serialize(run.settled), showAll(run.settled), serialize(run.logs), ...views(run.client));
      for (const request of run.requests) {
        haystack.push(request.url, JSON.stringify(request.headers), request.head ?? '');
        if (request.body.includes(PASSWORD)) bodiesWithPassword++;
      }
    }
    const logText = readFileSync(logFile, 'utf8');
    haystack.push(logText);

    // The sweep saw real traffic: the password went out, in the body only, on every request.
    expect(runs.length).toBeGreaterThan(400);
    expect(bodiesWithPassword).toBe(runs.reduce((n, run) => n + run.requests.length, 0));
    expect(bodiesWithPassword).toBeGreaterThan(400);
    const entries = logText.trim().split('\n').map((line) => JSON.parse(line) as LogEntry);
    expect(entries.length).toBe(runs.reduce((n, run) => n + run.logs.length, 0));
    expect(entries.every((entry) => entry.request.password === '***')).toBe(true);

    expect(hits(haystack)).toEqual([]);
    expect(statSync(logFile).mode & 0o777).toBe(0o600);
  });

  it('after every method against the fake gateway, on success and on each of its faults', async () => {
    const logFile = join(dir, 'fake.log');
    const logs: LogEntry[] = [];
    const haystack: string[] = [];
    const faults: (Fault | undefined)[] = [undefined, 'ERR003', 'ERR013', 'ERR028', 'HTTP_500', 'HTTP_502', 'HTTP_503', 'NETWORK', 'TIMEOUT', 'BAD_JSON', 'EMPTY'];
    for (const fault of faults) {
      const fake = createFakeGateway({ username: USER, password: PASSWORD, balance: 1_000, coverage: ['965', '44'] });
      const client = new KwtSMS(USER, PASSWORD, {
        fetch: fake.fetch,
        logFile,
        logger: (entry) => logs.push(entry),
        timeoutMs: 30,
        batchDelayMs: 0,
        retryDelaysMs: [0],
        batchSize: 2,
      });
      const call = async <T>(run: () => Promise<T>): Promise<T> => {
        if (fault !== undefined) fake.state.failNext(1, fault);
        return run();
      };
      const sent = await call(() => client.send('96598765432', 'hello'));
      const results: unknown[] = [
        await call(() => client.verify()),
        await call(() => client.balance()),
        sent,
        await call(() => client.sendBulk(['96550000000', '447911123456', '96560000000', '123'], 'bulk')),
        await call(() => client.validate(['96598765432', 'x@y.z'])),
        await call(() => client.senderIds()),
        await call(() => client.coverage()),
        await call(() => client.status(sent.msgId ?? 'none')),
        await call(() => client.deliveryReport(sent.msgId ?? 'none')),
      ];
      haystack.push(...results.map(serialize), ...results.map(showAll), ...views(client), JSON.stringify(fake.state.requests));
    }
    await flushLogs();
    haystack.push(serialize(logs), readFileSync(logFile, 'utf8'));
    expect(logs.length).toBeGreaterThan(90);
    expect(hits(haystack)).toEqual([]);
    expect(statSync(logFile).mode & 0o777).toBe(0o600);
  });

  it('in every error thrown for a programmer mistake', async () => {
    const client = new KwtSMS(USER, PASSWORD);
    const mistakes: (() => unknown)[] = [
      () => new KwtSMS('', PASSWORD),
      () => new KwtSMS(USER, PASSWORD, { timeoutMs: -1 }),
      () => new KwtSMS(USER, PASSWORD, { batchSize: 201 }),
      () => new KwtSMS(USER, PASSWORD, { baseUrl: 'ftp://x' }),
      () => new KwtSMS(USER, PASSWORD, { retryDelaysMs: [Number.NaN] }),
      () => new KwtSMS(USER, PASSWORD, { defaultCountryCode: '0' }),
      () => new KwtSMS(USER, PASSWORD, null as unknown as object),
      () => KwtSMS.fromEnv({ env: { KWTSMS_PASSWORD: PASSWORD }, envFile: '' }),
      () => KwtSMS.fromEnv({ env: { KWTSMS_USERNAME: USER, KWTSMS_PASSWORD: PASSWORD, KWTSMS_SENDER_ID: 'much-too-long-sender' }, envFile: '' }),
      () => client.send(5 as unknown as string, 'hi'),
      () => client.send('96598765432', 5 as unknown as string),
      () => client.send('96598765432', 'hi', { sender: '' }),
      () => client.send([5 as unknown as string], 'hi'),
      () => client.sendBulk('96598765432' as unknown as string[], 'hi'),
      () => client.validate('96598765432' as unknown as string[]),
      () => client.status(5 as unknown as string),
      () => client.deliveryReport({} as unknown as string),
    ];
    const errors: unknown[] = [];
    for (const mistake of mistakes) {
      try {
        await mistake();
      } catch (error) {
        errors.push(error);
      }
    }
    expect(errors).toHaveLength(mistakes.length);
    expect(hits([...errors.map(serialize), ...errors.map(showAll), ...errors.map(String)])).toEqual([]);
  });
});
