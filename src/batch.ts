/**
 * Bulk sending at the gateway's rate limit. `chunk` is pure; `runBatches`
 * paces request starts (at least `delayMs` apart, at most two in flight),
 * pauses everything on ERR013 and retries that batch first, and never retries
 * a batch whose fate is unknown (timeout, dropped connection).
 */
import type { ApiFailure, ApiOutcome } from './errors.js';
import { failure } from './errors.js';
import { sleep } from './retry.js';

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
  /**
   * Runs before each request, retries included, once its start slot has come; must resolve, never reject.
   * A failure it resolves to stops the run: that batch and every batch not yet started end with it, unrequested.
   */
  beforeRequest?: ((index: number) => Promise<ApiFailure | undefined>) | undefined;
  /**
   * Runs after each answer, before the batch goes on, and when a batch whose `beforeRequest` ran is
   * not requested after all (the caller aborted meanwhile). `unsent`: the gateway did not take the
   * batch (an ERR013 that will be retried, or no request made). Must resolve.
   */
  afterRequest?: ((index: number, outcome: ApiOutcome, unsent: boolean) => Promise<void>) | undefined;
  /** Called once when a batch is finished, in the order batches finish; `sent` is false for a batch never requested. */
  onDone?: ((index: number, outcome: ApiOutcome, sent: boolean) => void) | undefined;
}

interface Job {
  index: number;
  /** Earlier requests of the batch (ERR013 answers). */
  attempt: number;
}

interface Run<T> {
  plan: BatchPlan<T>;
  outcomes: ApiOutcome[];
  /** ERR013 batches waiting for the pause to end, in batch order: they go before any batch not yet started. */
  retries: Job[];
  pausedUntil: number;
  /** The refusal that stopped the run, if one did. */
  stop: ApiFailure | undefined;
}

// A monotonic clock: with Date.now(), setting the wall clock back would stall a send for as long.
const now = (): number => globalThis.performance?.now() ?? Date.now();

function finish<T>(run: Run<T>, index: number, outcome: ApiOutcome, sent: boolean): void {
  run.outcomes[index] = outcome;
  run.plan.onDone?.(index, outcome, sent);
}

/** One request of a batch, once its start slot has come: finishes the batch, or queues its ERR013 retry. */
async function request<T>(run: Run<T>, { index, attempt }: Job): Promise<void> {
  const { plan } = run;
  const refusal = await plan.beforeRequest?.(index);
  if (refusal !== undefined) {
    run.stop ??= refusal;
    return finish(run, index, refusal, attempt > 0);
  }
  if (plan.signal?.aborted) {
    // Cancelled while beforeRequest ran: no request is made, and the hook hears that none was.
    const cancelled = failure('ABORTED', 'Cancelled before the request was sent.', plan.signal.reason);
    await plan.afterRequest?.(index, cancelled, true);
    return finish(run, index, cancelled, attempt > 0);
  }
  const outcome = await plan.send(plan.batches[index] as T, plan.signal);
  // Only ERR013 proves the gateway did not take the batch; anything else is final.
  const wait = !outcome.ok && outcome.code === 'ERR013' ? plan.retryDelaysMs[attempt] : undefined;
  await plan.afterRequest?.(index, outcome, wait !== undefined);
  if (wait === undefined) return finish(run, index, outcome, true);
  run.pausedUntil = Math.max(run.pausedUntil, now() + wait);
  run.retries.push({ index, attempt: attempt + 1 });
  run.retries.sort((a, b) => a.index - b.index);
}

/**
 * Runs every batch and returns their outcomes in batch order, whatever order the answers came in.
 * Request starts are at least `delayMs` apart and at most two are in flight. ERR013 pauses every start
 * for the next `retryDelaysMs` step, and the retry is the first request after the pause: no later
 * batch starts before it. Batches never started because the caller aborted come back as ABORTED, so
 * none is lost.
 *
 * @example
 * // internal: src/batch.ts
 * const outcomes = await runBatches({ batches, delayMs: 500, retryDelaysMs: [30000], send });
 */
export async function runBatches<T>(plan: BatchPlan<T>): Promise<ApiOutcome[]> {
  const { batches, delayMs, signal } = plan;
  const run: Run<T> = { plan, outcomes: [], retries: [], pausedUntil: -Infinity, stop: undefined };
  const { retries } = run;
  const running = new Set<Promise<void>>();
  let next = 0;
  let lastStart = -Infinity;
  for (;;) {
    const job = retries[0] ?? (next < batches.length ? { index: next, attempt: 0 } : undefined);
    if (job === undefined && running.size === 0) break;
    if (job === undefined || running.size >= MAX_IN_FLIGHT) {
      await Promise.race(running);
      continue;
    }
    if (signal?.aborted || run.stop !== undefined) break;
    const wait = Math.max(lastStart + delayMs, run.pausedUntil) - now();
    if (wait > 0) {
      // Then look again: an answer during the wait may have paused the send or queued a retry.
      const aborted = await sleep(wait, signal).then(() => false, () => true);
      if (aborted) break;
      continue;
    }
    if (job === retries[0]) retries.shift();
    else next++;
    lastStart = now();
    const task = request(run, job).finally(() => running.delete(task));
    running.add(task);
  }
  await Promise.all(running);

  // What never started: the caller aborted, or a refusal before a request stopped the run.
  const unsent = run.stop ?? failure('ABORTED', 'Cancelled before the request was sent.', signal?.reason);
  // A retry left waiting was sent all the same: an earlier attempt went out (ERR013, then the stop).
  for (const { index } of retries) finish(run, index, unsent, true);
  while (next < batches.length) finish(run, next++, unsent, false);
  return run.outcomes;
}
