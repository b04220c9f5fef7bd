/**
 * redisOtpStore on a real redis-server: the shared conformance suite through ioredis and through
 * node-redis, one round trip per operation, every key with an expiry no longer than what it holds,
 * time from Redis, and failures that fail closed.
 */
import Redis from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { createOtp, otpStoreConformance, redisOtpStore, type OtpStore } from '../../src/otp/index.js';
import type { RedisRun } from '../../src/otp/redis-store.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { PHONE, SECRET } from './helpers.js';

let server: RedisServer;
let ioredis: Redis;
let nodeRedis: ReturnType<typeof createClient>;
let prefixes = 0;
const prefix = (): string => `t${prefixes++}:`;

beforeAll(async () => {
  server = await startRedis();
  ioredis = new Redis(server.url, { lazyConnect: true });
  await ioredis.connect();
  nodeRedis = createClient({ url: server.url });
  await nodeRedis.connect();
}, 30_000);
afterAll(async () => {
  await ioredis?.quit();
  await nodeRedis?.quit();
  await server?.stop();
});

const viaIoredis: RedisRun = (s, k, a) => ioredis.eval(s, k.length, ...k, ...a);
const viaNodeRedis: RedisRun = (s, k, a) => nodeRedis.eval(s, { keys: k, arguments: a });

otpStoreConformance({ describe, test, expect, name: 'redisOtpStore conformance (ioredis)', store: () => redisOtpStore(viaIoredis, { prefix: prefix() }) });
otpStoreConformance({ describe, test, expect, name: 'redisOtpStore conformance (node-redis)', store: () => redisOtpStore(viaNodeRedis, { prefix: prefix() }) });

/** Every key under `match` with its type, remaining life and value. */
async function dump(match: string): Promise<{ key: string; type: string; pttl: number; value: unknown }[]> {
  const out = [];
  let cursor = '0';
  do {
    const [next, keys] = await ioredis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const type = await ioredis.type(key);
      const value = type === 'hash' ? await ioredis.hgetall(key) : await ioredis.get(key);
      out.push({ key, type, pttl: await ioredis.pttl(key), value });
    }
  } while (cursor !== '0');
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

const issueRequest = {
  phone: PHONE,
  purpose: 'login',
  ip: '203.0.113.7',
  hash: 'a'.repeat(64),
  ttlMs: 300_000,
  resendAfterMs: 240_000,
  maxAttempts: 3,
  phoneWindows: [
    { max: 3, windowMs: 3_600_000 },
    { max: 10, windowMs: 86_400_000 },
  ],
  ipWindows: [{ max: 20, windowMs: 3_600_000 }],
};

