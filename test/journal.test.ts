import { describe, expect, it } from 'vitest';
import { failure } from '../src/errors.js';
import { memoryJournal, openCampaign, planDigest, replayJournal, type JournalPlan, type JournalRecord } from '../src/journal.js';

const AT = '2026-03-01T10:00:00.000Z';
const PLAN: JournalPlan = { type: 'plan', version: 1, digest: 'd', batches: 3, numbers: 5, at: AT };
const FIELDS = { sender: 'KWT-SMS', message: 'Hello', test: '0' } as const;

const begin = (batch: number): JournalRecord => ({ type: 'begin', batch, at: AT });
const accepted = (batch: number, balanceAfter?: number): JournalRecord => ({
  type: 'outcome',
  batch,
  ok: true,
  msgId: `m${batch}`,
  numbers: 2,
  pointsCharged: 2,
  ...(balanceAfter !== undefined && { balanceAfter }),
  at: AT,
});
const failed = (batch: number, code: string, unsent?: boolean): JournalRecord => ({
  type: 'outcome',
  batch,
  ok: false,
  code,
  description: `${code} happened`,
  ...(unsent !== undefined && { unsent }),
  at: AT,
});

describe('memoryJournal', () => {
  it('starts empty and gives back copies of what was appended, in order', async () => {
    const journal = memoryJournal();
    expect(await journal.read()).toEqual([]);
    const record = begin(1);
    await journal.append(record);
    await journal.append(accepted(1));
    (record as { batch: number }).batch = 9;
    expect(journal.records).toEqual([begin(1), accepted(1)]);
    const read = await journal.read();
    (read[0] as { batch: number }).batch = 7;
    expect(journal.records[0]).toEqual(begin(1));
  });
});

describe('replayJournal', () => {
  it('reads an empty journal as no plan and no batches', () => {
    expect(replayJournal([])).toEqual({ plan: undefined, states: [], balanceAfter: undefined });
  });

  it('gives each batch the state of its last record', () => {
    const replay = replayJournal([PLAN, begin(1), begin(2), accepted(1, 990), begin(2)]);
    expect(replay).toEqual({
      plan: PLAN,
      states: [{ state: 'done', outcome: accepted(1, 990) }, { state: 'interrupted' }, { state: 'planned' }],
      balanceAfter: 990,
    });
  });

  it('counts an ERR013 being retried as never begun, and one after its retries as done', () => {
    const replay = replayJournal([PLAN, begin(1), failed(1, 'ERR013', true), begin(2), failed(2, 'ERR013', true), begin(2), failed(2, 'ERR013')]);
    expect(typeof replay === 'string' ? replay : replay.states).toEqual([
      { state: 'planned' },
      { state: 'done', outcome: failed(2, 'ERR013') },
      { state: 'planned' },
    ]);
  });

  it('keeps the balance of the last answer in journal order, not in batch order', () => {
    const replay = replayJournal([PLAN, begin(1), begin(2), accepted(2, 500), accepted(1, 480)]);
    expect(typeof replay === 'string' ? replay : replay.balanceAfter).toBe(480);
  });

  it.each([
    ['a journal that does not start with a plan', [begin(1)], 'its first record is not a plan this version of kwtsms can read'],
    ['a plan of another version', [{ ...PLAN, version: 2 }], 'its first record is not a plan this version of kwtsms can read'],
    ['a batch number beyond the plan', [PLAN, begin(4)], 'record 2 is not a batch record'],
    ['batch 0', [PLAN, begin(0)], 'record 2 is not a batch record'],
    ['an unknown record type', [PLAN, begin(1), { type: 'note', batch: 1 }], 'record 3 is not a batch record'],
    ['an outcome without msg-id or code', [PLAN, { type: 'outcome', batch: 1, ok: true }], 'record 2 is not a batch record'],
    ['a second plan', [PLAN, PLAN], 'record 2 is not a batch record'],
    ['null', [PLAN, null], 'record 2 is not a batch record'],
  ])('refuses %s', (_name, records, problem) => {
    expect(replayJournal(records as JournalRecord[])).toBe(problem);
  });
});

