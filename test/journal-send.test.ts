import { describe, expect, it } from 'vitest';
import { KwtSMS } from '../src/client.js';
import { apiErrors } from '../src/errors.js';
import { memoryJournal, type BulkJournal, type JournalRecord } from '../src/journal.js';
import { createFakeGateway, type FakeGateway, type FakeGatewayOptions } from '../src/testing/index.js';
import type { BulkProgress, SendOptions, SendResult } from '../src/types.js';
import { kuwaitNumbers } from './helpers/gateway.js';

const NUMBERS = kuwaitNumbers(10);
const MESSAGE = 'Eid offer';

/** A fake gateway whose clock the test moves (its 15-second same-number rule would refuse a resend). */
function setup(options: FakeGatewayOptions = {}) {
  let clock = 1_700_000_000_000;
  const fake = createFakeGateway({ now: () => clock, ...options });
  const sms = new KwtSMS('user', 'pass', { fetch: fake.fetch, batchSize: 2, batchDelayMs: 2, retryDelaysMs: [5], timeoutMs: 300 });
  const send = (journal: BulkJournal, options: SendOptions = {}): Promise<SendResult> => sms.sendBulk(NUMBERS, MESSAGE, { journal, ...options });
  return { fake, sms, send, later: () => (clock += 60_000) };
}

/** The numbers of every send request the fake received, one list per request. */
const requested = (fake: FakeGateway): string[][] =>
  fake.state.requests.filter((r) => r.endpoint === 'send').map((r) => String(r.body?.mobile).split(','));

/** A journal of the caller's own, over an array: the shape a database-backed one has. */
function ownJournal(records: JournalRecord[]): BulkJournal {
  return { read: () => records.map((r) => ({ ...r })), append: (r) => void records.push({ ...r }) };
}

/** Every number is in exactly one of: a batch the result counts as accepted, errors[].numbers. */
function expectAccounted(fake: FakeGateway, result: SendResult): void {
  const accepted = fake.state.sent.filter((m) => result.msgIds.includes(m.msgId)).flatMap((m) => m.numbers);
  const failed = result.errors.flatMap((e) => e.numbers);
  expect([...accepted, ...failed].sort()).toEqual([...NUMBERS].sort());
}

