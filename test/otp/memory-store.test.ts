/**
 * memoryOtpStore: the shared conformance suite on a moved clock, its option check, and that
 * expired records are swept so the map never grows without bound.
 */
import { describe, expect, it, test } from 'vitest';
import { memoryOtpStore, otpStoreConformance } from '../../src/otp/index.js';
import { memoryStoreOn, type MemoryRecord } from '../../src/otp/memory-store.js';

let now = Date.UTC(2026, 0, 1);
otpStoreConformance({
  describe,
  test,
  expect,
  name: 'memoryOtpStore conformance',
  store: () => memoryOtpStore({ now: () => now }),
  wait: async (ms) => void (now += ms),
});

// Real time, as a user with no injectable clock would run it.
otpStoreConformance({ describe, test, name: 'memoryOtpStore conformance, real clock', store: () => memoryOtpStore() });

describe('memoryOtpStore', () => {
  it('throws a TypeError when `now` is not a function', () => {
    // @ts-expect-error: now must be a function
    expect(() => memoryOtpStore({ now: 5 })).toThrow(TypeError);
  });

  it('keeps nothing past its life: expired records are swept', async () => {
    let at = 0;
    const records = new Map<string, MemoryRecord>();
    const store = memoryStoreOn(records, () => at);
    for (let i = 0; i < 100; i++) {
      await store.issue({
        phone: `9655${String(i).padStart(7, '0')}`,
        purpose: 'login',
        ip: `10.0.0.${i}`,
        hash: 'a'.repeat(64),
        ttlMs: 300_000,
        resendAfterMs: 240_000,
        maxAttempts: 3,
        phoneWindows: [{ max: 3, windowMs: 3_600_000 }],
        ipWindows: [{ max: 20, windowMs: 3_600_000 }],
      });
    }
    expect(records.size).toBe(400); // cooldown, code, phone window, IP window for each
    at = 300_000;
    await store.check({ phone: '96500000000', purpose: 'login', hash: 'b'.repeat(64), failures: { max: 10, windowMs: 86_400_000 } });
    expect(records.size).toBe(200); // codes and cooldowns gone; the hour windows remain
    at = 3_600_000;
    await store.cancel({ phone: '96500000000', purpose: 'login' });
    await store.check({ phone: '96500000000', purpose: 'login', hash: 'b'.repeat(64), failures: { max: 10, windowMs: 86_400_000 } });
    expect(records.size).toBe(0);
  });
});
