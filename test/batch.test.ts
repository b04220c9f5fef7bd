import { describe, expect, it, vi } from 'vitest';
import { chunk, MAX_BATCH_SIZE, MAX_IN_FLIGHT, runBatches } from '../src/batch.js';
import { failure, type ApiOutcome } from '../src/errors.js';
import { sleepMs } from './helpers/gateway.js';

/** Timer slack: Date.now() has 1 ms resolution, and timers may fire a little early against performance.now(). */
const SLACK = 2;

const OK: ApiOutcome = { ok: true, data: { result: 'OK' } };

interface Call {
  batch: number;
  start: number;
  end?: number;
}

/** A send that records starts and ends and answers with `answer(batch, attempt)` after `latency(batch)` ms. */
function recorder(options: {
  latency?: (batch: number) => number;
  answer?: (batch: number, attempt: number) => ApiOutcome;
}) {
  const calls: Call[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const attempts = new Map<number, number>();
  const send = async (batch: number, signal: AbortSignal | undefined): Promise<ApiOutcome> => {
    const call: Call = { batch, start: performance.now() };
    calls.push(call);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const attempt = attempts.get(batch) ?? 0;
    attempts.set(batch, attempt + 1);
    await sleepMs(options.latency?.(batch) ?? 0);
    inFlight--;
    call.end = performance.now();
    if (signal?.aborted) return failure('ABORTED', 'aborted', signal.reason);
    return options.answer?.(batch, attempt) ?? { ok: true, data: { result: 'OK', batch } };
  };
  return { calls, send, attempts, maxInFlight: () => maxInFlight };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('chunk', () => {
  it.each([
    [[], 2, []],
    [['a'], 2, [['a']]],
    [['a', 'b', 'c'], 2, [['a', 'b'], ['c']]],
    [['a', 'b', 'c', 'd'], 2, [['a', 'b'], ['c', 'd']]],
    [['a', 'b', 'c'], 1, [['a'], ['b'], ['c']]],
    [['a', 'b', 'c'], 200, [['a', 'b', 'c']]],
  ])('chunk(%j, %i) -> %j', (items, size, expected) => {
    expect(chunk(items, size)).toEqual(expected);
  });

  it('splits 450 into 200, 200, 50 in order', () => {
    const items = range(450);
    const pieces = chunk(items, MAX_BATCH_SIZE);
    expect(pieces.map((p) => p.length)).toEqual([200, 200, 50]);
    expect(pieces.flat()).toEqual(items);
  });

  it('never mutates the input', () => {
    const items = Object.freeze(['a', 'b', 'c']);
    chunk(items, 2);
    expect(items).toEqual(['a', 'b', 'c']);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('throws a RangeError for size %s', (size) => {
    expect(() => chunk(['a'], size)).toThrow(RangeError);
  });

  it('uses the gateway limits', () => {
    expect(MAX_BATCH_SIZE).toBe(200);
    expect(MAX_IN_FLIGHT).toBe(2);
  });
});

describe('runBatches', () => {
  it('returns [] and sends nothing for no batches', async () => {
    const send = vi.fn(() => Promise.resolve(OK));
    await expect(runBatches({ batches: [], delayMs: 10, retryDelaysMs: [], send })).resolves.toEqual([]);
    expect(send).not.toHaveBeenCalled();
  });

  it('sends every batch once and returns outcomes in batch order when answers arrive out of order', async () => {
    const rec = recorder({ latency: (b) => [60, 5, 30, 0][b] ?? 0 });
    const done: number[] = [];
    const outcomes = await runBatches({ batches: range(4), delayMs: 5, retryDelaysMs: [], send: rec.send, onDone: (i) => done.push(i) });
    expect(outcomes).toEqual(range(4).map((batch) => ({ ok: true, data: { result: 'OK', batch } })));
    expect(rec.calls.map((c) => c.batch)).toEqual([0, 1, 2, 3]);
    expect([...done].sort()).toEqual([0, 1, 2, 3]);
    expect(done).not.toEqual([0, 1, 2, 3]);
  });

  // Timing on a shared machine: the OS may pause the process for a few ms between the client's clock
  // read and the stamp. A real pacing bug fails every attempt; a preempted run passes on retry.
  it('starts requests at least delayMs apart', { retry: 2 }, async () => {
    const delayMs = 30;
    const rec = recorder({});
    await runBatches({ batches: range(5), delayMs, retryDelaysMs: [], send: rec.send });
    const starts = rec.calls.map((c) => c.start);
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(delayMs - SLACK);
    }
  });

  it('paces on a monotonic clock: setting the wall clock back does not stall the send', async () => {
    const realNow = Date.now.bind(Date);
    let offset = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
    const rec = recorder({});
    const send = (batch: number, signal: AbortSignal | undefined): Promise<ApiOutcome> => {
      if (batch === 0) offset = -3_600_000; // NTP or a user sets the clock back an hour after the first start
      return rec.send(batch, signal);
    };
    const start = performance.now();
    try {
      await runBatches({ batches: range(3), delayMs: 20, retryDelaysMs: [], send });
    } finally {
      vi.restoreAllMocks();
    }
    expect(rec.calls).toHaveLength(3);
    expect(performance.now() - start).toBeLessThan(2_000);
  }, 5_000);

  it('keeps at most two in flight, and two really are in flight when latency exceeds the delay', async () => {
    const rec = recorder({ latency: () => 100 });
    await runBatches({ batches: range(5), delayMs: 20, retryDelaysMs: [], send: rec.send });
    expect(rec.maxInFlight()).toBe(2);
    const [a, b, c] = rec.calls;
    // The second starts while the first is still in flight...
    expect(b!.start).toBeLessThan(a!.end!);
    // ...and the third waits for a free slot.
    expect(c!.start).toBeGreaterThanOrEqual(a!.end! - SLACK);
  });

  it('retries an ERR013 batch after the retry delay and counts it once', async () => {
    const rec = recorder({ answer: (b, attempt) => (b === 0 && attempt < 2 ? failure('ERR013', 'Queue full') : OK) });
    const outcomes = await runBatches({ batches: range(2), delayMs: 0, retryDelaysMs: [40, 60], send: rec.send });
    expect(outcomes).toEqual([OK, OK]);
    expect(rec.attempts.get(0)).toBe(3);
    expect(rec.attempts.get(1)).toBe(1);
    const retries = rec.calls.filter((c) => c.batch === 0);
    expect(retries[1]!.start - retries[0]!.end!).toBeGreaterThanOrEqual(40 - SLACK);
    expect(retries[2]!.start - retries[1]!.end!).toBeGreaterThanOrEqual(60 - SLACK);
  });

  it('makes the ERR013 retry the first request after the pause: no later batch starts before it', async () => {
    // Batch 1 answers ERR013 while batch 2 already waits for its start slot; the retry must still go first.
    const rec = recorder({ latency: (b) => (b === 1 ? 5 : 0), answer: (b, attempt) => (b === 1 && attempt === 0 ? failure('ERR013', 'Queue full') : OK) });
    const outcomes = await runBatches({ batches: range(3), delayMs: 15, retryDelaysMs: [30], send: rec.send });
    expect(rec.calls.map((c) => c.batch)).toEqual([0, 1, 1, 2]);
    expect(outcomes).toEqual([OK, OK, OK]);
    const [, refused, retry, third] = rec.calls;
    expect(retry!.start - refused!.end!).toBeGreaterThanOrEqual(30 - SLACK);
    expect(third!.start - retry!.start).toBeGreaterThanOrEqual(15 - SLACK);
  });

  it('retries several ERR013 batches in batch order, before any batch not yet started', async () => {
    const rec = recorder({ latency: () => 10, answer: (b, attempt) => (b < 2 && attempt === 0 ? failure('ERR013', 'Queue full') : OK) });
    await runBatches({ batches: range(4), delayMs: 2, retryDelaysMs: [30], send: rec.send });
    expect(rec.calls.map((c) => c.batch)).toEqual([0, 1, 0, 1, 2, 3]);
  });

  it('records ERR013 once the retries are used up', async () => {
    const rec = recorder({ answer: () => failure('ERR013', 'Queue full') });
    const outcomes = await runBatches({ batches: [0], delayMs: 0, retryDelaysMs: [5, 5], send: rec.send });
    expect(outcomes).toEqual([expect.objectContaining({ ok: false, code: 'ERR013' })]);
    expect(rec.calls).toHaveLength(3);
  });

  it('with no retry delays, never retries ERR013', async () => {
    const rec = recorder({ answer: () => failure('ERR013', 'Queue full') });
    await runBatches({ batches: [0], delayMs: 0, retryDelaysMs: [], send: rec.send });
    expect(rec.calls).toHaveLength(1);
  });

  it('pauses every batch, not only the one that got ERR013', async () => {
    const rec = recorder({ answer: (b, attempt) => (b === 0 && attempt === 0 ? failure('ERR013', 'Queue full') : OK) });
    await runBatches({ batches: range(3), delayMs: 5, retryDelaysMs: [80], send: rec.send });
    const firstAnswer = rec.calls[0]!.end!;
    const later = rec.calls.filter((c) => c.start > firstAnswer + SLACK);
    expect(later.length).toBeGreaterThan(0);
    for (const c of later) expect(c.start - firstAnswer).toBeGreaterThanOrEqual(80 - SLACK);
  });

  it.each([
    ['TIMEOUT', failure('TIMEOUT', 'slow')],
    ['NETWORK', failure('NETWORK', 'down')],
    ['ABORTED', failure('ABORTED', 'cancelled')],
    ['BAD_RESPONSE', failure('BAD_RESPONSE', 'html')],
    ['ERR011', failure('ERR011', 'no credit')],
  ])('never retries a %s batch, and the rest go on', async (_code, outcome) => {
    const rec = recorder({ answer: (b) => (b === 1 ? outcome : OK) });
    const outcomes = await runBatches({ batches: range(3), delayMs: 0, retryDelaysMs: [1, 1, 1], send: rec.send });
    expect(rec.calls.map((c) => c.batch)).toEqual([0, 1, 2]);
    expect(outcomes).toEqual([OK, outcome, OK]);
  });

  it('records every batch ABORTED, sending nothing, when the signal is already aborted', async () => {
    const reason = new Error('stop');
    const send = vi.fn(() => Promise.resolve(OK));
    const onDone = vi.fn();
    const outcomes = await runBatches({ batches: range(3), delayMs: 0, retryDelaysMs: [], signal: AbortSignal.abort(reason), send, onDone });
    expect(send).not.toHaveBeenCalled();
    expect(outcomes).toHaveLength(3);
    for (const o of outcomes) expect(o).toMatchObject({ ok: false, code: 'ABORTED', cause: reason });
    expect(onDone).toHaveBeenCalledTimes(3);
  });

  it('stops starting batches once aborted mid-way', async () => {
    const controller = new AbortController();
    const rec = recorder({ latency: () => 5 });
    const pending = runBatches({ batches: range(6), delayMs: 40, retryDelaysMs: [], signal: controller.signal, send: rec.send });
    await sleepMs(60);
    controller.abort(new Error('user stop'));
    const outcomes = await pending;
    const started = rec.calls.length;
    expect(started).toBeGreaterThanOrEqual(1);
    expect(started).toBeLessThan(6);
    outcomes.slice(0, started).forEach((o) => expect(o.ok).toBe(true));
    outcomes.slice(started).forEach((o) => expect(o).toMatchObject({ ok: false, code: 'ABORTED' }));
    await sleepMs(100);
    expect(rec.calls).toHaveLength(started);
  });

  it('ends an ERR013 pause at once on abort instead of waiting it out', async () => {
    const controller = new AbortController();
    const rec = recorder({ answer: () => failure('ERR013', 'Queue full') });
    const start = performance.now();
    const pending = runBatches({ batches: [0], delayMs: 0, retryDelaysMs: [10_000], signal: controller.signal, send: rec.send });
    await sleepMs(30);
    controller.abort();
    const [outcome] = await pending;
    expect(outcome).toMatchObject({ ok: false, code: 'ABORTED' });
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(rec.calls).toHaveLength(1);
  });

  it('calls onDone once per batch with its index and outcome', async () => {
    const onDone = vi.fn();
    const rec = recorder({ answer: (b) => (b === 1 ? failure('ERR011', 'x') : OK) });
    const outcomes = await runBatches({ batches: range(3), delayMs: 0, retryDelaysMs: [], send: rec.send, onDone });
    expect(onDone).toHaveBeenCalledTimes(3);
    for (let i = 0; i < 3; i++) expect(onDone).toHaveBeenCalledWith(i, outcomes[i], true);
  });

  it('calls beforeRequest before each request and afterRequest after each answer, retries included', async () => {
    const events: string[] = [];
    const rec = recorder({ answer: (b, attempt) => (b === 0 && attempt === 0 ? failure('ERR013', 'Queue full') : OK) });
    const send = (batch: number, signal: AbortSignal | undefined): Promise<ApiOutcome> => {
      events.push(`send ${batch}`);
      return rec.send(batch, signal);
    };
    await runBatches({
      batches: range(2),
      delayMs: 0,
      retryDelaysMs: [5],
      send,
      beforeRequest: (i) => {
        events.push(`before ${i}`);
        return Promise.resolve(undefined);
      },
      afterRequest: (i, outcome, unsent) => {
        events.push(`after ${i} ${outcome.ok ? 'OK' : outcome.code}${unsent ? ' unsent' : ''}`);
        return Promise.resolve();
      },
    });
    expect(events.filter((e) => e.endsWith(' 0') || e.includes(' 0 '))).toEqual([
      'before 0',
      'send 0',
      'after 0 ERR013 unsent',
      'before 0',
      'send 0',
      'after 0 OK',
    ]);
    expect(events.filter((e) => e.endsWith(' 1') || e.includes(' 1 '))).toEqual(['before 1', 'send 1', 'after 1 OK']);
  });

  it('makes no request when the signal fires while beforeRequest runs, and tells afterRequest so', async () => {
    const controller = new AbortController();
    const rec = recorder({});
    const after = vi.fn(() => Promise.resolve());
    const outcomes = await runBatches({
      batches: range(3),
      delayMs: 20,
      retryDelaysMs: [],
      signal: controller.signal,
      send: rec.send,
      beforeRequest: (i) => {
        if (i === 1) controller.abort();
        return Promise.resolve(undefined);
      },
      afterRequest: after,
    });
    expect(rec.calls.map((c) => c.batch)).toEqual([0]);
    expect(outcomes[1]).toMatchObject({ ok: false, code: 'ABORTED', description: 'Cancelled before the request was sent.' });
    expect(after).toHaveBeenCalledWith(1, outcomes[1], true);
    expect(outcomes[2]).toMatchObject({ ok: false, code: 'ABORTED' });
  });

  it('stops when beforeRequest refuses: that batch and every later one end with the refusal, unrequested', async () => {
    const refusal = failure('JOURNAL_FAILED', 'disk full');
    const rec = recorder({ latency: () => 20 });
    const onDone = vi.fn();
    const outcomes = await runBatches({
      batches: range(5),
      delayMs: 5,
      retryDelaysMs: [],
      send: rec.send,
      beforeRequest: (i) => Promise.resolve(i === 1 ? refusal : undefined),
      onDone,
    });
    // Batch 0 was in flight: it ends with its own answer, never cancelled.
    expect(rec.calls.map((c) => c.batch)).toEqual([0]);
    expect(outcomes).toEqual([{ ok: true, data: { result: 'OK', batch: 0 } }, refusal, refusal, refusal, refusal]);
    expect(onDone).toHaveBeenCalledTimes(5);
    expect(onDone).toHaveBeenCalledWith(3, refusal, false);
  });
});
