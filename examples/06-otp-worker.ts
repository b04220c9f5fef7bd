/**
 * 06 (Workers): the OTP service of 06-otp-production.ts as a Cloudflare Worker.
 *   POST /otp/request { phone }        -> 200 { ok, expiresInSeconds, resendInSeconds } | 400 | 429 | 503
 *   POST /otp/verify  { phone, code }  -> 200 { ok: true } | 400 | 410 | 429
 * Credentials come from the Worker's bindings (`wrangler secret put KWTSMS_PASSWORD`), read with
 * `KwtSMS.fromEnv({ env })`: there is no process.env or .env file on Workers.
 *
 * Deploy: `export default` below is the Worker (wrangler.toml: main = "examples/06-otp-worker.ts").
 * The in-memory store lives only as long as one isolate: in production give `createWorker` an
 * `OtpStore` over a Durable Object (consistent counters) or KV.
 *
 * Run locally: npx tsx examples/06-otp-worker.ts
 * Always offline: calls the Worker's fetch with a fake env and the fake gateway.
 */
import { KwtSMS } from 'kwtsms';
import { createOtpService, MemoryOtpStore, type OtpStore } from './06-otp-production.js';
import { isMain } from './is-main.js';

/** The Worker's bindings. A `type`, not an `interface`, so it fits `fromEnv`'s `Record<string, string | undefined>`. */
export type Env = {
  KWTSMS_USERNAME?: string;
  KWTSMS_PASSWORD?: string;
  KWTSMS_SENDER_ID?: string; // a Transactional sender ID for OTP, never the shared KWT-SMS
  KWTSMS_TEST_MODE?: string;
  OTP_APP_NAME?: string;
};

const json = (body: unknown, status = 200): Response => Response.json(body, { status });

/** The Worker, with what a test or another platform may swap: the gateway's `fetch`, the store, the clock. */
export function createWorker(deps: { fetch?: typeof fetch; store?: OtpStore; now?: () => number } = {}) {
  const store = deps.store ?? new MemoryOtpStore(); // shared by requests within this isolate
  return {
    async fetch(request: Request, env: Env): Promise<Response> {
      const { pathname } = new URL(request.url);
      if (request.method !== 'POST' || (pathname !== '/otp/request' && pathname !== '/otp/verify')) {
        return json({ ok: false, error: 'Not found' }, 404);
      }
      let sms: KwtSMS;
      try {
        // envFile '': Worker bindings are the only source (there is no file system anyway).
        sms = KwtSMS.fromEnv({ env, envFile: '', ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }) });
      } catch (error) {
        console.error(`[otp-worker] misconfigured: ${(error as Error).message}`); // names the variables, never values
        return json({ ok: false, error: 'SMS service is temporarily unavailable. Please try again later.' }, 503);
      }
      const otp = createOtpService({ sms, appName: env.OTP_APP_NAME ?? 'MYAPP', store, ...(deps.now ? { now: deps.now } : {}) });
      const body = (await request.json().catch(() => ({}))) as { phone?: unknown; code?: unknown };
      if (typeof body.phone !== 'string') return json({ ok: false, error: 'Send JSON with a "phone" field.' }, 400);

      if (pathname === '/otp/request') {
        const ip = request.headers.get('CF-Connecting-IP') ?? 'unknown';
        const outcome = await otp.request(body.phone, ip);
        if (outcome.ok) return json({ ok: true, expiresInSeconds: outcome.expiresInSeconds, resendInSeconds: outcome.resendInSeconds });
        const status = { invalid_phone: 400, cooldown: 429, rate_limited: 429, send_failed: 503 }[outcome.reason];
        const headers = outcome.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(outcome.retryAfterSeconds) };
        return Response.json({ ok: false, error: outcome.message }, { status, ...(headers ? { headers } : {}) });
      }
      if (typeof body.code !== 'string') return json({ ok: false, error: 'Send JSON with "phone" and "code".' }, 400);
      const outcome = await otp.verify(body.phone, body.code);
      if (outcome.ok) return json({ ok: true }); // now start the session
      const status = { no_code: 400, wrong_code: 400, expired: 410, too_many_attempts: 429 }[outcome.reason];
      return json({ ok: false, error: outcome.message }, status);
    },
  };
}

export default createWorker();

if (isMain(import.meta.url)) {
  const { createFakeGateway } = await import('kwtsms/testing');
  const fake = createFakeGateway({ username: 'worker_user', password: 'worker_pass', senderIds: ['KWT-SMS', 'MYAPP'] });
  const worker = createWorker({ fetch: fake.fetch });
  const env: Env = { KWTSMS_USERNAME: 'worker_user', KWTSMS_PASSWORD: 'worker_pass', KWTSMS_SENDER_ID: 'MYAPP', OTP_APP_NAME: 'MYAPP' };
  const call = async (path: string, body: unknown, withEnv: Env = env): Promise<void> => {
    const request = new Request(`https://otp.example.com${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '203.0.113.7' },
      body: JSON.stringify(body),
    });
    const response = await worker.fetch(request, withEnv);
    console.log(`POST ${path} ${JSON.stringify(body)}\n  -> ${response.status} ${await response.text()}`);
  };
  const phone = '+965 9876 5432';
  await call('/otp/request', { phone });
  const code = /\d{6}/.exec(fake.state.sent.at(-1)?.message ?? '')?.[0] ?? '';
  console.log(`  (sender ${fake.state.sent.at(-1)?.sender}: "${fake.state.sent.at(-1)?.message}")`);
  await call('/otp/verify', { phone, code: code === '000000' ? '111111' : '000000' });
  await call('/otp/verify', { phone, code });
  await call('/otp/request', { phone }); // within 4 minutes of the last code
  await call('/otp/request', { phone: 'not a phone' });
  await call('/otp/request', { phone: '96550000001' }, { OTP_APP_NAME: 'MYAPP' }); // secrets not bound
}
