/**
 * What `otp.send` and `otp.verify` resolve to, and the builders of their error
 * results. Every error carries the code's developer action from `apiErrors`;
 * nothing in a result can hold the one-time code.
 */
import { actionFor, failure, GENERIC_ACTION, type ErrorCode } from '../errors.js';

/**
 * A failed `send` or `verify`: `code` from `apiErrors` (OTP_*, ERR_INVALID_INPUT, or whatever
 * `send()` answered), what went wrong, and what the developer should do. Never show `description`
 * or `action` to end users as they are.
 *
 * @example
 * import type { OtpError } from 'kwtsms/otp';
 * const waitSeconds = (e: OtpError) => Math.ceil((e.retryAfterMs ?? 0) / 1000);
 */
export interface OtpError {
  result: 'ERROR';
  code: ErrorCode;
  description: string;
  action: string;
  /** OTP_COOLDOWN, OTP_RATE_LIMITED, and OTP_LOCKED from the failures window: milliseconds until asking again can work. */
  retryAfterMs?: number;
  /** OTP_WRONG_CODE: guesses left for this code (0: it is burned; send a new one). */
  attemptsLeft?: number;
  /** The underlying error (a store's, a network's), when there is one. */
  cause?: unknown;
}

/**
 * What `otp.send` resolves to. Times are epoch milliseconds on the store's clock.
 *
 * @example
 * import type { OtpSendResult } from 'kwtsms/otp';
 * const describe = (r: OtpSendResult) => (r.result === 'OK' ? `sent, valid until ${new Date(r.expiresAt).toISOString()}` : r.code);
 */
export type OtpSendResult =
  | {
      result: 'OK';
      /** The number the code went to, normalized. */
      phone: string;
      /** The gateway's msg-id, for `status()`. */
      msgId: string;
      /** When the code stops working. */
      expiresAt: number;
      /** When the next code to this number may be sent. */
      resendAt: number;
    }
  | OtpError;

/**
 * What `otp.verify` resolves to.
 *
 * @example
 * import type { OtpVerifyResult } from 'kwtsms/otp';
 * const signedIn = (r: OtpVerifyResult) => r.result === 'OK';
 */
export type OtpVerifyResult = { result: 'OK'; phone: string } | OtpError;

/** An error result for `code`, with its action. */
export function otpError(code: ErrorCode, description: string, cause?: unknown, extra: Pick<OtpError, 'retryAfterMs' | 'attemptsLeft'> = {}): OtpError {
  const { ok: _ok, ...fields } = failure(code, description, cause);
  return { result: 'ERROR', ...fields, ...extra };
}

/** OTP_STORE_UNAVAILABLE: the store threw or timed out; nothing was sent or accepted. */
export function storeFailure(cause: unknown): OtpError {
  return otpError('OTP_STORE_UNAVAILABLE', 'The OTP store failed or did not answer in time.', cause);
}

/** Whether `value` (an error, a string, anything) shows `code` anywhere a reader could see it. */
function mentions(value: unknown, code: string, depth = 0): boolean {
  if (value === undefined || value === null) return false;
  try {
    if (String(value).includes(code)) return true;
    if (typeof value !== 'object' && typeof value !== 'function') return false;
    const { message, stack, cause } = value as { message?: unknown; stack?: unknown; cause?: unknown };
    if (String(message).includes(code) || String(stack).includes(code)) return true;
    if ((JSON.stringify(value) ?? '').includes(code)) return true;
    return depth < 4 && mentions(cause, code, depth + 1);
  } catch {
    // Unreadable: it cannot be shown to be clean, so it is treated as showing the code.
    return true;
  }
}

/** `cause` unless it shows the code (a custom sender's error may quote the message): then left out. */
export function safeCause(cause: unknown, code: string): unknown {
  return mentions(cause, code) ? undefined : cause;
}

/**
 * The error result for a send that did not answer OK, without the code: a description that quotes
 * it has it masked, a cause that shows it is left out. No `code` counts as an unknown fate.
 */
export function sendError(
  sent: { code?: ErrorCode; description?: string; action?: string; cause?: unknown },
  code: string,
): OtpError {
  const errorCode = sent.code ?? 'BAD_RESPONSE';
  const description = (sent.description ?? 'The SMS was not sent.').replaceAll(code, '***');
  const action = (sent.action ?? actionFor(errorCode) ?? GENERIC_ACTION).replaceAll(code, '***');
  const cause = safeCause(sent.cause, code);
  return { result: 'ERROR', code: errorCode, description, action, ...(cause !== undefined && { cause }) };
}
