/**
 * 06: a production OTP service. Rate limits per number (3 an hour) and per IP (10 an hour), codes
 * stored only as salted SHA-256 hashes, a 4-minute resend cooldown, 5-minute expiry, 5 tries per
 * code, a fresh code on every resend, constant-time comparison, single use, and a pluggable
 * `OtpStore` (in memory here; Redis, SQL or Workers KV in production). Web APIs only, so the same
 * service runs on Node, Deno, Bun and Workers (see 06-otp-worker.ts). Put bot protection
 * (CAPTCHA, device attestation) in front of `request()`.
 *
 * Run: npx tsx examples/06-otp-production.ts
 * Always offline: the demo moves an injected clock through an hour, and the fake gateway follows it.
 */
import { KwtSMS, maskPhone, validatePhoneInput } from 'kwtsms';
import { createFakeGateway } from 'kwtsms/testing';
import { isMain } from './is-main.js';

export interface OtpRecord { hash: string; salt: string; expiresAt: number; attempts: number }

/** Where codes and rate-limit hits live. In a shared store, make adding and counting hits atomic. */
export interface OtpStore {
  getCode(phone: string): Promise<OtpRecord | undefined>;
  putCode(phone: string, record: OtpRecord): Promise<void>;
  deleteCode(phone: string): Promise<void>;
  addHit(key: string, at: number): Promise<void>;
  /** The times of the hits under `key` after `since`, oldest first. */
  hitsSince(key: string, since: number): Promise<number[]>;
}

