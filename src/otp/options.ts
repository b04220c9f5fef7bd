/**
 * `createOtp`'s options: their types, defaults and checks. A bad option is a
 * programmer error: a TypeError at `createOtp` that names it and what is allowed.
 */
import type { SendResult } from '../types.js';
import type { OtpStore, OtpWindow } from './store.js';

/**
 * What `createOtp` needs to send a code: `send(mobile, message, options)` as on `KwtSMS`. A
 * `KwtSMS` client fits, and so does a queue from `kwtsms/bullmq` (every process shares one pace).
 *
 * @example
 * import { KwtSMS } from 'kwtsms';
 * import type { OtpSender } from 'kwtsms/otp';
 * const sms: OtpSender = KwtSMS.fromEnv();
 */
export interface OtpSender {
  send(
    mobile: string,
    message: string,
    options: { sender?: string; redact: true; retryDelaysMs: readonly number[] },
  ): Promise<Pick<SendResult, 'result' | 'msgId' | 'code' | 'description' | 'action' | 'cause'>>;
}

/**
 * What goes into the SMS: `code` (always in the text), `appName`, and `minutes` the code lives
 * (`Math.ceil(ttlMs / 60_000)`).
 *
 * @example
 * import type { OtpMessageParts } from 'kwtsms/otp';
 * const message = ({ code, appName, minutes }: OtpMessageParts) => `${appName}: ${code} (valid ${minutes} min)`;
 */
export interface OtpMessageParts {
  code: string;
  appName: string;
  minutes: number;
}

/**
 * Rate limits: fixed windows. Each list replaces its default; `[]` turns that limit off.
 *
 * @example
 * import type { OtpLimits } from 'kwtsms/otp';
 * const limits: OtpLimits = { phone: [{ max: 5, windowMs: 3_600_000 }], ip: [{ max: 10, windowMs: 3_600_000 }] };
 */
export interface OtpLimits {
  /** Codes sent per number. @default [{ max: 3, windowMs: 3_600_000 }, { max: 10, windowMs: 86_400_000 }] */
  phone?: readonly OtpWindow[];
  /** Codes sent per client IP (pass `ip` to `send`). @default [{ max: 20, windowMs: 3_600_000 }] */
  ip?: readonly OtpWindow[];
  /** Wrong guesses per number, across codes; when full, verify answers OTP_LOCKED. @default { max: 10, windowMs: 86_400_000 } */
  failures?: OtpWindow;
}

/**
 * Options of `createOtp`.
 *
 * @example
 * import { KwtSMS } from 'kwtsms';
 * import { createOtp, memoryOtpStore, type OtpOptions } from 'kwtsms/otp';
 * const options: OtpOptions = {
 *   sms: KwtSMS.fromEnv(),
 *   secret: 'a random string of at least 32 bytes, kept out of git',
 *   store: memoryOtpStore(),
 *   appName: 'MYAPP',
 * };
 * const otp = createOtp(options);
 */
export interface OtpOptions {
  /** Sends the SMS: a `KwtSMS`, or a queue from `kwtsms/bullmq`. Always called with `redact: true`. */
  sms: OtpSender;
  /** The HMAC-SHA-256 key codes are hashed with: a string or bytes, at least 32 bytes. Keep it secret. */
  secret: string | Uint8Array;
  /** Where codes and counters live: `memoryOtpStore()` (one process) or `redisOtpStore(run)`. */
  store: OtpStore;
  /** Named in the SMS, 1 to 30 characters: 'Your OTP for MYAPP is: 123456'. */
  appName: string;
  /** The SMS text; must contain `code`. @default ({ code, appName }) => `Your OTP for ${appName} is: ${code}` */
  message?: (parts: OtpMessageParts) => string;
  /** A transactional sender ID, 1 to 11 characters. @default the client's sender ID */
  sender?: string;
  /** Digits per code, 4 to 10. @default 6 */
  length?: number;
  /** A code's life in milliseconds, 60_000 to 600_000. @default 300_000 (5 minutes) */
  ttlMs?: number;
  /** Least time between two codes to one number, in milliseconds, >= 15_000. @default 240_000 (4 minutes) */
  resendAfterMs?: number;
  /** Wrong guesses per code, 1 to 10; then the code is burned. @default 3 */
  maxAttempts?: number;
  /** Rate limits per number, per IP, and wrong guesses per number. */
  limits?: OtpLimits;
  /** Calling codes allowed ('965', '966', ...): an SMS-pumping guard. @default any */
  countries?: readonly string[];
  /** How long a store operation may take before it counts as failed (OTP_STORE_UNAVAILABLE), in milliseconds. @default 5_000 */
  storeTimeoutMs?: number;
}

