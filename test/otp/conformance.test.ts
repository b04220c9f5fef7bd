/**
 * The conformance suite itself: it must register its tests under any runner's describe/test, and
 * it must fail stores that break the rules (a store that does not consume, a store that reads and
 * writes in separate steps), or it would prove nothing.
 */
import { describe, expect, it } from 'vitest';
import { memoryOtpStore, otpStoreConformance, type OtpStore } from '../../src/otp/index.js';

interface Collected {
  name: string;
  body: () => Promise<void>;
}

/** Runs the suite against `store` under a minimal runner; answers the names of the tests that failed. */
async function failuresOf(store: (now: () => number) => OtpStore): Promise<{ total: number; failed: string[] }> {
  const tests: Collected[] = [];
  let now = Date.UTC(2026, 0, 1);
  otpStoreConformance({
    describe: (_name, body) => body(),
    test: (name, body) => tests.push({ name, body }),
    store: () => store(() => now),
    wait: async (ms) => void (now += ms),
  });
  const failed: string[] = [];
  for (const t of tests) {
    try {
      await t.body();
    } catch {
      failed.push(t.name);
    }
  }
  return { total: tests.length, failed };
}

describe('otpStoreConformance', () => {
  it('passes the memory store on every test', async () => {
    const { total, failed } = await failuresOf((now) => memoryOtpStore({ now }));
    expect(total).toBe(21);
    expect(failed).toEqual([]);
  });

  it('fails a store whose check never consumes the code', async () => {
    const leaky = (now: () => number): OtpStore => {
      const inner = memoryOtpStore({ now });
      const verified = new Set<string>();
      return {
        ...inner,
        check: async (request) => {
          // A code that verified once keeps verifying, as in a store that forgets to delete it.
          const key = `${request.phone}:${request.purpose}:${request.hash}`;
          if (verified.has(key)) return { status: 'ok' };
          const result = await inner.check(request);
          if (result.status === 'ok') verified.add(key);
          return result;
        },
      };
    };
    const { failed } = await failuresOf(leaky);
    expect(failed).toContain('issues a code that verifies once');
  });

  it('fails a store that reads and writes in separate steps (the race the vendor example has)', async () => {
    const racy = (now: () => number): OtpStore => {
      const codes = new Map<string, { hash: string; left: number }>();
      const inner = memoryOtpStore({ now });
      return {
        ...inner,
        issue: async (request) => {
          const result = await inner.issue(request);
          if (result.status === 'issued') codes.set(`${request.phone}:${request.purpose}`, { hash: request.hash, left: request.maxAttempts });
          return result;
        },
        check: async (request) => {
          const key = `${request.phone}:${request.purpose}`;
          const record = codes.get(key);
          await new Promise((resolve) => setTimeout(resolve, 1)); // a round trip between the read and the write
          if (record === undefined) return { status: 'not_found' };
          if (record.left <= 0) return { status: 'locked' };
          if (record.hash === request.hash) {
            codes.delete(key);
            return { status: 'ok' };
          }
          codes.set(key, { ...record, left: record.left - 1 });
          return { status: 'wrong', attemptsLeft: record.left - 1 };
        },
      };
    };
    const { failed } = await failuresOf(racy);
    expect(failed).toContain('100 concurrent checks of the right hash: exactly one ok');
    expect(failed).toContain('concurrent wrong guesses: only maxAttempts get a comparison');
  });

  it('throws a TypeError without describe, test or store', () => {
    // @ts-expect-error: describe, test and store are required
    expect(() => otpStoreConformance({})).toThrow(TypeError);
  });

  it('reports a failure through the expect given, or as a plain Error', async () => {
    const tests: Collected[] = [];
    const seen: unknown[] = [];
    otpStoreConformance({
      describe: (_name, body) => body(),
      test: (name, body) => tests.push({ name, body }),
      store: () => ({ ...memoryOtpStore(), check: async () => ({ status: 'not_found' }) }),
      expect: (actual) => ({
        toEqual: (expected) => {
          seen.push([actual, expected]);
          if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error('differs');
        },
      }),
    });
    await expect(tests[0]?.body()).rejects.toThrow('differs');
    expect(seen.at(-1)).toEqual([{ 'first check': { status: 'not_found' } }, { 'first check': { status: 'ok' } }]);
  });
});
