/**
 * Calling the app's store from `createOtp`: every call gets a deadline, and an
 * answer outside the `OtpStore` contract is treated as a failure (fail closed),
 * since the store may be the user's own.
 */
import type { OtpSettings } from './options.js';
import type { OtpCheckResult, OtpIssueResult, OtpStore } from './store.js';

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Whether a store's issue() answer is one the contract allows; anything else fails closed. */
export function isIssueResult(value: unknown): value is OtpIssueResult {
  const r = value as Partial<Record<string, unknown>> | null;
  if (typeof r !== 'object' || r === null) return false;
  if (r.status === 'issued') return isNumber(r.expiresAt) && isNumber(r.resendAt);
  return (r.status === 'cooldown' || r.status === 'rate_limited') && isNumber(r.retryAfterMs);
}

/** Whether a store's check() answer is one the contract allows; anything else fails closed. */
export function isCheckResult(value: unknown): value is OtpCheckResult {
  const r = value as Partial<Record<string, unknown>> | null;
  if (typeof r !== 'object' || r === null) return false;
  if (r.status === 'ok' || r.status === 'expired' || r.status === 'not_found') return true;
  if (r.status === 'wrong') return isNumber(r.attemptsLeft);
  return r.status === 'locked' && (r.retryAfterMs === undefined || isNumber(r.retryAfterMs));
}

/** A store's answer as it goes into the error that refuses it. */
export const shown = (value: unknown): string => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

/** The store call, or a rejection once `ms` have passed. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the OTP store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs one store operation with the timeout; a synchronous throw counts as a failure too. */
export function storeCall<T>(settings: OtpSettings, operation: (store: OtpStore) => Promise<T>): Promise<T> {
  return withTimeout(Promise.resolve().then(() => operation(settings.store)), settings.storeTimeoutMs);
}