describe('redisOtpStore', () => {
  it('throws a TypeError without a run function or with a bad prefix', () => {
    // @ts-expect-error: run is required
    expect(() => redisOtpStore()).toThrow(TypeError);
    // @ts-expect-error: run must be a function
    expect(() => redisOtpStore(ioredis)).toThrow(/run` must be a function/);
    // @ts-expect-error: prefix must be a string
    expect(() => redisOtpStore(viaIoredis, { prefix: 1 })).toThrow(TypeError);
  });

  it('one round trip (one run call) per operation', async () => {
    const calls: string[] = [];
    const counting: RedisRun = (s, k, a) => {
      calls.push(k[0] ?? '');
      return viaIoredis(s, k, a);
    };
    const store = redisOtpStore(counting, { prefix: prefix() });
    await store.issue(issueRequest);
    expect(calls).toHaveLength(1);
    await store.check({ phone: PHONE, purpose: 'login', hash: 'b'.repeat(64), failures: { max: 10, windowMs: 86_400_000 } });
    expect(calls).toHaveLength(2);
    await store.withdraw({ phone: PHONE, purpose: 'login', hash: 'a'.repeat(64) });
    expect(calls).toHaveLength(3);
    await store.cancel({ phone: PHONE, purpose: 'login' });
    expect(calls).toHaveLength(4);
  });

  it('writes every key with an expiry no longer than what it holds', async () => {
    const p = prefix();
    const store = redisOtpStore(viaIoredis, { prefix: p });
    await store.issue(issueRequest);
    await store.check({ phone: PHONE, purpose: 'login', hash: 'b'.repeat(64), failures: { max: 10, windowMs: 86_400_000 } });
    const keys = await dump(`${p}*`);
    expect(keys.map(({ key, type }) => [key, type])).toEqual([
      [`${p}ip:203.0.113.7:sent:3600000`, 'string'],
      [`${p}phone:${PHONE}:code:login`, 'hash'],
      [`${p}phone:${PHONE}:cooldown`, 'string'],
      [`${p}phone:${PHONE}:failures:86400000`, 'string'],
      [`${p}phone:${PHONE}:sent:3600000`, 'string'],
      [`${p}phone:${PHONE}:sent:86400000`, 'string'],
    ]);
    const limits: Record<string, number> = {
      [`${p}ip:203.0.113.7:sent:3600000`]: 3_600_000,
      [`${p}phone:${PHONE}:code:login`]: 300_000,
      [`${p}phone:${PHONE}:cooldown`]: 240_000,
      [`${p}phone:${PHONE}:failures:86400000`]: 86_400_000,
      [`${p}phone:${PHONE}:sent:3600000`]: 3_600_000,
      [`${p}phone:${PHONE}:sent:86400000`]: 86_400_000,
    };
    for (const { key, pttl } of keys) {
      expect(pttl, key).toBeGreaterThan(0);
      expect(pttl, key).toBeLessThanOrEqual(limits[key] ?? 0);
    }
    const code = keys.find((k) => k.type === 'hash')?.value as Record<string, string>;
    expect(code.hash).toBe('a'.repeat(64));
    expect(code.attemptsLeft).toBe('2');
  });

  it('reopens a window key that somehow has no expiry, so it cannot live for ever', async () => {
    const p = prefix();
    await ioredis.set(`${p}phone:${PHONE}:sent:3600000`, '1');
    await redisOtpStore(viaIoredis, { prefix: p }).issue(issueRequest);
    expect(await ioredis.get(`${p}phone:${PHONE}:sent:3600000`)).toBe('1');
    expect(await ioredis.pttl(`${p}phone:${PHONE}:sent:3600000`)).toBeGreaterThan(3_500_000);
  });

  it('takes time from Redis: expiresAt and resendAt follow the server clock', async () => {
    const [seconds, micros] = await ioredis.time();
    const before = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    const issued = await redisOtpStore(viaIoredis, { prefix: prefix() }).issue(issueRequest);
    expect(issued.status).toBe('issued');
    if (issued.status === 'issued') {
      expect(issued.expiresAt - 300_000).toBeGreaterThanOrEqual(before);
      expect(issued.expiresAt - 300_000).toBeLessThan(before + 5_000);
      expect(issued.expiresAt - issued.resendAt).toBe(60_000);
    }
  });

  it('an unexpected reply or a failing run makes createOtp fail closed', async () => {
    const odd = redisOtpStore(async () => 'OK', { prefix: prefix() });
    await expect(odd.issue(issueRequest)).rejects.toThrow(/unexpected reply/);
    const down: OtpStore = redisOtpStore(() => Promise.reject(new Error('Connection is closed.')), { prefix: prefix() });
    const otp = createOtp({ sms: { send: () => Promise.reject(new Error('must not send')) }, secret: SECRET, store: down, appName: 'MYAPP' });
    expect(await otp.send({ phone: PHONE })).toMatchObject({ code: 'OTP_STORE_UNAVAILABLE' });
    expect(await otp.verify({ phone: PHONE, code: '123456' })).toMatchObject({ code: 'OTP_STORE_UNAVAILABLE' });
  });
});
