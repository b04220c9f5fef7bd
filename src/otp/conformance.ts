/**
 * The shared conformance suite for `OtpStore`: the rules every store must keep,
 * written once and run under any test runner. The built-in stores pass it; run
 * it against your own store to know it keeps them too.
 */
import type { OtpCheckResult, OtpIssueRequest, OtpIssueResult, OtpStore } from './store.js';

/**
 * What `otpStoreConformance` needs from your test runner and your store.
 *
 * @example
 * import { describe, expect, test } from 'vitest';
 * import { memoryOtpStore, otpStoreConformance, type ConformanceOptions } from 'kwtsms/otp';
 * let now = Date.now();
 * const options: ConformanceOptions = {
 *   describe, test, expect,
 *   store: () => memoryOtpStore({ now: () => now }),
 *   wait: async (ms) => void (now += ms),
 * };
 * otpStoreConformance(options);
 */
export interface ConformanceOptions {
  /** Your runner's `describe` (vitest, jest, bun:test, node:test, mocha...). */
  describe: (name: string, body: () => void) => unknown;
  /** Your runner's `test` or `it`; bodies are async. */
  test: (name: string, body: () => Promise<void>) => unknown;
  /** A fresh, empty store for each test. Stores sharing one server need their own key prefix. */
  store: () => OtpStore | Promise<OtpStore>;
  /**
   * Lets `ms` pass on the store's clock. Real time by default (the suite then takes a few seconds);
   * a store with an injectable clock can move it instead.
   * @default a real sleep
   */
  wait?: (ms: number) => Promise<void>;
  /** Your runner's `expect`, for its diffs; without it, failures throw plain Errors. @default built-in checks */
  expect?: (actual: unknown) => { toEqual(expected: unknown): unknown };
  /** The describe block's title. @default 'OtpStore conformance' */
  name?: string;
}

const MINUTE = 60_000;
/** Long enough that a step never runs out of time on a loaded machine; short enough to wait for. */
const SHORT = 1000;
const PAST_SHORT = 1200;
/** Lets a 1 ms cooldown pass. */
const TICK = 20;
const PHONE = '96598765432';
const OTHER_PHONE = '96550000001';
const hashOf = (c: string): string => c.repeat(64);
const [A, B, C, WRONG] = [hashOf('a'), hashOf('b'), hashOf('c'), hashOf('f')];
const NO_LIMITS = { phoneWindows: [], ipWindows: [] } as const;
const FAILURES = { max: 100, windowMs: 10 * MINUTE };

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

