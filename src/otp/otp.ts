/**
 * `createOtp`: send and verify one-time codes. The flow around the store: check
 * the input, make and hash a code, let the store issue it atomically, send the
 * SMS (redacted in every log), and withdraw the code when the gateway
 * definitely refused it. The code exists only in the SMS.
 */
import { generateCode } from './codes.js';
import { createHasher, type CodeHasher } from './hash.js';
import { checkSendInput, checkVerifyInput } from './input.js';
import { checkOptions, minutesOf, type OtpOptions, type OtpSettings } from './options.js';
import { otpError, safeCause, sendError, storeFailure, type OtpError, type OtpSendResult, type OtpVerifyResult } from './results.js';
import { isCheckResult, isIssueResult, shown, storeCall } from './store-call.js';
import type { OtpCheckResult, OtpIssueResult } from './store.js';

/**
 * What `otp.send` takes.
 *
 * @example
 * import type { OtpSendRequest } from 'kwtsms/otp';
 * const request: OtpSendRequest = { phone: '+965 9876 5432', ip: '203.0.113.7', purpose: 'login' };
 */
export interface OtpSendRequest {
  /** The number as the user typed it: normalized and validated like `validatePhoneInput`. */
  phone: string;
  /** The client's IP address; without it the `limits.ip` windows are not applied. */
  ip?: string;
  /** The code's scope, 1 to 64 characters: a login code never verifies a reset. @default 'default' */
  purpose?: string;
}

/**
 * What `otp.verify` takes.
 *
 * @example
 * import type { OtpVerifyRequest } from 'kwtsms/otp';
 * const request: OtpVerifyRequest = { phone: '+965 9876 5432', code: '١٢٣٤٥٦', purpose: 'login' };
 */
export interface OtpVerifyRequest {
  phone: string;
  /** What the user typed: trimmed, Arabic-Indic and Persian digits read as Latin. */
  code: string;
  /** Accepted for symmetry with `send`; verify is not limited per IP. */
  ip?: string;
  /** @default 'default' */
  purpose?: string;
}

/**
 * The one-time code service `createOtp` returns.
 *
 * @example
 * import type { Otp } from 'kwtsms/otp';
 * async function login(otp: Otp, phone: string, code: string): Promise<boolean> {
 *   return (await otp.verify({ phone, code })).result === 'OK';
 * }
 */
export interface Otp {
  /** Sends a fresh code (the previous one for this number and purpose stops working). Never rejects. */
  send(request: OtpSendRequest): Promise<OtpSendResult>;
  /** Checks a code; a right one works once. Never rejects. */
  verify(request: OtpVerifyRequest): Promise<OtpVerifyResult>;
  /** Withdraws the live code for this number and purpose, if any. Rejects when the store fails or the phone is invalid. */
  cancel(request: { phone: string; purpose?: string }): Promise<void>;
}

const FIX_MESSAGE = 'Fix the `message` option: it must return a text that holds the code.';

/** Send errors after which the SMS may still arrive: the code stays valid. */
const UNKNOWN_FATE: ReadonlySet<string> = new Set(['TIMEOUT', 'NETWORK', 'BAD_RESPONSE', 'ABORTED', 'INTERRUPTED']);

/** What `send`, `verify` and `cancel` share: the checked options and the hasher keyed with the secret. */
interface OtpContext {
  readonly settings: OtpSettings;
  readonly hash: CodeHasher;
  readonly minutes: number;
}

/** The code's place in the store: what `withdraw` needs to take back exactly this code. */
type Scope = { phone: string; purpose: string; hash: string };
type Issued = Extract<OtpIssueResult, { status: 'issued' }>;

/** The SMS text from the `message` option, or the error when it threw or left the code out. */
function messageText({ settings, minutes }: OtpContext, code: string): string | OtpError {
  let text: unknown;
  try {
    text = settings.message({ code, appName: settings.appName, minutes });
  } catch (error) {
    return { ...otpError('ERR_INVALID_INPUT', 'The `message` option threw; no code was sent.', safeCause(error, code)), action: FIX_MESSAGE };
  }
  if (typeof text !== 'string' || !text.includes(code)) {
    return { ...otpError('ERR_INVALID_INPUT', 'The `message` option returned a text without the code; no code was sent.'), action: FIX_MESSAGE };
  }
  return text;
}

