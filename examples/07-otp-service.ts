/**
 * 07: a one-time code service with `kwtsms/otp` and Hono. `POST /otp/send { phone }` sends a code,
 * `POST /otp/verify { phone, code }` checks it. Codes are stored only as HMAC hashes, every store
 * step is atomic, and the resend cooldown and rate limits answer 429 with `Retry-After`. Answers to
 * users are plain words; they never say whether a number has a live code (a wrong code, a used one
 * and none at all read the same).
 *
 * Run: npx tsx examples/07-otp-service.ts     (sends a few demo requests through app.request, then exits)
 * With REDIS_URL set (redis://127.0.0.1:6379) codes live in Redis (ioredis), shared by every process;
 * otherwise in this process's memory. OTP_SECRET is the HMAC key (32+ bytes; a random one if unset).
 * With KWTSMS_USERNAME and KWTSMS_PASSWORD (environment or .env) it uses your account, in test mode
 * unless KWTSMS_TEST_MODE says otherwise; without them, the in-memory fake gateway.
 *
 * Put bot protection (CAPTCHA, device attestation) in front of /otp/send.
 */
import { Hono, type Context } from 'hono';
import { maskPhone } from 'kwtsms';
import { createOtp, memoryOtpStore, redisOtpStore, type Otp, type OtpError, type OtpStore } from 'kwtsms/otp';
import { createClient, EXAMPLE_PHONE } from './client.js';
import { isMain } from './is-main.js';
import { ADMIN_CODES, userMessage } from './user-messages.js';

const NOT_VALID = 'That code is not valid. Check the latest SMS, or ask for a new code.';

/** Seconds for a Retry-After header, rounded up. */
const seconds = (ms: number | undefined): number => Math.max(1, Math.ceil((ms ?? 0) / 1000));

/** What the user sees for an error, and the HTTP status; 429s carry Retry-After. */
function answer(c: Context, error: OtpError, step: 'send' | 'verify'): Response {
  const wait = (text: string): Response => {
    c.header('Retry-After', String(seconds(error.retryAfterMs)));
    return c.json({ ok: false, error: text, retryAfterSeconds: seconds(error.retryAfterMs) }, 429);
  };
  switch (error.code) {
    case 'ERR_INVALID_INPUT':
      return c.json({ ok: false, error: step === 'send' ? userMessage('ERR_INVALID_INPUT') : 'Please enter your phone number and the code from the SMS.' }, 400);
    case 'OTP_COOLDOWN':
      return wait(`A code was just sent. Please wait ${seconds(error.retryAfterMs)} seconds before asking for another.`);
    case 'OTP_RATE_LIMITED':
      return wait(`Too many codes were requested. Please try again in ${Math.ceil(seconds(error.retryAfterMs) / 60)} minutes.`);
    case 'ERR028':
      return wait('Please wait a moment before requesting another code.');
    case 'OTP_LOCKED':
      return error.retryAfterMs === undefined
        ? c.json({ ok: false, error: 'Too many wrong codes. Please ask for a new code.' }, 400)
        : wait('Too many wrong codes. Please try again later.');
    // One answer for all three, so nobody can probe which numbers have a live code.
    case 'OTP_WRONG_CODE':
    case 'OTP_NOT_FOUND':
    case 'OTP_EXPIRED':
      return c.json({ ok: false, error: NOT_VALID }, 400);
    case 'OTP_COUNTRY_BLOCKED':
      return c.json({ ok: false, error: 'SMS delivery to this country is not available.' }, 400);
    case 'TIMEOUT':
    case 'NETWORK':
    case 'BAD_RESPONSE':
      // The SMS may still arrive: its code stays valid, and the cooldown stands.
      return c.json({ ok: false, error: 'We could not confirm the SMS was sent. If no code arrives in a minute, ask again.' }, 502);
    default:
      return c.json({ ok: false, error: userMessage(error.code) }, 503);
  }
}

/** Reads `{ phone, code? }` from a JSON body; anything else is undefined. */
async function readBody(c: Context): Promise<{ phone: string; code: unknown } | undefined> {
  const body: unknown = await c.req.json().catch(() => null);
  const { phone, code } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return typeof phone === 'string' ? { phone, code } : undefined;
}

/**
 * The client's address. Behind a proxy, read the header YOUR proxy sets (here x-real-ip, as nginx
 * sets it) and make sure clients cannot set it themselves; on Workers use cf-connecting-ip.
 */
const clientIp = (c: Context): string => c.req.header('x-real-ip') ?? 'unknown';