describe('planDigest', () => {
  it('is the SHA-256 of the version, sender, message, test flag and batches', async () => {
    // sha256('[1,"KWT-SMS","Hello","0",[["96598765432"]]]'), computed with sha256sum.
    expect(await planDigest(FIELDS, [['96598765432']])).toBe('57afdf1f872891afaeaae05a5bfabc5413bd85e918db53ae3277bfba9efbb4fe');
  });

  it.each([
    ['another sender', { ...FIELDS, sender: 'MY-APP' }, [['96598765432']]],
    ['another message', { ...FIELDS, message: 'Hello!' }, [['96598765432']]],
    ['test mode', { ...FIELDS, test: '1' as const }, [['96598765432']]],
    ['other numbers', FIELDS, [['96598765433']]],
    ['the same numbers batched otherwise', FIELDS, [['96598765432'], ['96550000000']]],
  ])('differs for %s', async (_name, fields, batches) => {
    const base = await planDigest(FIELDS, [['96598765432', '96550000000']]);
    expect(await planDigest(fields, batches)).not.toBe(base);
  });
});

describe('openCampaign', () => {
  const batches = [['96590000000', '96590000001'], ['96590000002', '96590000003'], ['96590000004']];

  it('writes the plan into an empty journal and sends every batch', async () => {
    const journal = memoryJournal();
    const campaign = await openCampaign(journal, FIELDS, batches, {});
    expect(campaign).toMatchObject({ earlier: [], counted: 0, balanceAfter: undefined });
    expect(journal.records).toEqual([
      { type: 'plan', version: 1, digest: await planDigest(FIELDS, batches), batches: 3, numbers: 5, at: expect.any(String) },
    ]);
  });

  it('journals begin and outcome through its hooks, with 1-based batch numbers', async () => {
    const journal = memoryJournal();
    const campaign = await openCampaign(journal, FIELDS, batches, {});
    if ('ok' in campaign) throw new Error('refused');
    await expect(campaign.beforeRequest(1)).resolves.toBeUndefined();
    const data = { result: 'OK', 'msg-id': 'abc', numbers: 2, 'points-charged': 2, 'balance-after': 98, 'unix-timestamp': 1_700_000_000 };
    await campaign.afterRequest(1, { ok: true, data }, false);
    await campaign.afterRequest(2, failure('ERR013', 'Queue full'), true);
    await campaign.afterRequest(0, { ok: true, data: { result: 'OK' } }, false);
    expect(journal.records.slice(1)).toEqual([
      { type: 'begin', batch: 2, at: expect.any(String) },
      { type: 'outcome', batch: 2, ok: true, msgId: 'abc', numbers: 2, pointsCharged: 2, balanceAfter: 98, unixTimestamp: 1_700_000_000, at: expect.any(String) },
      { type: 'outcome', batch: 3, ok: false, code: 'ERR013', description: 'Queue full', unsent: true, at: expect.any(String) },
      // An OK answer without msg-id is recorded as what the result says of it.
      {
        type: 'outcome',
        batch: 1,
        ok: false,
        code: 'BAD_RESPONSE',
        description: 'The send answer lacks msg-id, numbers or points-charged; it may have been sent.',
        at: expect.any(String),
      },
    ]);
  });

  it('refuses a journal of another plan with JOURNAL_MISMATCH and writes nothing', async () => {
    const journal = memoryJournal();
    await openCampaign(journal, FIELDS, batches, {});
    const other = await openCampaign(journal, { ...FIELDS, message: 'Other' }, batches, {});
    expect(other).toMatchObject({ ok: false, code: 'JOURNAL_MISMATCH' });
    expect(journal.records).toHaveLength(1);
  });

  it('resolves JOURNAL_FAILED when the journal cannot be read or the plan written', async () => {
    const unreadable = { read: () => Promise.reject(new Error('EIO')), append: () => undefined };
    expect(await openCampaign(unreadable, FIELDS, batches, {})).toMatchObject({
      ok: false,
      code: 'JOURNAL_FAILED',
      description: 'The journal could not be read: EIO',
    });
    const unwritable = { read: () => [], append: () => Promise.reject(new Error('EROFS')) };
    expect(await openCampaign(unwritable, FIELDS, batches, {})).toMatchObject({
      ok: false,
      code: 'JOURNAL_FAILED',
      description: 'The journal could not be written: EROFS',
    });
  });

  it('refuses every request once a write failed, so nothing goes out unjournaled', async () => {
    let fail = false;
    const records: JournalRecord[] = [];
    const journal = { read: () => records, append: (r: JournalRecord) => (fail ? Promise.reject(new Error('ENOSPC')) : void records.push(r)) };
    const campaign = await openCampaign(journal, FIELDS, batches, {});
    if ('ok' in campaign) throw new Error('refused');
    fail = true;
    await campaign.afterRequest(0, failure('ERR010', 'Zero balance'), false);
    fail = false;
    expect(await campaign.beforeRequest(1)).toMatchObject({ code: 'JOURNAL_FAILED', description: 'The journal could not be written: ENOSPC' });
    expect(records).toHaveLength(1);
  });
});