/** Hashes the code and has the store issue it: the issued code's scope and times, or the error to answer. */
async function issueCode(
  ctx: OtpContext,
  { phone, purpose, ip }: { phone: string; purpose: string; ip: string | undefined },
  code: string,
): Promise<{ scope: Scope; issued: Issued } | OtpError> {
  const { settings } = ctx;
  let scope: Scope | undefined;
  let issued: OtpIssueResult;
  try {
    const current = (scope = { phone, purpose, hash: await ctx.hash(purpose, phone, code) });
    issued = await storeCall(settings, (store) =>
      store.issue({
        ...current,
        ...(ip !== undefined && { ip }),
        ttlMs: settings.ttlMs,
        resendAfterMs: settings.resendAfterMs,
        maxAttempts: settings.maxAttempts,
        phoneWindows: settings.phoneWindows,
        ipWindows: settings.ipWindows,
      }),
    );
    if (!isIssueResult(issued)) throw new Error(`the store's issue() answered ${shown(issued)}`);
  } catch (error) {
    // It may still land (a slow store): undo it if it does, so the number is not left cooling down.
    const issuedScope = scope;
    if (issuedScope !== undefined) void storeCall(settings, (store) => store.withdraw(issuedScope)).catch(() => undefined);
    return storeFailure(error);
  }
  if (issued.status === 'cooldown') {
    return otpError('OTP_COOLDOWN', 'A code was sent to this number moments ago.', undefined, { retryAfterMs: issued.retryAfterMs });
  }
  if (issued.status === 'rate_limited') {
    return otpError('OTP_RATE_LIMITED', 'Too many codes were asked for this number or from this address.', undefined, {
      retryAfterMs: issued.retryAfterMs,
    });
  }
  return { scope, issued };
}

/** Sends the SMS of an issued code; withdraws the code when the gateway surely did not take it. */
async function deliver({ settings }: OtpContext, scope: Scope, issued: Issued, text: string, code: string): Promise<OtpSendResult> {
  const { phone } = scope;
  let sent;
  try {
    // redact: the code stays out of every log entry. retryDelaysMs []: a full queue (ERR013) is
    // answered at once instead of holding the user's request for minutes of retries; it is a
    // definite failure, so the cooldown is cleared and the user can simply ask again.
    sent = await settings.sms.send(phone, text, { ...(settings.sender !== undefined && { sender: settings.sender }), redact: true, retryDelaysMs: [] });
  } catch (error) {
    // A sender that throws may have queued the SMS already: treated as a network failure, the code stays.
    return otpError('NETWORK', 'The SMS sender threw; the SMS may or may not be on its way.', safeCause(error, code));
  }
  if (typeof sent !== 'object' || sent === null) sent = { result: 'ERROR' as const, description: 'The SMS sender answered no result.' };
  if (sent.result === 'OK') {
    return { result: 'OK', phone, msgId: sent.msgId ?? '', expiresAt: issued.expiresAt, resendAt: issued.resendAt };
  }
  const failed = sendError(sent, code);
  if (!UNKNOWN_FATE.has(failed.code)) {
    // The gateway took nothing: the code can never arrive, and the user may ask again at once.
    // The window counts stay: a refused send still cost the attempt.
    await storeCall(settings, (store) => store.withdraw(scope)).catch(() => undefined);
  }
  return failed;
}

/** `otp.send`: check the input, make the text, issue the code, send it. */
async function sendCode(ctx: OtpContext, request: OtpSendRequest): Promise<OtpSendResult> {
  const input = checkSendInput(request);
  if (!input.ok) return input.error;
  const { phone } = input.value;
  const { countries } = ctx.settings;
  if (countries !== undefined && !countries.some((code) => phone.startsWith(code))) {
    return otpError('OTP_COUNTRY_BLOCKED', 'This number is in a country the app does not send codes to.');
  }
  const code = generateCode(ctx.settings.length);
  const text = messageText(ctx, code);
  if (typeof text !== 'string') return text;
  const outcome = await issueCode(ctx, input.value, code);
  if ('result' in outcome) return outcome;
  return deliver(ctx, outcome.scope, outcome.issued, text, code);
}