function statuses(results: { status: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

type Failures = { max: number; windowMs: number };

/** A fresh store, with `issue` and `check` that fill in everything a test does not override. */
interface StoreUnderTest {
  issue: (hash: string, overrides?: Partial<OtpIssueRequest>) => Promise<OtpIssueResult>;
  check: (hash: string, overrides?: { phone?: string; purpose?: string; failures?: Failures }) => Promise<OtpCheckResult>;
  store: OtpStore;
}

/** What each group of tests registers with: a test on a fresh store, the checks, and the store's clock. */
interface Suite {
  test: (name: string, body: (s: StoreUnderTest) => Promise<void>) => void;
  same: (actual: unknown, expected: unknown, what: string) => void;
  within: (actual: unknown, low: number, high: number, what: string) => void;
  wait: (ms: number) => Promise<void>;
}

function underTest(store: OtpStore): StoreUnderTest {
  return {
    issue: (hash, overrides = {}) =>
      store.issue({ phone: PHONE, purpose: 'login', hash, ttlMs: 10 * MINUTE, resendAfterMs: MINUTE, maxAttempts: 3, ...NO_LIMITS, ...overrides }),
    check: (hash, overrides = {}) => store.check({ phone: PHONE, purpose: 'login', hash, failures: FAILURES, ...overrides }),
    store,
  };
}

/** `same` through the runner's `expect` when given (for its diffs), else with plain Errors. */
function checksFor(options: ConformanceOptions): Pick<Suite, 'same' | 'within'> {
  const same = (actual: unknown, expected: unknown, what: string): void => {
    if (options.expect !== undefined) {
      options.expect({ [what]: actual }).toEqual({ [what]: expected });
    } else if (!deepEqual(actual, expected)) {
      throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
  };
  const within = (actual: unknown, low: number, high: number, what: string): void => {
    const ok = typeof actual === 'number' && actual > low && actual <= high;
    same(ok ? 'in range' : actual, 'in range', `${what} (expected > ${low} and <= ${high})`);
  };
  return { same, within };
}

/**
 * Registers the conformance tests for an `OtpStore` with your test runner: issuing, cooldown,
 * windows, replacement, purposes, attempts, the failures window, withdraw, cancel, expiry, and
 * concurrency (100 checks of the right hash verify once; wrong guesses beyond the attempts never
 * get a comparison; concurrent issues send one code). Call it at the top level of a test file.
 *
 * @param options your runner's `describe` and `test`, and a `store()` factory
 * @example
 * import { describe, expect, test } from 'vitest';
 * import Redis from 'ioredis';
 * import { otpStoreConformance, redisOtpStore } from 'kwtsms/otp';
 *
 * const redis = new Redis(process.env.REDIS_URL!);
 * let n = 0;
 * otpStoreConformance({
 *   describe, test, expect,
 *   store: () => redisOtpStore((s, k, a) => redis.eval(s, k.length, ...k, ...a), { prefix: `conformance:${Date.now()}:${n++}:` }),
 * });
 */
export function otpStoreConformance(options: ConformanceOptions): void {
  const { describe, test } = options;
  if (typeof describe !== 'function' || typeof test !== 'function' || typeof options.store !== 'function') {
    throw new TypeError('otpStoreConformance: pass { describe, test, store: () => OtpStore } (and optionally wait, expect)');
  }
  const suite: Suite = {
    test: (name, body) => void test(name, async () => body(underTest(await options.store()))),
    ...checksFor(options),
    wait: options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
  };
  describe(options.name ?? 'OtpStore conformance', () => {
    issueTests(suite);
    concurrencyTests(suite);
    purposeTests(suite);
    windowTests(suite);
    limitTests(suite);
    withdrawTests(suite);
    failureTests(suite);
    expiryTests(suite);
  });
}

/** An issued code verifies once; wrong guesses use up its attempts. */
function issueTests({ test, same }: Suite): void {
  test('issues a code that verifies once', async ({ issue, check }) => {
    const issued = await issue(A, { ttlMs: 5 * MINUTE, resendAfterMs: 4 * MINUTE });
    same(issued.status, 'issued', 'issue status');
    if (issued.status === 'issued') same(issued.expiresAt - issued.resendAt, MINUTE, 'expiresAt - resendAt');
    same(await check(A), { status: 'ok' }, 'first check');
    same(await check(A), { status: 'not_found' }, 'second check');
  });

  test('no code: not_found', async ({ check }) => {
    same(await check(A), { status: 'not_found' }, 'check');
  });

  test('a wrong guess uses an attempt; after the last, even the right hash is locked', async ({ issue, check }) => {
    await issue(A, { maxAttempts: 3 });
    same(await check(WRONG), { status: 'wrong', attemptsLeft: 2 }, 'guess 1');
    same(await check(WRONG), { status: 'wrong', attemptsLeft: 1 }, 'guess 2');
    same(await check(WRONG), { status: 'wrong', attemptsLeft: 0 }, 'guess 3');
    same(await check(WRONG), { status: 'locked' }, 'guess 4');
    same(await check(A), { status: 'locked' }, 'the right hash after');
  });
}

/** Concurrent calls: the store must read and write in one atomic step. */
function concurrencyTests({ test, same }: Suite): void {
  test('100 concurrent checks of the right hash: exactly one ok', async ({ issue, check }) => {
    await issue(A);
    const results = await Promise.all(Array.from({ length: 100 }, () => check(A)));
    same(statuses(results), { ok: 1, not_found: 99 }, 'statuses');
  });

  test('concurrent wrong guesses: only maxAttempts get a comparison', async ({ issue, check }) => {
    await issue(A, { maxAttempts: 3 });
    const results = await Promise.all(Array.from({ length: 30 }, () => check(WRONG)));
    same(statuses(results), { wrong: 3, locked: 27 }, 'statuses');
    const left = results.flatMap((r) => (r.status === 'wrong' ? [r.attemptsLeft] : [])).sort();
    same(left, [0, 1, 2], 'attemptsLeft of the compared guesses');
    same(await check(A), { status: 'locked' }, 'the right hash after');
  });

  test('concurrent issues to one number: one code, the rest cool down', async ({ issue }) => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => issue(i.toString(16).padStart(2, '0').repeat(32))));
    same(statuses(results), { issued: 1, cooldown: 19 }, 'statuses');
  });
}