/** The app, given its OTP service: tests pass one on the fake gateway. */
export function createApp(otp: Otp): Hono {
  const app = new Hono();
  app.post('/otp/send', async (c) => {
    const body = await readBody(c);
    if (body === undefined) return c.json({ ok: false, error: 'Send JSON: { "phone": "+965 9876 5432" }' }, 400);
    const sent = await otp.send({ phone: body.phone, ip: clientIp(c) });
    if (sent.result === 'OK') {
      const now = Date.now();
      return c.json({ ok: true, expiresInSeconds: seconds(sent.expiresAt - now), resendInSeconds: seconds(sent.resendAt - now) });
    }
    // Full details for you, never for the user.
    console.error(`[otp] send: ${sent.code} ${sent.description} -> ${sent.action}`);
    if (ADMIN_CODES.has(sent.code)) console.error(`[admin alert] kwtSMS needs attention: ${sent.code}`);
    return answer(c, sent, 'send');
  });
  app.post('/otp/verify', async (c) => {
    const body = await readBody(c);
    if (body === undefined || typeof body.code !== 'string') {
      return c.json({ ok: false, error: 'Send JSON: { "phone": "+965 9876 5432", "code": "123456" }' }, 400);
    }
    const checked = await otp.verify({ phone: body.phone, code: body.code, ip: clientIp(c) });
    if (checked.result === 'OK') return c.json({ ok: true, phone: maskPhone(checked.phone) }); // sign the user in here
    if (checked.code === 'OTP_STORE_UNAVAILABLE') console.error(`[otp] verify: ${checked.description}`, checked.cause);
    return answer(c, checked, 'verify');
  });
  return app;
}

/** The OTP store: Redis when REDIS_URL is set, else this process's memory. Returns how to close it. */
async function openStore(prefix: string): Promise<{ store: OtpStore; close: () => Promise<unknown> }> {
  const url = process.env.REDIS_URL;
  if (!url) {
    console.error('[examples] no REDIS_URL: codes live in this process (memoryOtpStore)');
    return { store: memoryOtpStore(), close: async () => undefined };
  }
  const { Redis } = await import('ioredis');
  const redis = new Redis(url);
  console.error(`[examples] codes live in Redis at ${new URL(url).host} (redisOtpStore)`);
  return { store: redisOtpStore((s, k, a) => redis.eval(s, k.length, ...k, ...a), { prefix }), close: () => redis.quit() };
}

if (isMain(import.meta.url)) {
  const { sms, fake } = createClient();
  let secret = process.env.OTP_SECRET ?? '';
  if (secret === '') {
    secret = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
    console.error('[examples] no OTP_SECRET: a random one for this run (codes from another run will not verify)');
  }
  // A fresh key prefix per demo run, so a rerun is not held by the last run's cooldown.
  const { store, close } = await openStore(`kwtsms-example:${crypto.randomUUID()}:`);
  const app = createApp(createOtp({ sms, secret, store, appName: 'MYAPP' }));
  const post = async (path: string, body: unknown, ip = '203.0.113.7', quiet = false): Promise<void> => {
    const response = await app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Real-IP': ip },
      body: JSON.stringify(body),
    });
    const retry = response.headers.get('Retry-After');
    const text = await response.text();
    if (!quiet) console.log(`POST ${path} ${JSON.stringify(body)}\n  -> ${response.status}${retry ? ` Retry-After: ${retry}` : ''} ${text}`);
  };
  /** The code as the user reads it in the SMS; on a real account, type it in yourself. */
  const lastCode = (): string => /(\d{6})$/.exec(fake?.state.sent.at(-1)?.message ?? '')?.[1] ?? '000000';

  await post('/otp/send', { phone: EXAMPLE_PHONE });
  await post('/otp/send', { phone: EXAMPLE_PHONE }); // again at once: cooldown
  const code = lastCode();
  await post('/otp/verify', { phone: EXAMPLE_PHONE, code: code === '000000' ? '111111' : '000000' });
  await post('/otp/verify', { phone: EXAMPLE_PHONE, code });
  await post('/otp/verify', { phone: EXAMPLE_PHONE, code }); // used: reads like a wrong code
  await post('/otp/send', { phone: '12345' });
  if (fake !== undefined) {
    // One IP asking codes for many numbers (SMS pumping): 20 an hour, then 429.
    for (let i = 0; i < 20; i++) await post('/otp/send', { phone: `965500000${String(i).padStart(2, '0')}` }, '198.51.100.9', true);
    await post('/otp/send', { phone: '96560000000' }, '198.51.100.9');
  }
  await close();
}
