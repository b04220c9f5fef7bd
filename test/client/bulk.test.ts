import { delay, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { apiErrors } from '../../src/errors.js';
import type { BulkProgress } from '../../src/types.js';
import { apiError, client, expectAccounted, gateway, hang, kuwaitNumbers, mobiles, okSend, sleepMs, type Seen } from '../helpers/gateway.js';

/** Timer slack between the client's Date.now() pacing and the handler's performance.now() stamps. */
const SLACK = 2;

/** The 0-based batch a request carries, from its first number (numbers come from kuwaitNumbers). */
function batchOf(seen: Seen, size: number): number {
  return Math.floor(Number(mobiles(seen)[0]!.slice(-7)) / size);
}

/** An OK answer whose msg-id names the batch, so order can be checked whatever order answers come in. */
function okFor(seen: Seen, size: number): Record<string, unknown> {
  return okSend(seen, { 'msg-id': `batch-${batchOf(seen, size)}` });
}

describe('sendBulk', () => {
  it('sends 450 numbers as batches of 200, 200 and 50, in order', async () => {
    const numbers = kuwaitNumbers(450);
    const seen = gateway('send', (s) => okFor(s, 200));
    const result = await client({ batchDelayMs: 20 }).sendBulk(numbers, 'Campaign');
    expect(seen.map((s) => mobiles(s).length)).toEqual([200, 200, 50]);
    expect(seen.flatMap(mobiles)).toEqual(numbers);
    for (const s of seen) expect(s.body).toMatchObject({ sender: 'KWT-SMS', message: 'Campaign', test: '0' });
    expect(result).toEqual({
      result: 'OK',
      msgId: 'batch-0',
      msgIds: ['batch-0', 'batch-1', 'batch-2'],
      numbers: 450,
      pointsCharged: 450,
      balanceAfter: expect.any(Number),
      unixTimestamp: expect.any(Number),
      batches: 3,
      errors: [],
      invalid: [],
    });
    expectAccounted(numbers, result, seen);
  });

  it('retries an ERR013 batch and counts batches, not attempts', async () => {
    const numbers = kuwaitNumbers(450);
    let refused = false;
    const seen = gateway('send', (s) => {
      if (batchOf(s, 200) === 1 && !refused) {
        refused = true;
        return apiError('ERR013', 'Queue full');
      }
      return okFor(s, 200);
    });
    const result = await client({ batchDelayMs: 20, retryDelaysMs: [10, 20] }).sendBulk(numbers, 'hi');
    expect(seen).toHaveLength(4);
    expect(seen.filter((s) => batchOf(s, 200) === 1)).toHaveLength(2);
    expect(result).toMatchObject({ result: 'OK', batches: 3, numbers: 450, msgIds: ['batch-0', 'batch-1', 'batch-2'], errors: [] });
    expectAccounted(numbers, result, seen);
  });

  it('sends the ERR013 retry first after the pause, before the next batch (ERR013 on the second of three)', async () => {
    const numbers = kuwaitNumbers(3);
    let refused = false;
    const seen = gateway('send', async (s) => {
      if (batchOf(s, 1) !== 1) return okFor(s, 1);
      await delay(5);
      if (refused) return okFor(s, 1);
      refused = true;
      return apiError('ERR013', 'Queue full');
    });
    const result = await client({ batchSize: 1, batchDelayMs: 15, retryDelaysMs: [30] }).sendBulk(numbers, 'hi');
    expect(seen.map((s) => batchOf(s, 1))).toEqual([0, 1, 1, 2]);
    expect(result).toMatchObject({ result: 'OK', batches: 3, msgIds: ['batch-0', 'batch-1', 'batch-2'], errors: [] });
    expectAccounted(numbers, result, seen);
  });

  it('records ERR013 with its numbers once the retries are used up, and the rest go on', async () => {
    const numbers = kuwaitNumbers(450);
    const seen = gateway('send', (s) => (batchOf(s, 200) === 1 ? apiError('ERR013', 'Queue full') : okFor(s, 200)));
    const result = await client({ batchDelayMs: 20, retryDelaysMs: [10, 20] }).sendBulk(numbers, 'hi');
    expect(seen.filter((s) => batchOf(s, 200) === 1)).toHaveLength(3);
    expect(result.result).toBe('PARTIAL');
    expect(result.errors).toEqual([{ batch: 2, code: 'ERR013', description: 'Queue full', action: apiErrors.ERR013, numbers: numbers.slice(200, 400) }]);
    expect(result.msgIds).toEqual(['batch-0', 'batch-2']);
    expectAccounted(numbers, result, seen);
  });

  it('is PARTIAL with batch 2 and its numbers in errors when batch 2 of 3 gets ERR011', async () => {
    const numbers = kuwaitNumbers(450);
    const seen = gateway('send', (s) => (batchOf(s, 200) === 1 ? apiError('ERR011', 'Insufficient balance') : okFor(s, 200)));
    const result = await client({ batchDelayMs: 20 }).sendBulk(numbers, 'hi');
    expect(seen).toHaveLength(3);
    expect(result).toMatchObject({
      result: 'PARTIAL',
      code: 'ERR011',
      action: apiErrors.ERR011,
      msgId: 'batch-0',
      msgIds: ['batch-0', 'batch-2'],
      numbers: 250,
      batches: 3,
    });
    expect(result.errors).toEqual([
      { batch: 2, code: 'ERR011', description: 'Insufficient balance', action: apiErrors.ERR011, numbers: numbers.slice(200, 400) },
    ]);
    expectAccounted(numbers, result, seen);
  });

  it('records a timed-out batch as TIMEOUT with its numbers, never retries it, and goes on', async () => {
    const numbers = kuwaitNumbers(6);
    const seen = gateway('send', (s, request) => (batchOf(s, 2) === 1 ? hang(request) : okFor(s, 2)));
    const result = await client({ batchSize: 2, batchDelayMs: 20, timeoutMs: 150, retryDelaysMs: [10, 20] }).sendBulk(numbers, 'hi');
    expect(seen.filter((s) => batchOf(s, 2) === 1)).toHaveLength(1);
    expect(seen).toHaveLength(3);
    expect(result.result).toBe('PARTIAL');
    expect(result.msgIds).toEqual(['batch-0', 'batch-2']);
    expect(result.errors).toEqual([
      { batch: 2, code: 'TIMEOUT', description: expect.stringContaining('150 ms'), action: apiErrors.TIMEOUT, numbers: numbers.slice(2, 4) },
    ]);
    expect(result.code).toBe('TIMEOUT');
    expect(result.cause).toBeInstanceOf(DOMException);
    expectAccounted(numbers, result, seen);
  });

  it('never retries a batch after a network error', async () => {
    const numbers = kuwaitNumbers(4);
    const seen = gateway('send', (s) => (batchOf(s, 2) === 0 ? HttpResponse.error() : okFor(s, 2)));
    const result = await client({ batchSize: 2, batchDelayMs: 10 }).sendBulk(numbers, 'hi');
    expect(seen).toHaveLength(2);
    expect(result.errors).toEqual([expect.objectContaining({ batch: 1, code: 'NETWORK', numbers: numbers.slice(0, 2) })]);
    expect(result.cause).toBeInstanceOf(TypeError);
  });

  // Timing on a shared machine: the OS may pause the process for a few ms between the client's clock
  // read and the stamp. A real pacing bug fails every attempt; a preempted run passes on retry.
  it('starts requests at least batchDelayMs apart', { retry: 2 }, async () => {
    const batchDelayMs = 40;
    const seen = gateway('send', (s) => okSend(s));
    // Starts are stamped where the client calls fetch: handler stamps add msw's own latency, which
    // varies by several ms on a loaded machine and would blur what the client did.
    const starts: number[] = [];
    const stamped = ((input: RequestInfo | URL, init?: RequestInit) => {
      starts.push(performance.now());
      return fetch(input, init);
    }) as typeof fetch;
    await client({ batchSize: 1, batchDelayMs, fetch: stamped }).sendBulk(kuwaitNumbers(5), 'hi');
    expect(seen).toHaveLength(5);
    expect(starts).toHaveLength(5);
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(batchDelayMs - SLACK);
    }
    // The gateway sees them in start order, and never all at once.
    expect(seen.map((s) => mobiles(s)[0])).toEqual(kuwaitNumbers(5));
    expect(seen[4]!.at - seen[0]!.at).toBeGreaterThanOrEqual(4 * batchDelayMs - 4 * SLACK - 10);
  });

  it('keeps at most two requests in flight, and two really are in flight when latency exceeds the delay', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const seen = gateway('send', async (s) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await delay(150);
      inFlight--;
      return okSend(s);
    });
    const result = await client({ batchSize: 1, batchDelayMs: 40 }).sendBulk(kuwaitNumbers(5), 'hi');
    expect(result.result).toBe('OK');
    expect(maxInFlight).toBe(2);
    // The second starts while the first is still out...
    expect(seen[1]!.at).toBeLessThan(seen[0]!.end!);
    // ...the third only once one has come back.
    expect(seen[2]!.at).toBeGreaterThanOrEqual(seen[0]!.end! - SLACK);
  });

  it('gives msgIds and errors in batch order when answers arrive out of order', async () => {
    const numbers = kuwaitNumbers(8);
    const latency = [150, 0, 80, 0];
    const seen = gateway('send', async (s) => {
      const b = batchOf(s, 2);
      await delay(latency[b] ?? 0);
      if (b === 1) return apiError('ERR011', 'Insufficient balance');
      if (b === 3) return apiError('ERR010', 'Zero balance');
      return okFor(s, 2);
    });
    const result = await client({ batchSize: 2, batchDelayMs: 20 }).sendBulk(numbers, 'hi');
    const answered = [...seen].sort((a, b) => a.end! - b.end!).map((s) => batchOf(s, 2));
    expect(answered).not.toEqual([0, 1, 2, 3]);
    expect(result.msgIds).toEqual(['batch-0', 'batch-2']);
    expect(result.msgId).toBe('batch-0');
    expect(result.errors.map((e) => [e.batch, e.code, e.numbers])).toEqual([
      [2, 'ERR011', numbers.slice(2, 4)],
      [4, 'ERR010', numbers.slice(6, 8)],
    ]);
    expect(result.code).toBe('ERR011');
    expectAccounted(numbers, result, seen);
  });

  it('reports the balance of the answer received last, as cachedBalance does', async () => {
    const numbers = kuwaitNumbers(4);
    // Batch 1 is answered after batch 2, and carries the lower (fresher) balance.
    gateway('send', async (s) => {
      const b = batchOf(s, 2);
      await delay(b === 0 ? 120 : 0);
      return okSend(s, { 'balance-after': b === 0 ? 500 : 700 });
    });
    const sms = client({ batchSize: 2, batchDelayMs: 10 });
    const result = await sms.sendBulk(numbers, 'hi');
    expect(result.balanceAfter).toBe(500);
    expect(sms.cachedBalance).toBe(500);
  });

  it('calls onProgress once per batch with the valid, deduplicated totals', async () => {
    const numbers = kuwaitNumbers(450);
    const inputs = [...numbers, '123', `+${numbers[0]!}`, `00${numbers[1]!}`];
    gateway('send', (s) => (batchOf(s, 200) === 2 ? apiError('ERR011') : okSend(s)));
    const progress: BulkProgress[] = [];
    await client({ batchDelayMs: 20 }).sendBulk(inputs, 'hi', { onProgress: (p) => progress.push(p) });
    expect(progress).toEqual([
      { batchesDone: 1, batchesTotal: 3, numbersDone: 200, numbersTotal: 450 },
      { batchesDone: 2, batchesTotal: 3, numbersDone: 400, numbersTotal: 450 },
      { batchesDone: 3, batchesTotal: 3, numbersDone: 450, numbersTotal: 450 },
    ]);
  });

  it('keeps the result when onProgress throws', async () => {
    gateway('send', (s) => okSend(s));
    const onProgress = vi.fn(() => {
      throw new Error('progress bar broke');
    });
    const result = await client({ batchSize: 1, batchDelayMs: 5 }).sendBulk(kuwaitNumbers(3), 'hi', { onProgress });
    expect(onProgress).toHaveBeenCalledTimes(3);
    expect(result).toMatchObject({ result: 'OK', batches: 3, numbers: 3 });
  });

  it('accounts for every input across accepted batches, errors, invalid and duplicates', async () => {
    const numbers = kuwaitNumbers(30);
    const inputs = [...numbers.slice(0, 12), 'bad', `+${numbers[3]!}`, '', ...numbers.slice(12), `00${numbers[29]!}`, 'a@b.com'];
    const seen = gateway('send', async (s, request) => {
      const b = batchOf(s, 5);
      if (b === 1) return apiError('ERR011');
      if (b === 3) return hang(request);
      if (b === 4) return HttpResponse.error();
      return okSend(s);
    });
    const result = await client({ batchSize: 5, batchDelayMs: 10, timeoutMs: 200 }).sendBulk(inputs, 'hi');
    expect(result.batches).toBe(6);
    expect(result.errors.map((e) => [e.batch, e.code])).toEqual([
      [2, 'ERR011'],
      [4, 'TIMEOUT'],
      [5, 'NETWORK'],
    ]);
    expect(result.invalid.map((i) => i.input)).toEqual(['bad', '', 'a@b.com']);
    expect(result.numbers + result.errors.reduce((n, e) => n + e.numbers.length, 0)).toBe(30);
    expectAccounted(inputs, result, seen);
  });

  it('records the remaining batches ABORTED with their numbers after an abort, and sends no more', async () => {
    const numbers = kuwaitNumbers(10);
    const controller = new AbortController();
    const reason = new Error('user stopped the campaign');
    const seen = gateway('send', (s) => {
      if (s.call === 1) setTimeout(() => controller.abort(reason), 5);
      return okSend(s);
    });
    const result = await client({ batchSize: 2, batchDelayMs: 80 }).sendBulk(numbers, 'hi', { signal: controller.signal });
    expect(seen).toHaveLength(2);
    expect(result.result).toBe('PARTIAL');
    // `batches` counts batches requested; the three never sent are in `errors` with their numbers.
    expect(result.batches).toBe(2);
    expect(result.msgIds).toEqual(['msg-0', 'msg-1']);
    expect(result.errors).toEqual([3, 4, 5].map((batch) => ({
      batch,
      code: 'ABORTED',
      description: expect.any(String),
      action: apiErrors.ABORTED,
      numbers: numbers.slice((batch - 1) * 2, batch * 2),
    })));
    expect(result.cause).toBe(reason);
    expectAccounted(numbers, result, seen);
    await sleepMs(200);
    expect(seen).toHaveLength(2);
  });

  it('records an in-flight batch ABORTED (not TIMEOUT) when the caller aborts', async () => {
    const controller = new AbortController();
    const seen = gateway('send', (_s, request) => {
      setTimeout(() => controller.abort(), 20);
      return hang(request);
    });
    const result = await client({ timeoutMs: 5_000 }).sendBulk(['96598765432'], 'hi', { signal: controller.signal });
    expect(seen).toHaveLength(1);
    expect(result).toMatchObject({ result: 'ERROR', code: 'ABORTED', errors: [{ batch: 1, code: 'ABORTED', numbers: ['96598765432'] }] });
  });

  it('sends nothing when the signal is already aborted', async () => {
    const seen = gateway('send', (s) => okSend(s));
    const result = await client({ batchSize: 2 }).sendBulk(kuwaitNumbers(4), 'hi', { signal: AbortSignal.abort() });
    expect(seen).toHaveLength(0);
    expect(result).toMatchObject({ result: 'ERROR', code: 'ABORTED', batches: 0 });
    expect(result.errors.flatMap((e) => e.numbers)).toEqual(kuwaitNumbers(4));
  });

  it('rejects with a TypeError for a non-array, as send() does for a bad argument', async () => {
    await expect(client().sendBulk('96598765432' as unknown as string[], 'hi')).rejects.toThrow(TypeError);
  });
});