/** The options checked and completed with their defaults. */
export interface OtpSettings {
  sms: OtpSender;
  secret: Uint8Array<ArrayBuffer>;
  store: OtpStore;
  appName: string;
  message: (parts: OtpMessageParts) => string;
  sender: string | undefined;
  length: number;
  ttlMs: number;
  resendAfterMs: number;
  maxAttempts: number;
  phoneWindows: OtpWindow[];
  ipWindows: OtpWindow[];
  failures: OtpWindow;
  countries: string[] | undefined;
  storeTimeoutMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The defaults of `createOtp`: the kwtSMS guidance (3-5 minute codes, a 3-4 minute resend timer,
 * 3-5 codes an hour per number, 10-20 an hour per IP) within NIST SP 800-63B (codes by SMS live at
 * most 10 minutes; failed attempts are limited).
 *
 * @example
 * import { OTP_DEFAULTS } from 'kwtsms/otp';
 * OTP_DEFAULTS.resendAfterMs; // 240000
 */
export const OTP_DEFAULTS = {
  length: 6,
  ttlMs: 5 * MINUTE,
  resendAfterMs: 4 * MINUTE,
  maxAttempts: 3,
  phone: [
    { max: 3, windowMs: HOUR },
    { max: 10, windowMs: DAY },
  ],
  ip: [{ max: 20, windowMs: HOUR }],
  failures: { max: 10, windowMs: DAY },
  storeTimeoutMs: 5_000,
} as const;

const defaultMessage = ({ code, appName }: OtpMessageParts): string => `Your OTP for ${appName} is: ${code}`;

function fail(name: string, allowed: string, value: unknown): never {
  const got = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'number' ? String(value) : typeof value;
  throw new TypeError(`createOtp: option \`${name}\` must be ${allowed}, got ${got}`);
}

const isWhole = (value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** A whole number of milliseconds in [min, max], or the default when the option is unset. */
function whole(name: string, value: unknown, fallback: number, min: number, max?: number): number {
  if (value === undefined) return fallback;
  if (!isWhole(value, min, max)) fail(name, max === undefined ? `a whole number >= ${min}` : `a whole number, ${min} to ${max}`, value);
  return value;
}

function window(name: string, value: unknown): OtpWindow {
  const { max, windowMs } = (typeof value === 'object' && value !== null ? value : {}) as Partial<OtpWindow>;
  if (!isWhole(max, 1)) fail(`${name}.max`, 'a whole number >= 1', max);
  if (!isWhole(windowMs, 1000)) fail(`${name}.windowMs`, 'a whole number of milliseconds >= 1000', windowMs);
  return { max, windowMs };
}

/** Checked copies of a window list; windows of the same length share one counter, so the smaller `max` stands. */
function windows(name: string, value: unknown, fallback: readonly OtpWindow[]): OtpWindow[] {
  if (value === undefined) return fallback.map((w) => ({ ...w }));
  if (!Array.isArray(value)) fail(name, 'an array of { max, windowMs }', value);
  const byLength = new Map<number, number>();
  value.forEach((item, i) => {
    const { max, windowMs } = window(`${name}[${i}]`, item);
    byLength.set(windowMs, Math.min(max, byLength.get(windowMs) ?? max));
  });
  return [...byLength].map(([windowMs, max]) => ({ max, windowMs }));
}

function secretBytes(secret: unknown): Uint8Array<ArrayBuffer> {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret instanceof Uint8Array ? secret.slice() : undefined;
  if (bytes === undefined) throw new TypeError('createOtp: option `secret` must be a string or a Uint8Array of at least 32 bytes');
  if (bytes.length < 32) {
    throw new TypeError(`createOtp: option \`secret\` must be at least 32 bytes, got ${bytes.length}: use a long random value`);
  }
  return bytes;
}

const hasMethods = (value: unknown, names: readonly string[]): boolean =>
  typeof value === 'object' && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

/**
 * Checks `createOtp`'s options and fills in the defaults. Throws a TypeError naming the first bad
 * option. `message` is rendered once with a probe code, which must appear in the text.
 *
 * @example
 * const settings = checkOptions({ sms, secret, store, appName: 'MYAPP' });
 * settings.ttlMs; // 300000
 */
export function checkOptions(options: OtpOptions): OtpSettings {
  if (typeof options !== 'object' || options === null) throw new TypeError('createOtp: options must be an object');
  const o = options as Partial<OtpOptions>;
  if (!hasMethods(o.sms, ['send'])) fail('sms', 'an object with send(mobile, message, options), such as a KwtSMS', o.sms);
  if (!hasMethods(o.store, ['issue', 'check', 'withdraw', 'cancel'])) {
    fail('store', 'an OtpStore (memoryOtpStore() or redisOtpStore(run))', o.store);
  }
  const secret = secretBytes(o.secret);
  const appName = o.appName;
  if (typeof appName !== 'string' || appName.trim() === '' || appName.length > 30) fail('appName', 'a string of 1 to 30 characters', appName);
  if (o.sender !== undefined && (typeof o.sender !== 'string' || o.sender.trim() === '' || o.sender.length > 11)) {
    fail('sender', 'a string of 1 to 11 characters', o.sender);
  }
  const limits = o.limits ?? {};
  if (typeof limits !== 'object' || limits === null) fail('limits', 'an object', limits);
  const countries = o.countries;
  checkCountries(countries);
  const message = o.message ?? defaultMessage;
  if (typeof message !== 'function') fail('message', 'a function ({ code, appName, minutes }) => string', message);

  const settings: OtpSettings = {
    sms: o.sms as OtpSender,
    secret,
    store: o.store as OtpStore,
    appName,
    message,
    sender: o.sender,
    length: whole('length', o.length, OTP_DEFAULTS.length, 4, 10),
    ttlMs: whole('ttlMs', o.ttlMs, OTP_DEFAULTS.ttlMs, MINUTE, 10 * MINUTE),
    resendAfterMs: whole('resendAfterMs', o.resendAfterMs, OTP_DEFAULTS.resendAfterMs, 15_000),
    maxAttempts: whole('maxAttempts', o.maxAttempts, OTP_DEFAULTS.maxAttempts, 1, 10),
    phoneWindows: windows('limits.phone', limits.phone, OTP_DEFAULTS.phone),
    ipWindows: windows('limits.ip', limits.ip, OTP_DEFAULTS.ip),
    failures: limits.failures === undefined ? { ...OTP_DEFAULTS.failures } : window('limits.failures', limits.failures),
    countries: countries === undefined ? undefined : [...countries],
    storeTimeoutMs: whole('storeTimeoutMs', o.storeTimeoutMs, OTP_DEFAULTS.storeTimeoutMs, 1),
  };
  probeMessage(settings);
  return settings;
}

function checkCountries(countries: unknown): void {
  if (countries === undefined) return;
  if (!Array.isArray(countries) || countries.length === 0) {
    fail('countries', 'a non-empty array of calling codes (leave it out to allow any)', countries);
  }
  countries.forEach((code: unknown, i) => {
    if (typeof code !== 'string' || !/^[1-9]\d{0,2}$/.test(code)) fail(`countries[${i}]`, "a calling code of 1 to 3 digits, such as '965'", code);
  });
}

/** Renders `message` once with a probe code, so a text that drops the code fails at startup rather than at the first send. */
function probeMessage({ message, appName, length, ttlMs }: OtpSettings): void {
  const probe = '0123456789'.slice(0, length);
  const text: unknown = message({ code: probe, appName, minutes: minutesOf(ttlMs) });
  if (typeof text !== 'string' || !text.includes(probe)) {
    throw new TypeError('createOtp: option `message` must return a string that contains the code it is given');
  }
}

/** The minutes a code lives, as the SMS states them. */
export function minutesOf(ttlMs: number): number {
  return Math.ceil(ttlMs / MINUTE);
}