export class MemoryOtpStore implements OtpStore {
  readonly #codes = new Map<string, OtpRecord>();
  readonly #hits = new Map<string, number[]>();
  async getCode(phone: string) { return this.#codes.get(phone); }
  async putCode(phone: string, record: OtpRecord) { this.#codes.set(phone, record); }
  async deleteCode(phone: string) { this.#codes.delete(phone); }
  async addHit(key: string, at: number) { this.#hits.set(key, [...(this.#hits.get(key) ?? []), at]); }
  async hitsSince(key: string, since: number) {
    const recent = (this.#hits.get(key) ?? []).filter((at) => at > since);
    this.#hits.set(key, recent); // forget old hits as we go
    return recent;
  }
}

export type RequestOutcome =
  | { ok: true; phone: string; expiresInSeconds: number; resendInSeconds: number }
  | { ok: false; reason: 'invalid_phone' | 'cooldown' | 'rate_limited' | 'send_failed'; message: string; retryAfterSeconds?: number };
export type VerifyOutcome = { ok: true } | { ok: false; reason: 'no_code' | 'expired' | 'wrong_code' | 'too_many_attempts'; message: string };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const LIMITS = { perPhonePerHour: 3, perIpPerHour: 10, cooldownMs: 4 * MINUTE, ttlMs: 5 * MINUTE, maxAttempts: 5 };
const toHex = (bytes: ArrayBuffer | Uint8Array): string => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 of salt, phone and code. A 6-digit code is guessable from a leaked hash, so keep the store private. */
async function hashCode(salt: string, phone: string, code: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}:${phone}:${code}`)));
}

/** Compares two hex digests without stopping at the first difference (their length is public: 64). */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function sixDigits(): string {
  const buffer = new Uint32Array(1);
  let value: number;
  do value = crypto.getRandomValues(buffer)[0] ?? 0xffffffff;
  while (value >= 4_294_000_000); // 2^32 rounded down to a multiple of 10^6: no modulo bias
  return String(value % 1_000_000).padStart(6, '0');
}

export interface OtpService {
  request(phoneInput: string, ip: string): Promise<RequestOutcome>;
  verify(phoneInput: string, code: string): Promise<VerifyOutcome>;
}

export function createOtpService(options: { sms: KwtSMS; appName: string; store?: OtpStore; now?: () => number }): OtpService {
  const { sms, appName, store = new MemoryOtpStore(), now: clock = Date.now } = options;
  return { request, verify };

  async function request(phoneInput: string, ip: string): Promise<RequestOutcome> {
    const [valid, error, phone] = validatePhoneInput(phoneInput);
    if (!valid) return { ok: false, reason: 'invalid_phone', message: error ?? 'Invalid phone number' };
    const now = clock();
    const [byPhone, byIp] = await Promise.all([store.hitsSince(`phone:${phone}`, now - HOUR), store.hitsSince(`ip:${ip}`, now - HOUR)]);
    const last = byPhone.at(-1); // the cooldown holds even after the last code was used
    if (last !== undefined && now - last < LIMITS.cooldownMs) {
      const retryAfterSeconds = Math.ceil((last + LIMITS.cooldownMs - now) / 1000);
      return { ok: false, reason: 'cooldown', message: `Please wait ${retryAfterSeconds} s before asking for a new code.`, retryAfterSeconds };
    }
    if (byPhone.length >= LIMITS.perPhonePerHour || byIp.length >= LIMITS.perIpPerHour) {
      return { ok: false, reason: 'rate_limited', message: 'Too many codes requested. Please try again later.' };
    }
    const code = sixDigits();
    const result = await sms.send(phone, `Your OTP for ${appName} is: ${code}`);
    if (result.result !== 'OK') {
      console.error(`[otp] send to ${maskPhone(phone)} failed: ${result.code} ${result.description} -> ${result.action}`);
      const message = result.code === 'ERR028' ? 'Please wait a moment before requesting another code.' : 'Could not send the code. Please try again later.';
      return { ok: false, reason: 'send_failed', message };
    }
    const salt = toHex(crypto.getRandomValues(new Uint8Array(16)));
    // Replaces any earlier code: only the newest one works.
    await store.putCode(phone, { hash: await hashCode(salt, phone, code), salt, expiresAt: now + LIMITS.ttlMs, attempts: 0 });
    await Promise.all([store.addHit(`phone:${phone}`, now), store.addHit(`ip:${ip}`, now)]);
    return { ok: true, phone, expiresInSeconds: LIMITS.ttlMs / 1000, resendInSeconds: LIMITS.cooldownMs / 1000 };
  }

  async function verify(phoneInput: string, code: string): Promise<VerifyOutcome> {
    const [, , phone] = validatePhoneInput(phoneInput);
    const record = await store.getCode(phone);
    if (record === undefined) return { ok: false, reason: 'no_code', message: 'No code was requested for this number.' };
    if (clock() > record.expiresAt) {
      await store.deleteCode(phone);
      return { ok: false, reason: 'expired', message: 'This code has expired. Please request a new one.' };
    }
    if (record.attempts >= LIMITS.maxAttempts) {
      await store.deleteCode(phone);
      return { ok: false, reason: 'too_many_attempts', message: 'Too many wrong codes. Please request a new one.' };
    }
    if (!constantTimeEqual(await hashCode(record.salt, phone, code.trim()), record.hash)) {
      await store.putCode(phone, { ...record, attempts: record.attempts + 1 });
      return { ok: false, reason: 'wrong_code', message: 'That code is not right.' };
    }
    await store.deleteCode(phone); // single use
    return { ok: true };
  }
}

if (isMain(import.meta.url)) {
  let now = Date.UTC(2025, 0, 1, 6, 0); // 09:00 in Kuwait
  const clock = (): number => now;
  const fake = createFakeGateway({ now: clock });
  const otp = createOtpService({ sms: new KwtSMS('demo_user', 'demo_pass', { fetch: fake.fetch }), appName: 'MYAPP', now: clock });
  const lastCode = (): string => /\d{6}/.exec(fake.state.sent.at(-1)?.message ?? '')?.[0] ?? ''; // what the user reads
  const at = (minutes: number): void => void (now += minutes * MINUTE);
  const log = (step: string, outcome: RequestOutcome | VerifyOutcome): void => {
    const time = new Date(now + 3 * HOUR).toISOString().slice(11, 16);
    console.log(`${time} ${step.padEnd(37)} ${outcome.ok ? 'OK' : `${outcome.reason}: ${outcome.message}`}`);
  };
  const [phone, ip, wrong] = ['+965 9876 5432', '203.0.113.7', (code: string) => (code === '000000' ? '111111' : '000000')];

  log('request a code', await otp.request(phone, ip));
  const first = lastCode();
  console.log(`      (the SMS said: "${fake.state.sent.at(-1)?.message}")`);
  log('verify a wrong code', await otp.verify(phone, wrong(first)));
  at(1);
  log('resend after 1 minute', await otp.request(phone, ip));
  at(3);
  log('resend after 4 minutes', await otp.request(phone, ip));
  log('verify the first (replaced) code', await otp.verify(phone, first));
  const second = lastCode();
  log('verify the new code', await otp.verify(phone, second));
  log('verify it again (single use)', await otp.verify(phone, second));
  at(4);
  log('3rd code this hour', await otp.request(phone, ip));
  at(6);
  log('verify after 6 minutes', await otp.verify(phone, lastCode()));
  log('4th code this hour', await otp.request(phone, ip));
  for (let i = 0; i < 7; i++) await otp.request(`9655000000${i}`, ip); // codes 4 to 10 from this IP
  log('11th code from one IP this hour', await otp.request('96560000000', ip));
  at(60);
  log('an hour later', await otp.request(phone, ip));
  for (let i = 0; i < 5; i++) await otp.verify(phone, wrong(lastCode()));
  log('after 5 wrong guesses, the right one', await otp.verify(phone, lastCode()));
  console.log(`\nSMS sent: ${fake.state.sent.length}; codes stored only as salted SHA-256 hashes.`);
}
