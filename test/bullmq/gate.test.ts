/** The gate's Lua against a real redis-server, through the records module that runs it. */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateMarginMs, gateSleepMs } from '../../src/bullmq/gate.js';
import { Records, type ScriptClient } from '../../src/bullmq/records.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';

let redis: RedisServer;
let client: Redis;

/** ioredis as the script client BullMQ's own client is. */
function scriptClient(io: Redis): ScriptClient {
  const scripts = new Map<string, { numberOfKeys: number; lua: string }>();
  return {
    defineCommand: (name, definition) => void scripts.set(name, definition),
    runCommand: (name, args) => {
      const script = scripts.get(name);
      if (!script) throw new Error(`no script ${name}`);
      return io.eval(script.lua, script.numberOfKeys, ...args);
    },
  };
}

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.port, '127.0.0.1');
});
afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

const plan = (batches: string[][]) => ({
  kind: 'campaign' as const,
  message: 'Hi',
  redact: false,
  batches,
  numbers: batches.flat().length,
  duplicates: 0,
  invalid: [],
});
const gate = (token: string, extra: { urgent?: boolean; holdMs?: number } = {}) => ({ gapMs: 200, holdMs: 0, token, urgent: false, ...extra });

describe('gateMarginMs and gateSleepMs', () => {
  it.each([
    [20, 1],
    [40, 2],
    [500, 2],
    [0, 0],
  ])('margin for gapMs %d is %d ms', (gap, margin) => expect(gateMarginMs(gap)).toBe(margin));

  it.each([
    [12_700, 11],
    [1_999, 0],
    [800, 0],
    [0, 0],
  ])('%d us to wait: sleep %d ms, then ask again', (us, ms) => expect(gateSleepMs(us)).toBe(ms));
});

describe('the gate and the begun record', () => {
  it('lets one start through per gap, records it begun, and holds the gate until confirmed', async () => {
    const records = new Records(scriptClient(client), 'g1');
    await records.create('campaign:a', plan([['96598765432'], ['96598765433'], ['96598765434']]));
    expect(await records.start('campaign:a', 0, gate('t0'))).toEqual({ state: 'go' });
    // A second start of the same batch: it began and has no outcome.
    expect(await records.start('campaign:a', 0, gate('t0b'))).toEqual({ state: 'begun' });
    const next = await records.start('campaign:a', 1, gate('t1'));
    expect(next.state).toBe('wait');
    expect(next.state === 'wait' && next.us).toBeGreaterThan(150_000);
    expect(next.state === 'wait' && next.us).toBeLessThanOrEqual(200_000);
    await new Promise((resolve) => setTimeout(resolve, 210));
    // The gap is over, but the first start was never confirmed: still shut.
    expect(await records.start('campaign:a', 1, gate('t1'))).toEqual({ state: 'wait', us: 2000 });
    await records.confirm('campaign:a', 't0', 0);
    // Confirmed 210 ms after it began: the next gap counts from the confirmation.
    expect((await records.start('campaign:a', 1, gate('t1'))).state).toBe('wait');
    await new Promise((resolve) => setTimeout(resolve, 210));
    expect(await records.start('campaign:a', 1, gate('t1'))).toEqual({ state: 'go' });
    expect(await client.hkeys('{kwtsms:g1}:campaign:a:begun')).toEqual(['0', '1']);
  });

  it('a batch with an outcome is done; records that are gone say so', async () => {
    const records = new Records(scriptClient(client), 'g2');
    await records.create('campaign:b', plan([['96598765432']]));
    expect(await records.finish('campaign:b', 0, { sent: false, at: 0, msgIds: [], numbers: 0, points: 0, errors: [], invalid: [] })).toBe(true);
    expect(await records.start('campaign:b', 0, gate('x'))).toEqual({ state: 'done' });
    expect(await records.start('campaign:none', 0, gate('y'))).toEqual({ state: 'gone' });
  });

  it('after ERR013 the queue is paused for the delay, the batch is no longer begun, and the last retry records ERR013', async () => {
    const records = new Records(scriptClient(client), 'g3');
    await records.create('campaign:c', plan([['96598765432'], ['96598765433']]));
    expect((await records.start('campaign:c', 0, gate('a'))).state).toBe('go');
    const outcome = { sent: true, at: 0, msgIds: [], numbers: 0, points: 0, errors: [], invalid: [] };
    expect(await records.retry('campaign:c', 0, [300], outcome)).toBe(300);
    const paused = await records.start('campaign:c', 1, gate('b'));
    expect(paused.state).toBe('paused');
    expect(paused.state === 'paused' && paused.us).toBeGreaterThan(200_000);
    expect(await client.hexists('{kwtsms:g3}:campaign:c:begun', '0')).toBe(0);
    expect(await records.retry('campaign:c', 0, [300], outcome)).toBeUndefined();
    expect(await client.hget('{kwtsms:g3}:campaign:c:outcomes', '0')).toBe(JSON.stringify(outcome));
  });

  it('campaign batches wait while a transactional send waits for the gate', async () => {
    const records = new Records(scriptClient(client), 'g4');
    await records.create('campaign:d', plan([['96598765432'], ['96598765433']]));
    await records.create('send:e', { ...plan([['96598765499']]), kind: 'send' });
    expect((await records.start('campaign:d', 0, gate('a'))).state).toBe('go');
    await records.confirm('campaign:d', 'a', 0);
    expect((await records.start('send:e', 0, gate('s', { urgent: true }))).state).toBe('wait');
    await new Promise((resolve) => setTimeout(resolve, 210));
    expect(await records.start('campaign:d', 1, gate('b'))).toEqual({ state: 'wait', us: 2000 });
    expect(await records.start('send:e', 0, gate('s', { urgent: true }))).toEqual({ state: 'go' });
  });
});
