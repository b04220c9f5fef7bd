/**
 * createSmsQueue in one process: argument checks, refusals before any job, idempotency by id,
 * withdrawing a send (before and during its request), a client that throws, test-mode refusals,
 * and what stays in Redis. A worker in this process sends through the fake gateway's fetch
 * directly (no HTTP), or through a stand-in client.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KwtSMS, type SendResult } from '../../src/index.js';
import { createSmsQueue, type SmsQueue, type SmsWorker } from '../../src/bullmq/index.js';
import { createFakeGateway, type FakeGateway } from '../../src/testing/index.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { numbers } from './gateway.js';

let redis: RedisServer;
let client: Redis;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.port, '127.0.0.1');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});
afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

let names = 0;
function newQueue(gapMs = 10): SmsQueue {
  const queue = createSmsQueue({ connection: { host: '127.0.0.1', port: redis.port }, name: `q${++names}`, gapMs, retryDelaysMs: [50] });
  open.push(queue);
  return queue;
}

function newWorker(queue: SmsQueue, options: { testMode?: boolean } = {}): { fake: FakeGateway; worker: SmsWorker } {
  let clock = Date.UTC(2026, 0, 1);
  const fake = createFakeGateway({ balance: 1e6, now: () => (clock += 60_000) });
  const sms = new KwtSMS('user', 'secret', { fetch: fake.fetch, testMode: options.testMode ?? false });
  const worker = queue.createWorker(sms);
  open.unshift(worker);
  return { fake, worker };
}

async function jobCount(name: string): Promise<number> {
  const bull = new Queue(name, { connection: { host: '127.0.0.1', port: redis.port } });
  const counts = await bull.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed');
  await bull.close();
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

describe('createSmsQueue options', () => {
  it.each([
    [{}, 'needs a `connection`'],
    [{ connection: {}, name: 'a:b' }, 'option `name` must be a non-empty string without `:`, got "a:b"'],
    [{ connection: {}, gapMs: -1 }, 'option `gapMs` must be milliseconds >= 0, got -1'],
    [{ connection: {}, retryDelaysMs: [1, 'x'] }, 'option `retryDelaysMs` must be an array of milliseconds >= 0, got object'],
    [{ connection: {}, defaultCountryCode: '+965' }, "option `defaultCountryCode` must be 1 to 3 digits, such as '965', got \"+965\""],
  ])('%j -> TypeError', (options, message) => {
    // @ts-expect-error: wrong on purpose
    expect(() => createSmsQueue(options)).toThrow(TypeError);
    // @ts-expect-error: wrong on purpose
    expect(() => createSmsQueue(options)).toThrow(`kwtsms/bullmq: createSmsQueue ${message}`);
  });
});

describe('addCampaign', () => {
  it('splits into batches of 200, reports invalid and duplicate inputs, and is idempotent by id', async () => {
    const queue = newQueue();
    const list = [...numbers(450), '123', '+965 9000 0000'];
    const figures = await queue.addCampaign({ id: 'c1', numbers: list, message: 'Hello' });
    expect(figures).toEqual({
      id: 'c1',
      batches: 3,
      numbers: 450,
      invalid: [{ input: '123', error: "'123' is too short (3 digits, minimum is 7)" }],
      duplicates: 1,
    });
    expect(await jobCount(queue.name)).toBe(3);
    // Again, even with other numbers and text: nothing added, the first figures back.
    expect(await queue.addCampaign({ id: 'c1', numbers: numbers(10), message: 'Other' })).toEqual(figures);
    expect(await jobCount(queue.name)).toBe(3);
    expect(await queue.campaign('c1')).toMatchObject({ id: 'c1', state: 'waiting', batches: 3, done: 0, pending: 3 });
  });

  it('refuses an empty message with every valid number in one error, and adds no job', async () => {
    const queue = newQueue();
    const figures = await queue.addCampaign({ id: 'empty', numbers: ['96598765432', 'x'], message: ' \u200B ' });
    expect(figures).toMatchObject({ id: 'empty', batches: 0, numbers: 1, code: 'ERR009', description: 'The message is empty after cleanMessage().' });
    expect(await jobCount(queue.name)).toBe(0);
    const status = await queue.campaign('empty');
    expect(status).toMatchObject({ state: 'done', batches: 0, done: 0, pending: 0 });
    expect(status?.result).toMatchObject({ result: 'ERROR', code: 'ERR009', batches: 0, numbers: 0 });
    expect(status?.result.errors).toEqual([expect.objectContaining({ batch: 0, code: 'ERR009', numbers: ['96598765432'] })]);
    expect(status?.result.invalid).toHaveLength(1);
  });

  it('throws a TypeError for a missing id, numbers that are not strings, or a bad sender', async () => {
    const queue = newQueue();
    // @ts-expect-error: wrong on purpose
    await expect(queue.addCampaign({ numbers: [], message: 'x' })).rejects.toThrow('`id` must be a string of 1 to 200 characters');
    // @ts-expect-error: wrong on purpose
    await expect(queue.addCampaign({ id: 'a', numbers: 5, message: 'x' })).rejects.toThrow('`numbers` must be a string or an array');
    await expect(queue.addCampaign({ id: 'a', numbers: [], message: 'x', sender: 'TWELVE-CHARS' })).rejects.toThrow(
      'option `sender` must be a string of 1 to 11 characters, got "TWELVE-CHARS"',
    );
  });

  it('sends every batch once through a worker and accounts for every number', async () => {
    const queue = newQueue();
    const { fake } = newWorker(queue);
    await queue.addCampaign({ id: 'run', numbers: numbers(401), message: 'Sale' });
    let status = await queue.campaign('run');
    while (status?.state !== 'done') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await queue.campaign('run');
    }
    expect(status.result).toMatchObject({ result: 'OK', numbers: 401, pointsCharged: 401, batches: 3, errors: [], invalid: [] });
    expect(status.result.msgIds).toEqual(fake.state.sent.map((m) => m.msgId));
    expect(fake.state.sent.map((m) => m.numbers.length)).toEqual([200, 200, 1]);
    expect(status.result.balanceAfter).toBe(1e6 - 401);
  });

  it('refuses batches marked test: true on a worker whose client is live, sending nothing', async () => {
    const queue = newQueue();
    const { fake } = newWorker(queue, { testMode: false });
    await queue.addCampaign({ id: 'testing', numbers: numbers(3), message: 'Hi', test: true });
    let status = await queue.campaign('testing');
    while (status?.state !== 'done') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await queue.campaign('testing');
    }
    expect(fake.state.requests).toHaveLength(0);
    expect(status.result).toMatchObject({ result: 'ERROR', code: 'ERR_INVALID_INPUT', batches: 0 });
    expect(status.result.errors[0]?.description).toContain('test mode on');
    expect(status.result.errors[0]?.numbers).toEqual(numbers(3));
  });

  it('campaign() of an id never added is undefined', async () => {
    expect(await newQueue().campaign('nope')).toBeUndefined();
  });
});

describe('queue.send', () => {
  it('refuses before any job: no valid number, more than 200, an empty message', async () => {
    const queue = newQueue();
    expect(await queue.send('123', 'Hi')).toMatchObject({ result: 'ERROR', code: 'ERR_INVALID_INPUT', batches: 0, errors: [] });
    const many = await queue.send(numbers(201), 'Hi');
    expect(many).toMatchObject({ result: 'ERROR', code: 'ERR007', description: 'queue.send takes at most 200 numbers, got 201: use addCampaign.' });
    expect(many.errors[0]?.numbers).toHaveLength(201);
    expect(await queue.send('96598765432', '')).toMatchObject({ result: 'ERROR', code: 'ERR009' });
    expect(await jobCount(`${queue.name}.send`)).toBe(0);
  });

  it('throws a TypeError for wrong argument types', async () => {
    const queue = newQueue();
    // @ts-expect-error: wrong on purpose
    await expect(queue.send(96598765432, 'Hi')).rejects.toThrow('mobile must be a string or an array of strings');
    await expect(queue.send('96598765432', 'Hi', { id: '' })).rejects.toThrow('option `id` must be a string of 1 to 200 characters, got ""');
    // @ts-expect-error: wrong on purpose
    await expect(queue.send('96598765432', 'Hi', { redact: 'yes' })).rejects.toThrow('option `redact` must be a boolean');
  });

  it('resolves once a worker sent it; the same id resolves to the same result with one request', async () => {
    const queue = newQueue();
    const { fake } = newWorker(queue);
    const result = await queue.send('+965 9876 5432', 'Your code is 4321', { id: 'otp-a', redact: true });
    expect(result).toMatchObject({ result: 'OK', numbers: 1, batches: 1, errors: [], invalid: [] });
    expect(result.msgId).toBe(fake.state.sent[0]?.msgId);
    expect(await queue.send('96598765432', 'Your code is 4321', { id: 'otp-a', redact: true })).toEqual(result);
    expect(fake.state.requests).toHaveLength(1);
    // A redacted message does not stay in Redis once sent.
    const keys = await client.keys(`{kwtsms:${queue.name}}:send:otp-a*`);
    expect(keys.length).toBeGreaterThan(0);
    const values = await Promise.all(keys.map((key) => client.type(key).then((type) => (type === 'hash' ? client.hgetall(key) : {}))));
    expect(JSON.stringify(values)).not.toContain('4321');
  });

  it('an abort before a worker took it withdraws it: ABORTED, and no worker sends it later', async () => {
    const queue = newQueue();
    const controller = new AbortController();
    const pending = queue.send('96598765432', 'Hi', { id: 'gone', signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    expect(await pending).toMatchObject({ result: 'ERROR', code: 'ABORTED', batches: 0 });
    const { fake } = newWorker(queue);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.state.requests).toHaveLength(0);
    expect(await queue.send('96598765432', 'Hi', { id: 'gone' })).toMatchObject({ code: 'ABORTED', description: 'Cancelled before the request was sent.' });
  });

  it('an abort once a worker began the request says it may have been sent, and nothing is sent again', async () => {
    const queue = newQueue();
    const controller = new AbortController();
    let calls = 0;
    let answer = (_: SendResult): void => undefined;
    const worker = queue.createWorker({
      send: () => {
        calls++;
        controller.abort();
        return new Promise<SendResult>((resolve) => (answer = resolve));
      },
    });
    open.unshift(worker);
    const result = await queue.send('96598765432', 'Hi', { id: 'in-flight', signal: controller.signal });
    expect(result).toMatchObject({ result: 'ERROR', code: 'ABORTED', description: 'Stopped waiting while a worker was sending it: it may have been sent.' });
    expect(result.errors[0]?.numbers).toEqual(['96598765432']);
    answer({ result: 'OK', msgId: 'm1', msgIds: ['m1'], numbers: 1, pointsCharged: 1, batches: 1, errors: [], invalid: [] });
    expect(await queue.send('96598765432', 'Hi', { id: 'in-flight' })).toMatchObject({ result: 'OK', msgIds: ['m1'] });
    expect(calls).toBe(1);
  });

  it('a client that throws during the send leaves it INTERRUPTED, never sent twice', async () => {
    const queue = newQueue();
    let calls = 0;
    open.unshift(
      queue.createWorker({
        send: () => {
          calls++;
          return Promise.reject(new Error('socket hang up'));
        },
      }),
    );
    const result = await queue.send('96598765432', 'Hi', { id: 'thrown' });
    expect(result).toMatchObject({
      result: 'ERROR',
      code: 'INTERRUPTED',
      description: 'The client threw during the send (socket hang up): it may have been sent.',
      batches: 1,
    });
    expect(await queue.send('96598765432', 'Hi', { id: 'thrown' })).toEqual(result);
    expect(calls).toBe(1);
  });

  it('a signal already aborted adds nothing', async () => {
    const queue = newQueue();
    expect(await queue.send('96598765432', 'Hi', { signal: AbortSignal.abort() })).toMatchObject({ result: 'ERROR', code: 'ABORTED' });
    expect(await jobCount(`${queue.name}.send`)).toBe(0);
  });
});
