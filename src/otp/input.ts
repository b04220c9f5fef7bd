/**
 * The user's input to `send`, `verify` and `cancel`, checked before anything
 * else. A bad phone is ERR_INVALID_INPUT before any other check; a code that is
 * not `length` digits uses no attempt.
 */
import { foldDigits } from '../digits.js';
import { validatePhoneInput } from '../phone.js';
import { otpError, type OtpError } from './results.js';

/** A checked value, or the error result that says what to fix. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: OtpError };

/** The purpose when none is given. */
export const DEFAULT_PURPOSE = 'default';
const MAX_PURPOSE = 64;
const MAX_IP = 100;

/** apiErrors' action for ERR_INVALID_INPUT speaks of send()'s `invalid` list, which OTP results do not have. */
const FIX_INPUT = 'Ask the user to correct it: the description says what is wrong.';

const invalid = (description: string): { ok: false; error: OtpError } => ({
  ok: false,
  error: { ...otpError('ERR_INVALID_INPUT', description), action: FIX_INPUT },
});

/** Phone, purpose and IP of a send or cancel. */
export function checkSendInput(request: unknown): Checked<{ phone: string; purpose: string; ip: string | undefined }> {
  if (typeof request !== 'object' || request === null) return invalid('Pass an object: { phone, ip?, purpose? }.');
  const { phone, purpose = DEFAULT_PURPOSE, ip } = request as Record<string, unknown>;
  if (typeof phone !== 'string') return invalid('`phone` must be a string.');
  const [valid, error, normalized] = validatePhoneInput(phone);
  if (!valid) return invalid(error ?? 'The phone number is not valid.');
  if (typeof purpose !== 'string' || purpose === '' || purpose.length > MAX_PURPOSE) {
    return invalid(`\`purpose\` must be a string of 1 to ${MAX_PURPOSE} characters.`);
  }
  if (ip !== undefined && (typeof ip !== 'string' || ip.trim() === '' || ip.length > MAX_IP)) {
    return invalid(`\`ip\` must be a string of 1 to ${MAX_IP} characters, or left out.`);
  }
  return { ok: true, value: { phone: normalized, purpose, ip: ip?.trim().toLowerCase() } };
}

/** Phone, purpose and code of a verify: the code trimmed, its Arabic-Indic and Persian digits read as Latin. */
export function checkVerifyInput(request: unknown, length: number): Checked<{ phone: string; purpose: string; code: string }> {
  const base = checkSendInput(request);
  if (!base.ok) return base;
  const { code } = request as Record<string, unknown>;
  const digits = typeof code === 'string' ? foldDigits(code.trim()) : '';
  if (digits.length !== length || !/^[0-9]+$/.test(digits)) return invalid(`The code must be ${length} digits.`);
  return { ok: true, value: { phone: base.value.phone, purpose: base.value.purpose, code: digits } };
}
