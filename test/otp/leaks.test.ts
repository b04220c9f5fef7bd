/**
 * The code exists only in the SMS: it is never in the store (memory or Redis: every key and value
 * scanned), a result, an error, a log entry, or a JSON.stringify / util.inspect of any object.
 * Codes here are 10 digits, so no timestamp or hash can hold one by chance.
 */
import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KwtSMS, type LogEntry } from '../../src/index.js';
import { createOtp, redisOtpStore, type OtpStore } from '../../src/otp/index.js';
import { createFakeGateway } from '../../src/testing/index.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { harness, MINUTE, PHONE, SECRET, wrongCode } from './helpers.js';

let server: RedisServer;
let redis: Redis;
beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url);
}, 30_000);
afterAll(async () => {
  await redis?.quit();
  await server?.stop();
});

/** Everything a reader could see of `values`, as text. */
function shown(values: unknown[]): string {
  return values.map((value) => `${JSON.stringify(value) ?? ''}\n${inspect(value, { depth: 10, showHidden: true })}`).join('\n');
}

/** Runs send and verify through their paths (OK, wrong, unknown fate, definite failure) and answers what came out. */
async function exercise(otp: ReturnType<typeof createOtp>, fake: ReturnType<typeof createFakeGateway>, advance: (ms: number) => Promise<void>) {
  const outputs: unknown[] = [];
  const codes: string[] = [];
  const lastCode = (): string => /(\d{10})$/.exec(fake.state.sent.at(-1)?.message ?? '')?.[1] ?? '';
  outputs.push(await otp.send({ phone: PHONE, ip: '203.0.113.7' }));
  codes.push(lastCode());
  outputs.push(await otp.verify({ phone: PHONE, code: wrongCode(codes[0] ?? '') }));
  outputs.push(await otp.send({ phone: PHONE })); // cooldown
  await advance(4 * MINUTE);
  fake.state.failNext(1, 'NETWORK');
  outputs.push(await otp.send({ phone: PHONE, purpose: 'reset' })); // unknown fate: the code stays
  await advance(4 * MINUTE);
  fake.state.failNext(1, 'ERR028');
  outputs.push(await otp.send({ phone: PHONE, purpose: 'other' })); // definite: withdrawn
  outputs.push(await otp.send({ phone: PHONE, purpose: 'other' }));
  codes.push(lastCode());
  outputs.push(await otp.verify({ phone: PHONE, code: codes[1] ?? '', purpose: 'other' }));
  return { outputs, codes };
}

describe('the code never leaves the SMS', () => {
  it('memory store: not in its records, results, log entries, or any object shown', async () => {
    const h = harness({ length: 10, limits: { phone: [{ max: 10, windowMs: 60 * MINUTE }] } });
    const { outputs, codes } = await exercise(h.otp, h.fake, async (ms) => h.advance(ms));
    expect(codes.every((code) => /^\d{10}$/.test(code))).toBe(true);
    expect(outputs.filter((o) => (o as { result: string }).result === 'OK')).toHaveLength(3);
    const text = shown([...outputs, h.logs, [...h.records], h.otp, h.store, h.sms]);
    for (const code of codes) expect(text).not.toContain(code);
    expect(h.logs.filter((entry) => entry.endpoint === 'send').map((entry) => entry.request.message)).toEqual(['***', '***', '***', '***']);
  });

  it('Redis: no key and no value (GET, HGETALL, DUMP) holds the code; the code hash is HMAC-SHA-256 with the secret', async () => {
    const fake = createFakeGateway();
    const logs: LogEntry[] = [];
    const sms = new KwtSMS('user', 'pass', { fetch: fake.fetch, logger: (entry) => logs.push(entry) });
    const store: OtpStore = redisOtpStore((s, k, a) => redis.eval(s, k.length, ...k, ...a), { prefix: 'leak:' });
    const otp = createOtp({ sms, secret: SECRET, store, appName: 'MYAPP', length: 10, resendAfterMs: 15_000 });
    // Real time on Redis: the cooldown of 15 s is stepped over by waiting for it to be withdrawn instead.
    const outputs: unknown[] = [];
    const codes: string[] = [];
    const lastCode = (): string => /(\d{10})$/.exec(fake.state.sent.at(-1)?.message ?? '')?.[1] ?? '';
    outputs.push(await otp.send({ phone: PHONE, ip: '203.0.113.7', purpose: 'login' }));
    codes.push(lastCode());
    outputs.push(await otp.verify({ phone: PHONE, code: wrongCode(codes[0] ?? ''), purpose: 'login' }));
    outputs.push(await otp.send({ phone: '96550000001' }));
    codes.push(lastCode());
    fake.state.failNext(1, 'TIMEOUT');
    const slow = new KwtSMS('user', 'pass', { fetch: fake.fetch, timeoutMs: 50, logger: (entry) => logs.push(entry) });
    const otpSlow = createOtp({ sms: slow, secret: SECRET, store, appName: 'MYAPP', length: 10 });
    outputs.push(await otpSlow.send({ phone: '96550000002' }));

    let cursor = '0';
    const dumped: string[] = [];
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', '*', 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        dumped.push(key, (await redis.dumpBuffer(key))?.toString('latin1') ?? '');
        dumped.push(JSON.stringify((await redis.type(key)) === 'hash' ? await redis.hgetall(key) : await redis.get(key)));
      }
    } while (cursor !== '0');
    expect(dumped.length).toBeGreaterThan(10);
    const text = `${dumped.join('\n')}\n${shown([...outputs, logs, otp, store])}`;
    for (const code of codes) expect(text).not.toContain(code);
    const expected = createHmac('sha256', SECRET).update(JSON.stringify(['kwtsms/otp v1', 'login', PHONE, codes[0]])).digest('hex');
    expect(await redis.hget(`leak:phone:${PHONE}:code:login`, 'hash')).toBe(expected);
  });
});
