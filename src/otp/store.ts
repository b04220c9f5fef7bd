/**
 * The `OtpStore` interface: where one-time codes and their counters live. Four
 * operations, each one atomic step, so a code verifies at most once and a wrong
 * guess beyond the limit never reaches a comparison, under any concurrency.
 * `memoryOtpStore` and `redisOtpStore` implement it; write your own for another
 * database and check it with `otpStoreConformance`.
 */

/**
 * A fixed window: at most `max` events in `windowMs` from the first one.
 *
 * @example
 * import type { OtpWindow } from 'kwtsms/otp';
 * const hourly: OtpWindow = { max: 3, windowMs: 3_600_000 };
 */
export interface OtpWindow {
  /** Events allowed in one window, a whole number >= 1. */
  max: number;
  /** How long a window lasts once its first event opens it, in milliseconds (>= 1000). */
  windowMs: number;
}

/**
 * What `issue` is asked to do: check the cooldown and the windows, then count the send, start the
 * cooldown and store the new code's hash in place of the old one, all in one step.
 *
 * @example
 * import type { OtpIssueRequest } from 'kwtsms/otp';
 * const request: OtpIssueRequest = {
 *   phone: '96598765432', purpose: 'login', hash: 'ab12…', ttlMs: 300_000, resendAfterMs: 240_000,
 *   maxAttempts: 3, phoneWindows: [{ max: 3, windowMs: 3_600_000 }], ipWindows: [],
 * };
 */
export interface OtpIssueRequest {
  /** The normalized number (digits only). The cooldown and the phone windows are per number. */
  phone: string;
  /** The code's scope ('login', 'reset', ...). Codes are per number and purpose. */
  purpose: string;
  /** The client's IP, when known; the IP windows count under it. */
  ip?: string;
  /** The HMAC of the new code (64 lowercase hex characters). The code itself never reaches a store. */
  hash: string;
  /** How long the code lives, in milliseconds. */
  ttlMs: number;
  /** The cooldown: least time before the next code to this number (any purpose), in milliseconds. */
  resendAfterMs: number;
  /** Wrong guesses the new code allows. */
  maxAttempts: number;
  /** Sends per number; distinct `windowMs` values (each window is one counter). */
  phoneWindows: readonly OtpWindow[];
  /** Sends per IP; distinct `windowMs` values. Ignored without `ip`. */
  ipWindows: readonly OtpWindow[];
}

/**
 * What `issue` answers. Times are the store's clock (epoch milliseconds).
 * `cooldown` and `rate_limited` change nothing; when both hold, the one that lasts longer is answered.
 *
 * @example
 * import type { OtpIssueResult } from 'kwtsms/otp';
 * const answer: OtpIssueResult = { status: 'cooldown', retryAfterMs: 180_000 };
 */
export type OtpIssueResult =
  | { status: 'issued'; expiresAt: number; resendAt: number }
  | { status: 'cooldown'; retryAfterMs: number }
  | { status: 'rate_limited'; retryAfterMs: number };

/**
 * What `check` is asked to do: in one step, refuse when the failures window is full, find the
 * code, refuse it when expired or out of attempts, compare hashes in constant time, and consume the
 * code on a match or count the wrong guess (in the code's attempts and the failures window).
 *
 * @example
 * import type { OtpCheckRequest } from 'kwtsms/otp';
 * const request: OtpCheckRequest = { phone: '96598765432', purpose: 'login', hash: 'ab12…', failures: { max: 10, windowMs: 86_400_000 } };
 */
export interface OtpCheckRequest {
  phone: string;
  purpose: string;
  /** The HMAC of the code the user typed. */
  hash: string;
  /** Wrong guesses per number across codes; when full, every check answers `locked`. */
  failures: OtpWindow;
}

/**
 * What `check` answers.
 * - `ok`: the hash matched; the code is consumed.
 * - `wrong`: no match; `attemptsLeft` after this guess (0: the code is now burned).
 * - `locked`: no comparison was made: the code has no attempts left, or the failures window is full
 *   (then `retryAfterMs` until it ends).
 * - `expired`: the code is past its life but still remembered; `not_found`: no code.
 *
 * @example
 * import type { OtpCheckResult } from 'kwtsms/otp';
 * const answer: OtpCheckResult = { status: 'wrong', attemptsLeft: 2 };
 */
export type OtpCheckResult =
  | { status: 'ok' }
  | { status: 'wrong'; attemptsLeft: number }
  | { status: 'locked'; retryAfterMs?: number }
  | { status: 'expired' }
  | { status: 'not_found' };

/**
 * What `withdraw` is asked to undo after a send the gateway definitely refused: the code issued
 * with `hash`, and the cooldown it started. Anything issued since (another hash) is left alone;
 * the window counts stay.
 *
 * @example
 * import type { OtpWithdrawRequest } from 'kwtsms/otp';
 * const request: OtpWithdrawRequest = { phone: '96598765432', purpose: 'login', hash: 'ab12…' };
 */
export interface OtpWithdrawRequest {
  phone: string;
  purpose: string;
  hash: string;
}

/**
 * Where one-time codes live. Each method is one atomic step on the store's own clock; a method
 * that cannot reach its data rejects (the caller fails closed). Keys or records must expire on
 * their own no later than the longest thing they hold (the code's life, the cooldown, a window).
 * Hashes are compared in constant time.
 *
 * @example
 * import { otpStoreConformance, type OtpStore } from 'kwtsms/otp';
 * // Your own store (a database, Workers Durable Objects...): implement the four methods, then
 * // run the shared suite under your test runner:
 * declare function createMyStore(): OtpStore;
 * otpStoreConformance({ describe, test, store: () => createMyStore() });
 */
export interface OtpStore {
  /** Cooldown and window checks, counting, and the new code replacing the old one: one step. */
  issue(request: OtpIssueRequest): Promise<OtpIssueResult>;
  /** Failures window, expiry, attempts, comparison and consuming: one step. */
  check(request: OtpCheckRequest): Promise<OtpCheckResult>;
  /** Removes the code with this hash and the cooldown it started, if they are still there. */
  withdraw(request: OtpWithdrawRequest): Promise<void>;
  /** Removes the number's live code for `purpose`, if any. The cooldown and the counts stay. */
  cancel(request: { phone: string; purpose: string }): Promise<void>;
}