/** The result `verify` answers for a store's check() answer. */
function verdict(checked: OtpCheckResult, phone: string): OtpVerifyResult {
  switch (checked.status) {
    case 'ok':
      return { result: 'OK', phone };
    case 'wrong':
      return otpError('OTP_WRONG_CODE', 'That code is not right.', undefined, { attemptsLeft: checked.attemptsLeft });
    case 'locked':
      return checked.retryAfterMs === undefined
        ? otpError('OTP_LOCKED', 'Too many wrong guesses for this code.')
        : otpError('OTP_LOCKED', 'Too many wrong guesses for this number.', undefined, { retryAfterMs: checked.retryAfterMs });
    case 'expired':
      return otpError('OTP_EXPIRED', 'The code has expired.');
    case 'not_found':
      return otpError('OTP_NOT_FOUND', 'There is no live code for this number.');
  }
}

/** `otp.verify`: check the input, hash the guess, let the store compare it. */
async function verifyCode({ settings, hash }: OtpContext, request: OtpVerifyRequest): Promise<OtpVerifyResult> {
  const input = checkVerifyInput(request, settings.length);
  if (!input.ok) return input.error;
  const { phone, purpose, code } = input.value;
  let checked: OtpCheckResult;
  try {
    const hashed = await hash(purpose, phone, code);
    checked = await storeCall(settings, (store) => store.check({ phone, purpose, hash: hashed, failures: settings.failures }));
    if (!isCheckResult(checked)) throw new Error(`the store's check() answered ${shown(checked)}`);
  } catch (error) {
    return storeFailure(error);
  }
  return verdict(checked, phone);
}

/** `otp.cancel`: withdraw the live code, whatever its hash. */
async function cancelCode({ settings }: OtpContext, request: { phone: string; purpose?: string }): Promise<void> {
  const input = checkSendInput(request);
  if (!input.ok) throw new TypeError(`otp.cancel: ${input.error.description}`);
  const { phone, purpose } = input.value;
  await storeCall(settings, (store) => store.cancel({ phone, purpose }));
}

/**
 * Creates the one-time code service: codes from `crypto.getRandomValues`, stored only as
 * HMAC-SHA-256 hashes, each store operation atomic, a resend cooldown, rate limits per number and
 * per IP, attempts per code, and wrong guesses per number. Runs on every runtime (WebCrypto only).
 *
 * @param options see {@link OtpOptions}; `sms`, `secret`, `store` and `appName` are required
 * @returns `{ send, verify, cancel }`
 * @throws TypeError for a bad option (a short secret, a `message` without the code, a limit out of range...)
 * @example
 * import { KwtSMS } from 'kwtsms';
 * import { createOtp, memoryOtpStore } from 'kwtsms/otp';
 *
 * const otp = createOtp({ sms: KwtSMS.fromEnv(), secret: process.env.OTP_SECRET!, store: memoryOtpStore(), appName: 'MYAPP' });
 * const sent = await otp.send({ phone: '+965 9876 5432', ip: '203.0.113.7' });
 * if (sent.result === 'ERROR') console.log(sent.code, sent.retryAfterMs);
 * const checked = await otp.verify({ phone: '+965 9876 5432', code: '123456' });
 * if (checked.result === 'OK') console.log('signed in', checked.phone);
 */
export function createOtp(options: OtpOptions): Otp {
  const settings = checkOptions(options);
  if (typeof crypto !== 'object' || typeof crypto.subtle?.sign !== 'function') {
    throw new TypeError('createOtp: this runtime has no WebCrypto (crypto.subtle); it is needed to hash codes');
  }
  const ctx: OtpContext = { settings, hash: createHasher(settings.secret), minutes: minutesOf(settings.ttlMs) };
  // Frozen, holding only functions: JSON.stringify and inspect show nothing of the secret.
  return Object.freeze({
    send: (request: OtpSendRequest) => sendCode(ctx, request),
    verify: (request: OtpVerifyRequest) => verifyCode(ctx, request),
    cancel: (request: { phone: string; purpose?: string }) => cancelCode(ctx, request),
  });
}
