/**
 * Waiting: an abortable sleep whose timer is always cleared, and the ERR013
 * backoff schedule's default. The only place besides the transport that touches timers.
 */
import { watchAbort } from './abort.js';

/** Default waits before each retry after ERR013 (queue full): 30 s, 60 s, 120 s. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = /* @__PURE__ */ Object.freeze([30_000, 60_000, 120_000]);

/** Largest delay `setTimeout` honours; anything above fires at once in every runtime. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Resolves after `ms` milliseconds, or rejects with the signal's reason as soon as it aborts.
 * The timer and the abort listener are removed either way, so nothing keeps the process alive.
 *
 * @example
 * // internal: src/retry.ts
 * await sleep(500, AbortSignal.timeout(1000));
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(
      () => {
        unwatch();
        resolve();
      },
      // Negative and NaN delays already mean 0 to setTimeout; only the top needs a cap.
      Math.min(ms, MAX_TIMER_MS),
    );
    const unwatch = watchAbort(signal, () => {
      clearTimeout(timer);
      reject(signal?.reason);
    });
  });
}
