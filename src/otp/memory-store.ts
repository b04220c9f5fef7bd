/**
 * `memoryOtpStore`: the OtpStore for one process (tests, a single server).
 * Every operation runs start to finish without awaiting, so it is atomic in
 * JavaScript's single thread. Records expire on the store's clock and are swept
 * at most once a second, so the map never grows without bound.
 */
import { constantTimeEqual } from './compare.js';
import { codeKey, cooldownKey, failuresKey, ipSentKey, phoneSentKey } from './keys.js';
import type { OtpCheckResult, OtpIssueResult, OtpStore, OtpWindow } from './store.js';

/**
 * One record: a window's count, a cooldown (the hash of the code that started it), or a code.
 * Internal; exported so the tests can look inside.
 */
export type MemoryRecord =
  | { kind: 'count'; count: number; expiresAt: number }
  | { kind: 'cooldown'; hash: string; expiresAt: number }
  | { kind: 'code'; hash: string; attemptsLeft: number; expiresAt: number };

const SWEEP_EVERY_MS = 1000;

/**
 * Options of {@link memoryOtpStore}.
 *
 * @example
 * import { memoryOtpStore, type MemoryOtpStoreOptions } from 'kwtsms/otp';
 * let now = Date.now();
 * const options: MemoryOtpStoreOptions = { now: () => now };
 * const store = memoryOtpStore(options);
 * now += 60_000; // a minute later, for the store
 */
export interface MemoryOtpStoreOptions {
  /** The store's clock in epoch milliseconds; tests move it. @default Date.now */
  now?: () => number;
}

/**
 * An OtpStore in this process's memory. Codes and counters vanish on restart and are not shared
 * with other processes: for several processes or machines use `redisOtpStore`.
 *
 * @param options `now`: the clock, for tests
 * @throws TypeError when `now` is not a function
 * @example
 * import { KwtSMS } from 'kwtsms';
 * import { createOtp, memoryOtpStore } from 'kwtsms/otp';
 * const otp = createOtp({ sms: KwtSMS.fromEnv(), secret: process.env.OTP_SECRET!, store: memoryOtpStore(), appName: 'MYAPP' });
 */
export function memoryOtpStore(options: MemoryOtpStoreOptions = {}): OtpStore {
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw new TypeError('memoryOtpStore: option `now` must be a function returning epoch milliseconds');
  return memoryStoreOn(new Map(), now);
}

/** The store over a given map: internal, so the tests can read every record the store keeps. */
export function memoryStoreOn(records: Map<string, MemoryRecord>, now: () => number): OtpStore {
  let lastSweep = -Infinity;

  /** The live record under `key`; an expired one is deleted. Sweeps the whole map now and then. */
  function live(key: string, at: number): MemoryRecord | undefined {
    if (at - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = at;
      for (const [name, record] of records) if (record.expiresAt <= at) records.delete(name);
    }
    const record = records.get(key);
    if (record !== undefined && record.expiresAt <= at) {
      records.delete(key);
      return undefined;
    }
    return record;
  }

  const countOf = (key: string, at: number): { count: number; expiresAt: number } | undefined => {
    const record = live(key, at);
    return record?.kind === 'count' ? record : undefined;
  };

  /** Counts one event in the window under `key`, opening it when none is live. */
  function count(key: string, windowMs: number, at: number): void {
    const record = countOf(key, at);
    if (record === undefined) records.set(key, { kind: 'count', count: 1, expiresAt: at + windowMs });
    else records.set(key, { ...record, kind: 'count', count: record.count + 1 });
  }

  return {
    async issue(request): Promise<OtpIssueResult> {
      const at = now();
      const windows: [string, OtpWindow][] = [
        ...request.phoneWindows.map((w): [string, OtpWindow] => [phoneSentKey('', request.phone, w.windowMs), w]),
        ...(request.ip === undefined ? [] : request.ipWindows.map((w): [string, OtpWindow] => [ipSentKey('', request.ip ?? '', w.windowMs), w])),
      ];
      const cooldown = live(cooldownKey('', request.phone), at);
      const coolingMs = cooldown === undefined ? 0 : cooldown.expiresAt - at;
      let fullMs = 0;
      for (const [key, { max }] of windows) {
        const record = countOf(key, at);
        if (record !== undefined && record.count >= max) fullMs = Math.max(fullMs, record.expiresAt - at);
      }
      if (fullMs > 0 && fullMs >= coolingMs) return { status: 'rate_limited', retryAfterMs: fullMs };
      if (coolingMs > 0) return { status: 'cooldown', retryAfterMs: coolingMs };
      for (const [key, { windowMs }] of windows) count(key, windowMs, at);
      records.set(cooldownKey('', request.phone), { kind: 'cooldown', hash: request.hash, expiresAt: at + request.resendAfterMs });
      records.set(codeKey('', request.phone, request.purpose), {
        kind: 'code',
        hash: request.hash,
        attemptsLeft: request.maxAttempts,
        expiresAt: at + request.ttlMs,
      });
      return { status: 'issued', expiresAt: at + request.ttlMs, resendAt: at + request.resendAfterMs };
    },

    async check(request): Promise<OtpCheckResult> {
      const at = now();
      const failures = failuresKey('', request.phone, request.failures.windowMs);
      const failed = countOf(failures, at);
      if (failed !== undefined && failed.count >= request.failures.max) return { status: 'locked', retryAfterMs: failed.expiresAt - at };
      const key = codeKey('', request.phone, request.purpose);
      const code = live(key, at);
      if (code?.kind !== 'code') return { status: 'not_found' };
      if (code.attemptsLeft <= 0) return { status: 'locked' };
      if (constantTimeEqual(code.hash, request.hash)) {
        records.delete(key);
        return { status: 'ok' };
      }
      const attemptsLeft = code.attemptsLeft - 1;
      records.set(key, { ...code, attemptsLeft });
      count(failures, request.failures.windowMs, at);
      return { status: 'wrong', attemptsLeft };
    },

    async withdraw(request): Promise<void> {
      const at = now();
      const key = codeKey('', request.phone, request.purpose);
      const cooldown = cooldownKey('', request.phone);
      const hashOf = (name: string): string | undefined => {
        const record = live(name, at);
        return record?.kind === 'count' ? undefined : record?.hash;
      };
      if (hashOf(key) === request.hash) records.delete(key);
      if (hashOf(cooldown) === request.hash) records.delete(cooldown);
    },

    async cancel(request): Promise<void> {
      records.delete(codeKey('', request.phone, request.purpose));
    },
  };
}
