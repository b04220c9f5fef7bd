/**
 * Bulk sending at the gateway's rate limit. `chunk` is pure; `runBatches`
 * paces request starts (at least `delayMs` apart, at most two in flight),
 * pauses everything on ERR013 and retries that batch, and never retries a
 * batch whose fate is unknown (timeout, dropped connection).
 */
import type { ApiOutcome } from './errors.js';
import { failure } from './errors.js';
import { retryDelay, sleep } from './retry.js';

/** The gateway's limit of numbers per send request. */
export const MAX_BATCH_SIZE = 200;

/** At most this many requests of one bulk send are in flight, so latency does not add to the pacing. */
export const MAX_IN_FLIGHT = 2;

/**
 * Splits a list into consecutive pieces of at most `size` items. Never mutates the input.
 *
 * @example
 * import { chunk } from 'kwtsms';
 * chunk(['a', 'b', 'c'], 2); // [['a', 'b'], ['c']]
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a whole number >= 1, got ${size}`);
  const pieces: T[][] = [];
  for (let i = 0; i < items.length; i += size) pieces.push(items.slice(i, i + size));
  return pieces;
}

/** How to run a list of batches. */
export interface BatchPlan<T> {
  batches: readonly T[];
  /** Least time between two request starts, retries included. */
  delayMs: number;
  /** Waits before each retry after ERR013. */
  retryDelaysMs: readonly number[];
  signal?: AbortSignal | undefined;
  /** Sends one batch; must resolve, never reject. */
  send: (batch: T, signal: AbortSignal | undefined) => Promise<ApiOutcome>;
  /** Called once when a batch is finished, in the order batches finish; `sent` is false for a batch never requested. */
  onDone?: ((index: number, outcome: ApiOutcome, sent: boolean) => void) | undefined;
}

// A monotonic clock: with Date.now(), setting the wall clock back would stall a send for as long.
const now = (): number => globalThis.performance?.now() ?? Date.now();

/**
 * Runs every batch and returns their outcomes in batch order, whatever order the answers came in.
 * Batches never started because the caller aborted come back as ABORTED, so none is lost.
 *
 * @example
 * // internal: src/batch.ts
 * const outcomes = await runBatches({ batches, delayMs: 500, retryDelaysMs: [30000], send });
 */
export async function runBatches<T>(plan: BatchPlan<T>): Promise<ApiOutcome[]> {
  const { batches, delayMs, retryDelaysMs, signal } = plan;
  const outcomes: ApiOutcome[] = [];
  let next = 0;
  let lastStart = -Infinity;
  let pausedUntil = -Infinity;
  // Start slots are handed out one at a time, so two workers never start in the same instant. Once
  // aborted, the chain stays rejected with the abort reason, which is what every later turn would throw.
  let gate: Promise<void> = Promise.resolve();
  const waitForStart = (): Promise<void> =>
    (gate = gate.then(async () => {
      for (let wait; (wait = Math.max(lastStart + delayMs, pausedUntil) - now()) > 0; ) await sleep(wait, signal);
      signal?.throwIfAborted();
      lastStart = now();
    }));

  const worker = async (): Promise<void> => {
    for (let index; (index = next++) < batches.length; ) {
      let outcome: ApiOutcome;
      let attempt = 0;
      let sent = true;
      for (;;) {
        try {
          await waitForStart();
        } catch (reason) {
          outcome = failure('ABORTED', 'Cancelled before the request was sent.', reason);
          // Sent all the same if an earlier attempt went out (ERR013, then cancelled during the pause).
          sent = attempt > 0;
          break;
        }
        outcome = await plan.send(batches[index] as T, signal);
        // Only ERR013 proves the gateway did not take the batch; anything else is final.
        const wait = !outcome.ok && outcome.code === 'ERR013' ? retryDelay(retryDelaysMs, attempt++) : undefined;
        if (wait === undefined) break;
        pausedUntil = Math.max(pausedUntil, now() + wait);
      }
      outcomes[index] = outcome;
      plan.onDone?.(index, outcome, sent);
    }
  };

  await Promise.all(Array.from({ length: Math.min(MAX_IN_FLIGHT, batches.length) }, worker));
  return outcomes;
}