/** Purposes: the cooldown is per number, codes are per number and purpose. */
function purposeTests({ test, same, within, wait }: Suite): void {
  test('the cooldown holds across purposes', async ({ issue }) => {
    await issue(A, { resendAfterMs: MINUTE });
    const second = await issue(B, { purpose: 'reset', resendAfterMs: MINUTE });
    same(second.status, 'cooldown', 'status');
    if (second.status === 'cooldown') within(second.retryAfterMs, MINUTE - 10_000, MINUTE, 'retryAfterMs');
  });

  test('purposes scope codes', async ({ issue, check }) => {
    await issue(A, { purpose: 'login' });
    same(await check(A, { purpose: 'reset' }), { status: 'not_found' }, 'the login code as a reset');
    same(await check(A, { purpose: 'login' }), { status: 'ok' }, 'the login code as a login');
  });

  test("a new code replaces the old one and leaves another purpose's code alone", async ({ issue, check }) => {
    await issue(A, { resendAfterMs: 1 });
    await wait(TICK);
    same((await issue(C, { purpose: 'reset', resendAfterMs: 1 })).status, 'issued', 'reset code');
    await wait(TICK);
    same((await issue(B, { resendAfterMs: 1 })).status, 'issued', 'new login code');
    same(await check(A), { status: 'wrong', attemptsLeft: 2 }, 'the replaced code');
    same(await check(C, { purpose: 'reset' }), { status: 'ok' }, 'the reset code');
    same(await check(B), { status: 'ok' }, 'the new login code');
  });
}

/** Rate-limit windows per number: full, ending, and which one answers. */
function windowTests({ test, same, within, wait }: Suite): void {
  test('a full phone window refuses until it ends; refused sends do not count', async ({ issue }) => {
    const phoneWindows = [{ max: 2, windowMs: MINUTE }];
    same((await issue(A, { phoneWindows, resendAfterMs: SHORT })).status, 'issued', 'send 1');
    same((await issue(B, { phoneWindows, resendAfterMs: SHORT })).status, 'cooldown', 'send 2, cooling down');
    await wait(PAST_SHORT);
    same((await issue(B, { phoneWindows, resendAfterMs: 1 })).status, 'issued', 'send 3 (the refused one did not count)');
    await wait(TICK);
    const full = await issue(C, { phoneWindows, resendAfterMs: 1 });
    same(full.status, 'rate_limited', 'send 4');
    if (full.status === 'rate_limited') within(full.retryAfterMs, MINUTE - 10_000, MINUTE, 'retryAfterMs');
  });

  test('a window frees once it ends', async ({ issue }) => {
    const phoneWindows = [{ max: 1, windowMs: SHORT }];
    same((await issue(A, { phoneWindows, resendAfterMs: 1 })).status, 'issued', 'send 1');
    await wait(TICK);
    same((await issue(B, { phoneWindows, resendAfterMs: 1 })).status, 'rate_limited', 'send 2');
    await wait(PAST_SHORT);
    same((await issue(C, { phoneWindows, resendAfterMs: 1 })).status, 'issued', 'send 3, next window');
  });

  test('retryAfterMs: until the full window that ends last ends', async ({ issue }) => {
    const phoneWindows = [
      { max: 1, windowMs: MINUTE / 2 },
      { max: 1, windowMs: MINUTE },
    ];
    await issue(A, { phoneWindows, resendAfterMs: 1 });
    await wait(TICK);
    const full = await issue(B, { phoneWindows, resendAfterMs: 1 });
    same(full.status, 'rate_limited', 'status');
    if (full.status === 'rate_limited') within(full.retryAfterMs, MINUTE - 10_000, MINUTE, 'retryAfterMs');
  });
}

/** The cooldown against a window, and windows per IP. */
function limitTests({ test, same, within }: Suite): void {
  test('cooldown and a full window: the one that lasts longer answers', async ({ issue }) => {
    await issue(A, { phoneWindows: [{ max: 1, windowMs: 10_000 }], resendAfterMs: MINUTE });
    const cooling = await issue(B, { phoneWindows: [{ max: 1, windowMs: 10_000 }], resendAfterMs: MINUTE });
    same(cooling.status, 'cooldown', 'a short window under a long cooldown');
    await issue(A, { phone: OTHER_PHONE, phoneWindows: [{ max: 1, windowMs: MINUTE }], resendAfterMs: 10_000 });
    const limited = await issue(B, { phone: OTHER_PHONE, phoneWindows: [{ max: 1, windowMs: MINUTE }], resendAfterMs: 10_000 });
    same(limited.status, 'rate_limited', 'a long window over a short cooldown');
  });

  test('IP windows count across numbers, and only with an ip', async ({ issue }) => {
    const ipWindows = [{ max: 2, windowMs: MINUTE }];
    const send = (phone: string, ip?: string) => issue(A, { phone, ipWindows, ...(ip !== undefined && { ip }) });
    same((await send('96550000001', '203.0.113.7')).status, 'issued', 'number 1');
    same((await send('96550000002', '203.0.113.7')).status, 'issued', 'number 2');
    const full = await send('96550000003', '203.0.113.7');
    same(full.status, 'rate_limited', 'number 3, same IP');
    if (full.status === 'rate_limited') within(full.retryAfterMs, MINUTE - 10_000, MINUTE, 'retryAfterMs');
    same((await send('96550000003', '198.51.100.1')).status, 'issued', 'number 3, another IP');
    same((await send('96550000004')).status, 'issued', 'number 4, no IP');
  });
}

