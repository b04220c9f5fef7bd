/**
 * `memoryOtpStore`: the OtpStore for one process (tests, a single server).
 * Every operation runs start to finish without awaiting, so it is atomic in
 * JavaScript's single thread. Records expire on the store's clock and are swept
 * at most once a second, so the map never grows without bound.
 */
import { constantTimeEqual } from './compare.js';
import { codeKey, cooldownKey, failuresKey, ipSentKey, phoneSentKey } from './keys.js';
import type { OtpCheckRequest, OtpCheckResult, OtpIssueRequest, OtpIssueResult, OtpStore, OtpWindow, OtpWithdrawRequest } from './store.js';

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

/** The store's records and clock, and when it last swept out expired records. */
interface MemoryState {
  readonly records: Map<string, MemoryRecord>;
  readonly now: () => number;
  lastSweep: number;
}

/** The store over a given map: internal, so the tests can read every record the store keeps. */
export function memoryStoreOn(records: Map<string, MemoryRecord>, now: () => number): OtpStore {
  const state: MemoryState = { records, now, lastSweep: -Infinity };
  return {
    issue: async (request) => issueIn(state, request),
    check: async (request) => checkIn(state, request),
    withdraw: async (request) => withdrawIn(state, request),
    cancel: async (request) => {
      records.delete(codeKey('', request.phone, request.purpose));
    },
  };
}

/** The live record under `key`; an expired one is deleted. Sweeps the whole map now and then. */
function live(state: MemoryState, key: string, at: number): MemoryRecord | undefined {
  const { records } = state;
  if (at - state.lastSweep >= SWEEP_EVERY_MS) {
    state.lastSweep = at;
    for (const [name, record] of records) if (record.expiresAt <= at) records.delete(name);
  }
  const record = records.get(key);
  if (record !== undefined && record.expiresAt <= at) {
    records.delete(key);
    return undefined;
  }
  return record;
}

function countOf(state: MemoryState, key: string, at: number): { count: number; expiresAt: number } | undefined {
  const record = live(state, key, at);
  return record?.kind === 'count' ? record : undefined;
}

/** Counts one event in the window under `key`, opening it when none is live. */
function count(state: MemoryState, key: string, windowMs: number, at: number): void {
  const record = countOf(state, key, at);
  if (record === undefined) state.records.set(key, { kind: 'count', count: 1, expiresAt: at + windowMs });
  else state.records.set(key, { ...record, kind: 'count', count: record.count + 1 });
}

/** The window counters an issue touches: the number's, and the IP's when there is one. */
function windowsOf(request: OtpIssueRequest): [string, OtpWindow][] {
  return [
    ...request.phoneWindows.map((w): [string, OtpWindow] => [phoneSentKey('', request.phone, w.windowMs), w]),
    ...(request.ip === undefined ? [] : request.ipWindows.map((w): [string, OtpWindow] => [ipSentKey('', request.ip ?? '', w.windowMs), w])),
  ];
}

function issueIn(state: MemoryState, request: OtpIssueRequest): OtpIssueResult {
  const at = state.now();
  const windows = windowsOf(request);
  const cooldown = live(state, cooldownKey('', request.phone), at);
  const coolingMs = cooldown === undefined ? 0 : cooldown.expiresAt - at;
  let fullMs = 0;
  for (const [key, { max }] of windows) {
    const record = countOf(state, key, at);
    if (record !== undefined && record.count >= max) fullMs = Math.max(fullMs, record.expiresAt - at);
  }
  if (fullMs > 0 && fullMs >= coolingMs) return { status: 'rate_limited', retryAfterMs: fullMs };
  if (coolingMs > 0) return { status: 'cooldown', retryAfterMs: coolingMs };
  for (const [key, { windowMs }] of windows) count(state, key, windowMs, at);
  state.records.set(cooldownKey('', request.phone), { kind: 'cooldown', hash: request.hash, expiresAt: at + request.resendAfterMs });
  state.records.set(codeKey('', request.phone, request.purpose), {
    kind: 'code',
    hash: request.hash,
    attemptsLeft: request.maxAttempts,
    expiresAt: at + request.ttlMs,
  });
  return { status: 'issued', expiresAt: at + request.ttlMs, resendAt: at + request.resendAfterMs };
}

function checkIn(state: MemoryState, request: OtpCheckRequest): OtpCheckResult {
  const at = state.now();
  const failures = failuresKey('', request.phone, request.failures.windowMs);
  const failed = countOf(state, failures, at);
  if (failed !== undefined && failed.count >= request.failures.max) return { status: 'locked', retryAfterMs: failed.expiresAt - at };
  const key = codeKey('', request.phone, request.purpose);
  const code = live(state, key, at);
  if (code?.kind !== 'code') return { status: 'not_found' };
  if (code.attemptsLeft <= 0) return { status: 'locked' };
  if (constantTimeEqual(code.hash, request.hash)) {
    state.records.delete(key);
    return { status: 'ok' };
  }
  const attemptsLeft = code.attemptsLeft - 1;
  state.records.set(key, { ...code, attemptsLeft });
  count(state, failures, request.failures.windowMs, at);
  return { status: 'wrong', attemptsLeft };
}

function withdrawIn(state: MemoryState, request: OtpWithdrawRequest): void {
  const at = state.now();
  const key = codeKey('', request.phone, request.purpose);
  const cooldown = cooldownKey('', request.phone);
  const hashOf = (name: string): string | undefined => {
    const record = live(state, name, at);
    return record?.kind === 'count' ? undefined : record?.hash;
  };
  if (hashOf(key) === request.hash) state.records.delete(key);
  if (hashOf(cooldown) === request.hash) state.records.delete(cooldown);
}