describe('a journaled send', () => {
  it('records the plan, then begin before each request and its outcome after the answer', async () => {
    const { fake, sms } = setup();
    const journal = memoryJournal();
    // At each request, the journal must already hold that batch's begin.
    const begun: boolean[] = [];
    const watched = new KwtSMS('user', 'pass', {
      batchSize: 2,
      batchDelayMs: 2,
      fetch: async (input, init) => {
        const batch = Number(JSON.parse(String(init?.body)).mobile.split(',')[0].slice(-2)) / 2 + 1;
        begun.push(journal.records.some((r) => r.type === 'begin' && r.batch === batch));
        return fake.fetch(input, init);
      },
    });
    const result = await watched.sendBulk(NUMBERS, MESSAGE, { journal });
    expect(result).toMatchObject({ result: 'OK', batches: 5, numbers: 10, errors: [] });
    expect(begun).toEqual([true, true, true, true, true]);
    const records = journal.records;
    expect(records[0]).toMatchObject({ type: 'plan', version: 1, batches: 5, numbers: 10 });
    expect(records.filter((r) => r.type === 'begin').map((r) => r.type === 'begin' && r.batch).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(records.filter((r) => r.type === 'outcome')).toHaveLength(5);
    for (const [i, msgId] of result.msgIds.entries()) {
      expect(records).toContainEqual({
        type: 'outcome',
        batch: i + 1,
        ok: true,
        msgId,
        numbers: 2,
        pointsCharged: 2,
        balanceAfter: expect.any(Number),
        unixTimestamp: expect.any(Number),
        at: expect.any(String),
      });
    }
    expect(sms.cachedBalance).toBeNull();
  });

  it('sends nothing again when run a second time, and gives the same result', async () => {
    const { fake, send } = setup();
    const journal = memoryJournal();
    const first = await send(journal);
    const again = await send(journal);
    expect(requested(fake)).toHaveLength(5);
    expect(again).toEqual(first);
    expect(again).toMatchObject({ result: 'OK', batches: 5, numbers: 10, pointsCharged: 10, balanceAfter: 990 });
  });

  it('resumes after an abort between batches: the combined result is that of an uninterrupted run', async () => {
    const { fake, send } = setup();
    const journal = memoryJournal();
    const controller = new AbortController();
    const progress: BulkProgress[] = [];
    const first = await send(journal, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.batchesDone === 2) controller.abort(new Error('deploy'));
      },
    });
    expect(first).toMatchObject({ result: 'PARTIAL', code: 'ABORTED', batches: 2, numbers: 4 });
    const resumed = await send(journal, { onProgress: (p) => progress.push(p) });
    expect(requested(fake).flat().sort()).toEqual([...NUMBERS].sort());
    expect(resumed).toMatchObject({ result: 'OK', batches: 5, numbers: 10, pointsCharged: 10, errors: [], invalid: [] });
    expect(resumed.msgIds).toEqual(fake.state.sent.map((m) => m.msgId));
    expect(resumed.msgId).toBe(first.msgId);
    expect(resumed.balanceAfter).toBe(990);
    expect(progress.map((p) => p.batchesDone)).toEqual([3, 4, 5]);
    expect(progress[0]).toEqual({ batchesDone: 3, batchesTotal: 5, numbersDone: 6, numbersTotal: 10 });
    expectAccounted(fake, resumed);
  });

  it('resumes after an abort in flight: that batch is INTERRUPTED, never requested twice, and every number accounted for', async () => {
    const { fake, send, later } = setup({ latencyMs: 40 });
    const journal = memoryJournal();
    const controller = new AbortController();
    const first = await send(journal, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.batchesDone === 1) controller.abort();
      },
    });
    // Batch 2 was in flight when the signal fired: the fake had already taken it.
    expect(first.errors[0]).toMatchObject({ batch: 2, code: 'ABORTED', numbers: NUMBERS.slice(2, 4) });
    const resumed = await send(journal);
    expect(requested(fake).map((n) => n[0])).toEqual([NUMBERS[0], NUMBERS[2], NUMBERS[4], NUMBERS[6], NUMBERS[8]]);
    expect(resumed.errors).toEqual([
      {
        batch: 2,
        code: 'INTERRUPTED',
        description: 'Its fate is unknown: the request was cancelled while in flight.',
        action: apiErrors.INTERRUPTED,
        numbers: NUMBERS.slice(2, 4),
      },
    ]);
    expect(resumed).toMatchObject({ result: 'PARTIAL', code: 'INTERRUPTED', batches: 5, numbers: 8 });
    expectAccounted(fake, resumed);
    // Reporting it recorded nothing final: resendInterrupted still sends it.
    later();
    const resent = await send(journal, { resendInterrupted: true });
    expect(requested(fake)).toHaveLength(6);
    expect(requested(fake)[5]).toEqual(NUMBERS.slice(2, 4));
    expect(resent).toMatchObject({ result: 'OK', batches: 5, numbers: 10, errors: [] });
  });

  it('sends on resume a batch cancelled after its begin record but before its request: it never went out', async () => {
    const { fake, send } = setup();
    const records: JournalRecord[] = [];
    const controller = new AbortController();
    const journal: BulkJournal = {
      read: () => records.map((r) => ({ ...r })),
      append(record) {
        records.push({ ...record });
        // The signal fires while the begin of batch 3 is being stored.
        if (record.type === 'begin' && record.batch === 3) controller.abort();
      },
    };
    const first = await send(journal, { signal: controller.signal });
    expect(requested(fake)).toHaveLength(2);
    expect(first.errors.map((e) => [e.batch, e.code, e.description])).toEqual([
      [3, 'ABORTED', 'Cancelled before the request was sent.'],
      [4, 'ABORTED', 'Cancelled before the request was sent.'],
      [5, 'ABORTED', 'Cancelled before the request was sent.'],
    ]);
    expect(records.at(-1)).toMatchObject({ type: 'outcome', batch: 3, ok: false, code: 'ABORTED', unsent: true });
    const resumed = await send(journal);
    expect(requested(fake).map((n) => n[0])).toEqual([NUMBERS[0], NUMBERS[2], NUMBERS[4], NUMBERS[6], NUMBERS[8]]);
    expect(resumed).toMatchObject({ result: 'OK', batches: 5, numbers: 10, errors: [] });
  });

  it('reports a batch begun with no outcome as INTERRUPTED with its numbers, sends the rest, and resends it only when asked', async () => {
    const { fake, send, later } = setup();
    const records: JournalRecord[] = [];
    await send(ownJournal(records));
    // As if the process had died while batch 3 was in flight, before batches 4 and 5.
    const crashed = records.filter((r) => r.type === 'plan' || r.batch < 3 || (r.batch === 3 && r.type === 'begin'));
    const { fake: fresh, send: resume } = setup();
    const resumed = await resume(ownJournal(crashed));
    expect(requested(fresh)).toEqual([NUMBERS.slice(6, 8), NUMBERS.slice(8, 10)]);
    expect(resumed).toMatchObject({ result: 'PARTIAL', code: 'INTERRUPTED', batches: 4, numbers: 8, msgIds: expect.any(Array) });
    expect(resumed.msgIds).toHaveLength(4);
    expect(resumed.errors).toEqual([
      {
        batch: 3,
        code: 'INTERRUPTED',
        description: 'Its fate is unknown: its request began, but the process stopped before the answer was recorded.',
        action: 'Its fate is unknown: check status() or the delivery report before resending.',
        numbers: NUMBERS.slice(4, 6),
      },
    ]);
    later();
    const resent = await resume(ownJournal(crashed), { resendInterrupted: true });
    expect(requested(fresh).at(-1)).toEqual(NUMBERS.slice(4, 6));
    expect(resent).toMatchObject({ result: 'OK', batches: 5, numbers: 10, errors: [] });
    expect(fake.state.sent).toHaveLength(5);
  });

  it.each(['TIMEOUT', 'NETWORK', 'BAD_JSON'] as const)('skips and reports a batch that ended in %s, unless resendInterrupted', async (fault) => {
    const { fake, send, later } = setup();
    const journal = memoryJournal();
    fake.state.failNext(1, fault);
    const first = await send(journal);
    const code = { TIMEOUT: 'TIMEOUT', NETWORK: 'NETWORK', BAD_JSON: 'BAD_RESPONSE' }[fault];
    expect(first.errors).toMatchObject([{ batch: 1, code }]);
    const resumed = await send(journal);
    expect(requested(fake)).toHaveLength(5);
    expect(resumed.errors).toMatchObject([{ batch: 1, code, numbers: NUMBERS.slice(0, 2) }]);
    later();
    const resent = await send(journal, { resendInterrupted: true });
    expect(requested(fake)).toHaveLength(6);
    expect(resent).toMatchObject({ result: 'OK', batches: 5, numbers: 10 });
  });

  it('keeps a batch the gateway refused unless resendFailed, then sends it (after recharging)', async () => {
    const { fake, send, later } = setup({ balance: 6 });
    const journal = memoryJournal();
    const first = await send(journal);
    expect(first.errors).toMatchObject([
      { batch: 4, code: 'ERR010', numbers: NUMBERS.slice(6, 8) },
      { batch: 5, code: 'ERR010', numbers: NUMBERS.slice(8, 10) },
    ]);
    const kept = await send(journal);
    expect(requested(fake)).toHaveLength(5);
    expect(kept).toEqual(first);
    fake.state.balance = 100;
    later();
    const resent = await send(journal, { resendFailed: true });
    expect(requested(fake).slice(5)).toEqual([NUMBERS.slice(6, 8), NUMBERS.slice(8, 10)]);
    expect(resent).toMatchObject({ result: 'OK', batches: 5, numbers: 10, errors: [], balanceAfter: 96 });
  });

  it('sends an ERR013 batch whose retry never began, and keeps ERR013 after its retries unless resendFailed', async () => {
    const { fake, send } = setup();
    const records: JournalRecord[] = [];
    fake.state.failNext(1, 'ERR013');
    await send(ownJournal(records));
    expect(records.filter((r) => r.type === 'outcome' && r.batch === 1).map((r) => r.type === 'outcome' && !r.ok && r.unsent)).toEqual([
      true,
      false,
    ]);
    // A crash during the ERR013 pause: the last record of batch 1 is the ERR013 being retried.
    const paused = records.filter((r) => r.type === 'plan' || r.batch > 1 || (r.type === 'outcome' && !r.ok));
    const { fake: fresh, send: resume } = setup();
    const resumed = await resume(ownJournal(paused));
    expect(requested(fresh)).toEqual([NUMBERS.slice(0, 2)]);
    expect(resumed).toMatchObject({ result: 'OK', batches: 5, numbers: 10 });

    const { fake: full, send: exhaust } = setup();
    const journal = memoryJournal();
    full.state.failNext(2, 'ERR013');
    const refused = await exhaust(journal);
    expect(refused.errors).toMatchObject([{ batch: 1, code: 'ERR013' }]);
    await exhaust(journal);
    expect(requested(full)).toHaveLength(6);
    await exhaust(journal, { resendFailed: true });
    expect(requested(full)).toHaveLength(7);
  });

  it.each([
    ['another message', NUMBERS, 'Another message', {}],
    ['other numbers', kuwaitNumbers(10, 1), MESSAGE, {}],
    ['another sender', NUMBERS, MESSAGE, { sender: 'MY-APP' }],
  ])('refuses a journal of another send (%s) with JOURNAL_MISMATCH and sends nothing', async (_name, numbers, message, options) => {
    const { send } = setup();
    const journal = memoryJournal();
    await send(journal);
    const { fake, sms } = setup({ senderIds: ['KWT-SMS', 'MY-APP'] });
    const before = journal.records;
    const result = await sms.sendBulk(numbers, message, { journal, ...options });
    expect(fake.state.requests).toEqual([]);
    expect(journal.records).toEqual(before);
    expect(result).toEqual({
      result: 'ERROR',
      code: 'JOURNAL_MISMATCH',
      description: 'The journal holds the plan of another send (other numbers, message, sender or test mode).',
      action: apiErrors.JOURNAL_MISMATCH,
      msgIds: [],
      numbers: 0,
      pointsCharged: 0,
      batches: 0,
      errors: [
        {
          batch: 0,
          code: 'JOURNAL_MISMATCH',
          description: 'The journal holds the plan of another send (other numbers, message, sender or test mode).',
          action: apiErrors.JOURNAL_MISMATCH,
          numbers,
        },
      ],
      invalid: [],
    });
  });

  it('refuses test mode against a journal of a live send', async () => {
    const { fake } = setup();
    const journal = memoryJournal();
    await new KwtSMS('user', 'pass', { fetch: fake.fetch }).sendBulk(NUMBERS, MESSAGE, { journal });
    const result = await new KwtSMS('user', 'pass', { fetch: fake.fetch, testMode: true }).sendBulk(NUMBERS, MESSAGE, { journal });
    expect(result.code).toBe('JOURNAL_MISMATCH');
  });

  it('sends nothing when the journal cannot take the plan, and says why', async () => {
    const { fake, send } = setup();
    const journal: BulkJournal = { read: () => [], append: () => Promise.reject(new Error('EROFS: read-only file system')) };
    const result = await send(journal);
    expect(fake.state.requests).toEqual([]);
    expect(result).toMatchObject({
      result: 'ERROR',
      code: 'JOURNAL_FAILED',
      description: 'The journal could not be written: EROFS: read-only file system',
      action: apiErrors.JOURNAL_FAILED,
      batches: 0,
      errors: [{ batch: 0, code: 'JOURNAL_FAILED', numbers: NUMBERS }],
    });
    expect(result.cause).toEqual(new Error('EROFS: read-only file system'));
  });

  it('stops before the first batch whose begin cannot be written, and a resume with the journal sends the rest', async () => {
    const { fake, send } = setup();
    const records: JournalRecord[] = [];
    let full = false;
    const journal: BulkJournal = {
      read: () => records.map((r) => ({ ...r })),
      append(record) {
        if (full) return Promise.reject(new Error('ENOSPC: no space left on device'));
        records.push(record);
        // The disk fills up once batch 2's outcome is on it.
        full = record.type === 'outcome' && record.batch === 2;
        return Promise.resolve();
      },
    };
    const first = await send(journal);
    expect(requested(fake)).toEqual([NUMBERS.slice(0, 2), NUMBERS.slice(2, 4)]);
    expect(first).toMatchObject({ result: 'PARTIAL', code: 'JOURNAL_FAILED', batches: 2, numbers: 4 });
    expect(first.errors.map((e) => [e.batch, e.code])).toEqual([
      [3, 'JOURNAL_FAILED'],
      [4, 'JOURNAL_FAILED'],
      [5, 'JOURNAL_FAILED'],
    ]);
    expectAccounted(fake, first);
    full = false;
    const resumed = await send(journal);
    expect(requested(fake)).toHaveLength(5);
    expect(resumed).toMatchObject({ result: 'OK', batches: 5, numbers: 10 });
  });

  it('resolves JOURNAL_FAILED for records it cannot read, sending nothing', async () => {
    const { fake, send } = setup();
    const result = await send(ownJournal([{ type: 'begin', batch: 1, at: '' }]));
    expect(fake.state.requests).toEqual([]);
    expect(result).toMatchObject({
      code: 'JOURNAL_FAILED',
      description: 'The journal cannot be read: its first record is not a plan this version of kwtsms can read.',
    });
  });

  it('resolves JOURNAL_FAILED when read() gives something other than an array, sending nothing', async () => {
    const { fake, send } = setup();
    const result = await send({ read: () => undefined as unknown as JournalRecord[], append: () => undefined });
    expect(fake.state.requests).toEqual([]);
    expect(result).toMatchObject({ code: 'JOURNAL_FAILED', description: 'The journal cannot be read: read() did not give an array of records.' });
  });

  it('works through send() as well as sendBulk()', async () => {
    const { fake, sms } = setup();
    const journal = memoryJournal();
    await sms.send(NUMBERS.join(','), MESSAGE, { journal });
    const again = await sms.send(NUMBERS.join(','), MESSAGE, { journal });
    expect(requested(fake)).toHaveLength(5);
    expect(again).toMatchObject({ result: 'OK', numbers: 10, batches: 5 });
  });

  it.each([
    ['journal', 'a file name', 'KwtSMS: option `journal` must be an object with read() and append() (a BulkJournal), got "a file name"'],
    ['journal', {}, 'KwtSMS: option `journal` must be an object with read() and append() (a BulkJournal), got object'],
    ['resendInterrupted', 'yes', 'KwtSMS: option `resendInterrupted` must be a boolean, got "yes"'],
    ['resendFailed', 1, 'KwtSMS: option `resendFailed` must be a boolean, got 1'],
  ])('throws a TypeError for a bad %s option', async (name, value, message) => {
    const { sms } = setup();
    await expect(sms.sendBulk(NUMBERS, MESSAGE, { [name]: value } as SendOptions)).rejects.toThrow(new TypeError(message));
  });
});
