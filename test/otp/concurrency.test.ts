/**
 * Concurrency on Redis across processes: 4 Node processes fire 25 verify() calls each at the same
 * moment at one code. The right code verifies exactly once; wrong guesses get exactly maxAttempts
 * comparisons, and after them the right code is locked too. (The memory store's case is in otp.test.ts.)
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KwtSMS } from '../../src/index.js';
import { createOtp, redisOtpStore } from '../../src/otp/index.js';
import { createFakeGateway } from '../../src/testing/index.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { PHONE, SECRET, wrongCode } from './helpers.js';

const WORKER = fileURLToPath(new URL('./fixtures/verify-worker.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const PROCESSES = 4;
const EACH = 25;

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

/** Sends a code through a service on Redis, and answers it as the SMS carried it. */
async function sendCode(prefix: string): Promise<string> {
  const fake = createFakeGateway();
  const otp = createOtp({
    sms: new KwtSMS('user', 'pass', { fetch: fake.fetch }),
    secret: SECRET,
    store: redisOtpStore((s, k, a) => redis.eval(s, k.length, ...k, ...a), { prefix }),
    appName: 'MYAPP',
  });
  expect((await otp.send({ phone: PHONE })).result).toBe('OK');
  return /(\d{6})$/.exec(fake.state.sent[0]?.message ?? '')?.[1] ?? '';
}

/** Starts the workers, waits until all are connected, releases them together, and sums their counts. */
async function verifyAcrossProcesses(prefix: string, code: string): Promise<Record<string, number>> {
  const env = { ...process.env, REDIS_URL: server.url, PREFIX: prefix, PHONE, CODE: code, COUNT: String(EACH) };
  const children: ChildProcessWithoutNullStreams[] = [];
  const lines: Promise<string[]>[] = [];
  for (let i = 0; i < PROCESSES; i++) {
    const child = spawn(process.execPath, ['--import', TSX, WORKER], { env });
    children.push(child);
    lines.push(
      new Promise((resolve, reject) => {
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('error', reject);
        child.on('close', (status) => (status === 0 ? resolve(out.trim().split('\n')) : reject(new Error(`worker exited ${status}: ${err}`))));
      }),
    );
  }
  try {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            const onData = (chunk: Buffer): void => {
              if (chunk.toString().includes('ready')) {
                child.stdout.off('data', onData);
                resolve();
              }
            };
            child.stdout.on('data', onData);
          }),
      ),
    );
    for (const child of children) child.stdin.write('go\n');
    const totals: Record<string, number> = {};
    for (const output of await Promise.all(lines)) {
      const counts = JSON.parse(output.at(-1) ?? '{}') as Record<string, number>;
      for (const [key, n] of Object.entries(counts)) totals[key] = (totals[key] ?? 0) + n;
    }
    return totals;
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

describe('redisOtpStore across 4 Node processes', { timeout: 90_000 }, () => {
  it('100 concurrent verify() calls with the right code: exactly one OK', async () => {
    const code = await sendCode('right:');
    expect(await verifyAcrossProcesses('right:', code)).toEqual({ OK: 1, OTP_NOT_FOUND: 99 });
  });

  it('100 concurrent wrong guesses: exactly maxAttempts (3) are compared; then the right code is locked too', async () => {
    const code = await sendCode('wrong:');
    expect(await verifyAcrossProcesses('wrong:', wrongCode(code))).toEqual({ OTP_WRONG_CODE: 3, OTP_LOCKED: 97 });
    const otp = createOtp({
      sms: { send: () => Promise.reject(new Error('unused')) },
      secret: SECRET,
      store: redisOtpStore((s, k, a) => redis.eval(s, k.length, ...k, ...a), { prefix: 'wrong:' }),
      appName: 'MYAPP',
    });
    expect(await otp.verify({ phone: PHONE, code })).toMatchObject({ result: 'ERROR', code: 'OTP_LOCKED' });
  });
});
