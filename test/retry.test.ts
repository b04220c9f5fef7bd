import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RETRY_DELAYS_MS, sleep } from '../src/retry.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('DEFAULT_RETRY_DELAYS_MS', () => {
  it('is 30 s, 60 s, 120 s and frozen', () => {
    expect(DEFAULT_RETRY_DELAYS_MS).toEqual([30_000, 60_000, 120_000]);
    expect(Object.isFrozen(DEFAULT_RETRY_DELAYS_MS)).toBe(true);
  });
});

describe('sleep', () => {
  it('resolves after about the given time', async () => {
    const start = performance.now();
    await expect(sleep(30)).resolves.toBeUndefined();
    expect(performance.now() - start).toBeGreaterThanOrEqual(28);
  });

  it.each([0, -5])('resolves for %i ms', async (ms) => {
    await expect(sleep(ms)).resolves.toBeUndefined();
  });

  it('waits the given time under fake timers and not a millisecond less', async () => {
    vi.useFakeTimers();
    let done = false;
    void sleep(1_000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('rejects at once with the reason when the signal is already aborted, starting no timer', async () => {
    vi.useFakeTimers();
    const reason = new Error('stop');
    const promise = sleep(1_000, AbortSignal.abort(reason));
    expect(vi.getTimerCount()).toBe(0);
    await expect(promise).rejects.toBe(reason);
  });

  it('rejects with the reason on abort and clears its timer and listener', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const promise = sleep(60_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    const reason = { why: 'user cancelled' };
    controller.abort(reason);
    await expect(promise).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('removes its abort listener when it resolves', async () => {
    const controller = new AbortController();
    await sleep(1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    controller.abort();
  });

  it('clamps delays above the timer maximum instead of firing at once', async () => {
    vi.useFakeTimers();
    let done = false;
    void sleep(2 ** 31 + 1_000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(done).toBe(false);
  });
});