/** Taking a code back: withdraw (after a refused send) and cancel. */
function withdrawTests({ test, same, wait }: Suite): void {
  test('withdraw removes the code and its cooldown, and keeps the counts', async ({ issue, check, store }) => {
    const phoneWindows = [{ max: 2, windowMs: MINUTE }];
    same((await issue(A, { phoneWindows })).status, 'issued', 'send 1');
    await store.withdraw({ phone: PHONE, purpose: 'login', hash: A });
    same(await check(A), { status: 'not_found' }, 'the withdrawn code');
    same((await issue(B, { phoneWindows })).status, 'issued', 'send 2, no cooldown');
    await store.withdraw({ phone: PHONE, purpose: 'login', hash: B });
    same((await issue(C, { phoneWindows })).status, 'rate_limited', 'send 3: both withdrawn sends counted');
  });

  test('withdraw leaves a newer code and its cooldown alone', async ({ issue, check, store }) => {
    await issue(A, { resendAfterMs: 1 });
    await wait(TICK);
    await issue(B, { resendAfterMs: MINUTE });
    await store.withdraw({ phone: PHONE, purpose: 'login', hash: A });
    same((await issue(C)).status, 'cooldown', 'the newer cooldown');
    same(await check(B), { status: 'ok' }, 'the newer code');
  });

  test('withdrawing a new code does not bring back the one it replaced', async ({ issue, check, store }) => {
    await issue(A, { resendAfterMs: 1 });
    await wait(TICK);
    await issue(B);
    await store.withdraw({ phone: PHONE, purpose: 'login', hash: B });
    same(await check(A), { status: 'not_found' }, 'the replaced code');
  });

  test('cancel removes the code; the cooldown stays', async ({ issue, check, store }) => {
    await issue(A);
    await store.cancel({ phone: PHONE, purpose: 'login' });
    same(await check(A), { status: 'not_found' }, 'the cancelled code');
    same((await issue(B)).status, 'cooldown', 'the next send');
    await store.cancel({ phone: OTHER_PHONE, purpose: 'login' });
  });
}

/** The failures window: wrong guesses per number, across codes. */
function failureTests({ test, same, within, wait }: Suite): void {
  test('the failures window counts wrong guesses across codes, then locks every check', async ({ issue, check }) => {
    const failures = { max: 3, windowMs: MINUTE };
    await issue(A, { maxAttempts: 2, resendAfterMs: 1 });
    same(await check(WRONG, { failures }), { status: 'wrong', attemptsLeft: 1 }, 'failure 1');
    same(await check(WRONG, { failures }), { status: 'wrong', attemptsLeft: 0 }, 'failure 2');
    await wait(TICK);
    await issue(B, { maxAttempts: 2, resendAfterMs: 1 });
    same(await check(WRONG, { failures }), { status: 'wrong', attemptsLeft: 1 }, 'failure 3, on the new code');
    const locked = await check(B, { failures });
    same(locked.status, 'locked', 'the right code');
    if (locked.status === 'locked') within(locked.retryAfterMs, MINUTE - 10_000, MINUTE, 'retryAfterMs');
    same((await check(B, { failures, purpose: 'reset' })).status, 'locked', 'a purpose with no code');
  });

  test('the failures window ends', async ({ issue, check }) => {
    const failures = { max: 1, windowMs: SHORT };
    await issue(A);
    same(await check(WRONG, { failures }), { status: 'wrong', attemptsLeft: 2 }, 'failure 1');
    same((await check(A, { failures })).status, 'locked', 'while the window lasts');
    await wait(PAST_SHORT);
    same(await check(A, { failures }), { status: 'ok' }, 'after it');
  });
}

/** A code past its life. */
function expiryTests({ test, same, wait }: Suite): void {
  test('a code past its life does not verify', async ({ issue, check }) => {
    await issue(A, { ttlMs: SHORT });
    await wait(PAST_SHORT);
    const late = await check(A);
    same(late.status === 'expired' || late.status === 'not_found' ? 'refused' : late, 'refused', 'expired or not_found');
  });
}
