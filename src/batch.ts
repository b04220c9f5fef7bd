/**
 * Bulk sending at the gateway's rate limit. `chunk` is pure; `runBatches`
 * paces request starts (at least `delayMs` apart, at most two in flight),
 * pauses everything on ERR013 and retries that batch, and never retries a
 * batch whose fate is unknown (timeout, dropped connection).
 */
import type { ApiOutcome } from './request.js';
import { failure } from './request.js';
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
const now = (): number => (typeof performance === 'object' && performance !== null ? performance.now() : Date.now());

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
  const outcomes: ApiOutcome[] = new Array<ApiOutcome>(batches.length);
  let nextIndex = 0;
  let lastStart = -Infinity;
  let pausedUntil = -Infinity;
  // Start slots are handed out one at a time, so two workers never start in the same instant.
  let gate: Promise<unknown> = Promise.resolve();

  const waitForStart = (): Promise<void> => {
    const turn = gate.then(async () => {
      for (;;) {
        if (signal?.aborted) throw signal.reason;
        const wait = Math.max(lastStart + delayMs, pausedUntil) - now();
        if (wait <= 0) break;
        await sleep(wait, signal);
      }
      lastStart = now();
    });
    gate = turn.catch(() => {});
    return turn;
  };

  const finish = (index: number, outcome: ApiOutcome, sent = true): void => {
    outcomes[index] = outcome;
    plan.onDone?.(index, outcome, sent);
  };

  const worker = async (): Promise<void> => {
    while (nextIndex < batches.length) {
      const index = nextIndex++;
      const batch = batches[index] as T;
      for (let attempt = 0; ; attempt++) {
        try {
          await waitForStart();
        } catch (reason) {
          finish(index, failure('ABORTED', 'The send was cancelled before this batch was sent.', reason), attempt > 0);
          break;
        }
        const outcome = await plan.send(batch, signal);
        // Only ERR013 proves the gateway did not take the batch; anything else is final.
        const wait = !outcome.ok && outcome.code === 'ERR013' ? retryDelay(retryDelaysMs, attempt) : undefined;
        if (wait === undefined) {
          finish(index, outcome);
          break;
        }
        pausedUntil = Math.max(pausedUntil, now() + wait);
      }
    }
  };

  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.min(MAX_IN_FLIGHT, batches.length); i++) workers.push(worker());
  await Promise.all(workers);
  return outcomes;
}
