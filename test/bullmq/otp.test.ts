/**
 * `createOtp({ sms: queue })`: one-time codes sent through the shared queue, so they take the
 * queue's pace and go ahead of campaign batches. A worker in this process sends through the fake
 * gateway's fetch directly.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KwtSMS } from '../../src/index.js';
import { createSmsQueue } from '../../src/bullmq/index.js';
import { createOtp, memoryOtpStore } from '../../src/otp/index.js';
import { createFakeGateway } from '../../src/testing/index.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.stop());

/** Every key and value in Redis, as text. */
async function redisDump(port: number): Promise<string> {
  const client = new Redis(port, '127.0.0.1');
  try {
    const parts: string[] = [];
    for (const key of await client.keys('*')) {
      const type = await client.type(key);
      const value =
        type === 'string' ? await client.get(key)
        : type === 'hash' ? await client.hgetall(key)
        : type === 'list' ? await client.lrange(key, 0, -1)
        : type === 'set' ? await client.smembers(key)
        : type === 'zset' ? await client.zrange(key, 0, -1)
        : type === 'stream' ? await client.xrange(key, '-', '+')
        : type;
      parts.push(key, JSON.stringify(value));
    }
    return parts.join('\n');
  } finally {
    client.disconnect();
  }
}

describe('createOtp with a queue from kwtsms/bullmq', () => {
  it('sends the code through a worker, redacted, and verifies it once', async () => {
    const queue = createSmsQueue({ connection: { host: '127.0.0.1', port: redis.port }, name: 'otp', gapMs: 10 });
    const fake = createFakeGateway({ balance: 100 });
    const entries: unknown[] = [];
    const sms = new KwtSMS('user', 'secret', { fetch: fake.fetch, logger: (entry) => entries.push(entry) });
    const worker = queue.createWorker(sms);
    try {
      const otp = createOtp({ sms: queue, secret: 'k'.repeat(32), store: memoryOtpStore(), appName: 'MYAPP' });
      const sent = await otp.send({ phone: '+965 9876 5432' });
      expect(sent).toMatchObject({ result: 'OK', phone: '96598765432' });
      expect(fake.state.sent).toHaveLength(1);
      const text = fake.state.sent[0]!.message;
      const code = /\d{6}/.exec(text)?.[0];
      expect(code).toMatch(/^\d{6}$/);
      expect(JSON.stringify(entries)).not.toContain(code);
      expect(await redisDump(redis.port)).not.toContain(code);
      expect(await otp.verify({ phone: '96598765432', code: code! })).toEqual({ result: 'OK', phone: '96598765432' });
      expect(await otp.verify({ phone: '96598765432', code: code! })).toMatchObject({ result: 'ERROR', code: 'OTP_NOT_FOUND' });
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});
