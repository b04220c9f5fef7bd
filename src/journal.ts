/**
 * Durable bulk sends. A journal records a send's plan, then for each batch
 * that its request begins (before the request is made) and its outcome (once
 * the answer came). Read back, it tells a later send which batches went out,
 * which failed, and which began with no recorded answer: those were in flight
 * when the process died, and their fate is unknown. This module holds the
 * record shapes, `memoryJournal`, and the reading and writing a send does.
 */
import { failure, type ApiFailure, type ApiOutcome, type ErrorCode } from './errors.js';
import { isRecord } from './guards.js';
import { readSend } from './results.js';

/** The version of the record format, part of every plan. */
export const JOURNAL_VERSION = 1;

/**
 * The first record: what the send is. `digest` is the SHA-256 (hex) of the journal version, sender,
 * cleaned message, test flag and the numbers of every batch, so a journal is never applied to
 * another campaign.
 *
 * @example
 * import type { JournalPlan } from 'kwtsms';
 * const plan: JournalPlan = { type: 'plan', version: 1, digest: '57afdf1f…', batches: 10, numbers: 2000, at: '2026-03-01T10:00:00.000Z' };
 */
export interface JournalPlan {
  type: 'plan';
  version: typeof JOURNAL_VERSION;
  digest: string;
  /** How many batches the send has. */
  batches: number;
  /** How many valid, deduplicated numbers. */
  numbers: number;
  /** ISO 8601 time it was written. */
  at: string;
}

/**
 * Written, and stored durably, before a batch's request is made (its retries too).
 *
 * @example
 * import type { JournalBegin } from 'kwtsms';
 * const begin: JournalBegin = { type: 'begin', batch: 3, at: '2026-03-01T10:00:01.000Z' };
 */
export interface JournalBegin {
  type: 'begin';
  /** 1-based, as in `BatchError.batch`. */
  batch: number;
  at: string;
}

/**
 * The gateway accepted the batch.
 *
 * @example
 * import type { JournalAccepted } from 'kwtsms';
 * const accepted: JournalAccepted = {
 *   type: 'outcome', batch: 3, ok: true, msgId: 'f4c841adee210f31307633ceaebff2ec', numbers: 200, pointsCharged: 200,
 *   balanceAfter: 1800, at: '2026-03-01T10:00:01.300Z',
 * };
 */
export interface JournalAccepted {
  type: 'outcome';
  batch: number;
  ok: true;
  msgId: string;
  /** Recipients the gateway accepted. */
  numbers: number;
  pointsCharged: number;
  balanceAfter?: number;
  unixTimestamp?: number;
  at: string;
}

/**
 * The batch failed: a gateway error (`ERRnnn`), or a library code. `unsent` marks a batch the gateway
 * did not take and that is not settled: an ERR013 the send retries after a pause, or a batch cancelled
 * after its begin record but before its request. A batch whose last record has it counts as never begun.
 *
 * @example
 * import type { JournalFailed } from 'kwtsms';
 * const failed: JournalFailed = { type: 'outcome', batch: 4, ok: false, code: 'ERR010', description: 'Zero balance', at: '2026-03-01T10:00:01.800Z' };
 */
export interface JournalFailed {
  type: 'outcome';
  batch: number;
  ok: false;
  code: ErrorCode;
  description: string;
  unsent?: boolean;
  at: string;
}

/**
 * One line of a journal. Store it as it is: a later send reads it back.
 *
 * @example
 * import type { JournalRecord } from 'kwtsms';
 * const begun = (records: readonly JournalRecord[]) => records.filter((r) => r.type === 'begin').length;
 */
export type JournalRecord = JournalPlan | JournalBegin | JournalAccepted | JournalFailed;

/**
 * Where a bulk send keeps its journal. Implement it to keep the journal in your own database: store
 * each record in order and give them back in that order. One send at a time may use a journal.
 *
 * @example
 * import type { BulkJournal, JournalRecord } from 'kwtsms';
 * // A journal in a SQL table: one row per record, in insertion order.
 * const journal: BulkJournal = {
 *   read: async () => (await db.query('SELECT record FROM sms_journal WHERE campaign = $1 ORDER BY id', [id])).rows.map((r) => r.record),
 *   append: async (record: JournalRecord) => {
 *     await db.query('INSERT INTO sms_journal (campaign, record) VALUES ($1, $2)', [id, record]);
 *   },
 * };
 * await sms.sendBulk(numbers, 'Eid offer: 20% off', { journal });
 */
export interface BulkJournal {
  /** Every record appended so far, oldest first; `[]` for a new journal. */
  read(): Promise<readonly JournalRecord[]> | readonly JournalRecord[];
  /**
   * Stores one record. Resolve only once it would survive a crash (committed, flushed): the send
   * makes a batch's request only after its `begin` record is stored. A rejection stops the send.
   */
  append(record: JournalRecord): Promise<void> | void;
}

/**
 * A journal kept in memory, with its records in view.
 *
 * @example
 * import { memoryJournal, type MemoryJournal } from 'kwtsms';
 * const journal: MemoryJournal = memoryJournal();
 * await sms.sendBulk(numbers, 'Hello', { journal });
 * console.log(journal.records.filter((r) => r.type === 'outcome').length); // batches with an answer
 */
export interface MemoryJournal extends BulkJournal {
  /** A copy of the records appended so far. */
  readonly records: JournalRecord[];
}

/**
 * A journal kept in memory: it lets a send resume after an abort or a failure in the same process,
 * and shows what a journal holds. It does not survive a crash: use `fileJournal` or your own store.
 *
 * @example
 * import { KwtSMS, memoryJournal } from 'kwtsms';
 * const journal = memoryJournal();
 * const first = await sms.sendBulk(numbers, 'Hello', { journal, signal: AbortSignal.timeout(2_000) });
 * const resumed = await sms.sendBulk(numbers, 'Hello', { journal }); // sends only what the first did not
 */
export function memoryJournal(): MemoryJournal {
  const records: JournalRecord[] = [];
  return {
    get records() {
      return records.map((record) => ({ ...record }));
    },
    read: () => records.map((record) => ({ ...record })),
    append(record) {
      records.push({ ...record });
    },
  };
}

// A request that ended in one of these may have reached the gateway: its fate is unknown.
const UNKNOWN_FATE: ReadonlySet<ErrorCode> = new Set(['TIMEOUT', 'NETWORK', 'BAD_RESPONSE', 'ABORTED']);

export type BatchState = { state: 'planned' } | { state: 'interrupted' } | { state: 'done'; outcome: JournalAccepted | JournalFailed };

export interface Replay {
  plan: JournalPlan | undefined;
  states: BatchState[];
  /** The balance in the last answer received, in any run. */
  balanceAfter: number | undefined;
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/** Why a record cannot be part of a journal of `batches` batches, or `undefined` when it can. */
function recordProblem(record: unknown, position: number, batches: number | undefined): string | undefined {
  const r: Partial<Record<string, unknown>> = isRecord(record) ? record : {};
  if (position === 0) {
    const plan = r.type === 'plan' && r.version === JOURNAL_VERSION && typeof r.digest === 'string' && isCount(r.batches);
    return plan ? undefined : 'its first record is not a plan this version of kwtsms can read';
  }
  const batch = isCount(r.batch) && r.batch >= 1 && (batches === undefined || r.batch <= batches);
  const outcome = r.ok === true ? typeof r.msgId === 'string' : r.ok === false && typeof r.code === 'string';
  return batch && (r.type === 'begin' || (r.type === 'outcome' && outcome)) ? undefined : `record ${position + 1} is not a batch record`;
}

/**
 * Reads records back into each batch's state: the last record of a batch decides it. An `unsent`
 * outcome (an ERR013 being retried, a request cancelled before it was made) counts as never begun.
 *
 * @returns the replay, or why the records are not a journal
 * @example
 * // internal: src/journal.ts
 * replayJournal([plan, { type: 'begin', batch: 1, at }]).states; // [{ state: 'interrupted' }, ...]
 */
export function replayJournal(records: readonly JournalRecord[]): Replay | string {
  const plan = records[0]?.type === 'plan' ? records[0] : undefined;
  const states: BatchState[] = Array.from({ length: plan?.batches ?? 0 }, () => ({ state: 'planned' }));
  let balanceAfter: number | undefined;
  for (const [position, record] of records.entries()) {
    const problem = recordProblem(record, position, plan?.batches);
    if (problem !== undefined) return problem;
    if (record.type === 'plan') continue;
    const i = record.batch - 1;
    if (record.type === 'begin') states[i] = { state: 'interrupted' };
    else if (!record.ok && record.unsent === true) states[i] = { state: 'planned' };
    else states[i] = { state: 'done', outcome: record };
    if (record.type === 'outcome' && record.ok && record.balanceAfter !== undefined) balanceAfter = record.balanceAfter;
  }
  return { plan, states, balanceAfter };
}

/**
 * The SHA-256 (hex) of what makes a send this send: sender, cleaned message, test flag, batches.
 *
 * @throws TypeError where the runtime has no WebCrypto (`crypto.subtle`)
 * @example
 * // internal: src/journal.ts
 * await planDigest({ sender: 'KWT-SMS', message: 'Hi', test: '0' }, [['96598765432']]); // '3f1c…' (64 hex digits)
 */
export async function planDigest(fields: SendFields, batches: readonly (readonly string[])[]): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    throw new TypeError('KwtSMS: a journal needs WebCrypto (crypto.subtle); browsers offer it on https:// pages and localhost only.');
  }
  const text = JSON.stringify([JOURNAL_VERSION, fields.sender, fields.message, fields.test, batches]);
  const hash = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface SendFields {
  sender: string;
  message: string;
  test: '0' | '1';
}

export interface ResendFlags {
  resendInterrupted?: boolean | undefined;
  resendFailed?: boolean | undefined;
}

export interface Campaign {
  /** Each batch's outcome from an earlier run when it is not sent in this one; `undefined`: send it. */
  earlier: (ApiOutcome | undefined)[];
  /** Batches not sent again that had an outcome in an earlier run (they count in `batches`). */
  counted: number;
  balanceAfter: number | undefined;
  beforeRequest(index: number): Promise<ApiFailure | undefined>;
  afterRequest(index: number, outcome: ApiOutcome, unsent: boolean): Promise<void>;
}

const journalFailure = (what: string, error: unknown): ApiFailure =>
  failure('JOURNAL_FAILED', `The journal could not be ${what}: ${error instanceof Error ? error.message : String(error)}`, error);

/** The outcome of a batch finished in an earlier run, as this run reports it. */
function earlierOutcome(record: JournalAccepted | JournalFailed): ApiOutcome {
  if (record.ok) {
    const { msgId, numbers, pointsCharged, balanceAfter, unixTimestamp } = record;
    const data = { result: 'OK', 'msg-id': msgId, numbers, 'points-charged': pointsCharged, 'balance-after': balanceAfter, 'unix-timestamp': unixTimestamp };
    return { ok: true, data };
  }
  // A request cancelled in flight is as unknown as one cut off by a crash.
  return record.code === 'ABORTED' ? interrupted('the request was cancelled while in flight') : failure(record.code, record.description);
}

const interrupted = (why: string): ApiFailure => failure('INTERRUPTED', `Its fate is unknown: ${why}.`);

/** The record of an answer: what the result will say of the batch. */
function outcomeRecord(batch: number, outcome: ApiOutcome, unsent: boolean, at: string): JournalAccepted | JournalFailed {
  const read = outcome.ok ? readSend(outcome.data) : outcome;
  if (read.ok) {
    const { msgId, numbers, pointsCharged, balanceAfter, unixTimestamp } = read;
    const optional = { ...(balanceAfter !== undefined && { balanceAfter }), ...(unixTimestamp !== undefined && { unixTimestamp }) };
    return { type: 'outcome', batch, ok: true, msgId, numbers, pointsCharged, ...optional, at };
  }
  const { code, description } = read;
  return { type: 'outcome', batch, ok: false, code, description, ...(unsent && { unsent }), at };
}

/** What this run does with each batch of an earlier run, given the resend flags. */
function settle(states: readonly BatchState[], flags: ResendFlags): Pick<Campaign, 'earlier' | 'counted'> {
  let counted = 0;
  const earlier = states.map((s): ApiOutcome | undefined => {
    if (s.state === 'planned') return undefined;
    if (s.state === 'interrupted') {
      return flags.resendInterrupted === true ? undefined : interrupted('its request began, but the process stopped before the answer was recorded');
    }
    const { outcome } = s;
    const unknown = !outcome.ok && UNKNOWN_FATE.has(outcome.code);
    if (!outcome.ok && (unknown ? flags.resendInterrupted : flags.resendFailed) === true) return undefined;
    counted++;
    return earlierOutcome(outcome);
  });
  return { earlier, counted };
}

export interface ResumeSummary {
  /** Batches in the plan; 0 for a journal with no plan yet (a new campaign). */
  batches: number;
  /** Accepted in an earlier run: skipped. */
  accepted: number;
  /** Refused by the gateway in an earlier run: skipped, and kept in `errors`. */
  refused: number;
  /** Fate unknown (interrupted, timed out...): skipped and reported, never sent again on their own. */
  interrupted: number;
  /** Never begun, or not taken and not settled (`unsent`): sent by this run. */
  toSend: number;
}

/**
 * Counts what a resume will skip, send and report as interrupted, for a journal's records.
 *
 * @returns the counts, or `undefined` when the records are not a journal
 * @example
 * // internal: the CLI's notice before a resumed send
 * summarizeJournal(await fileJournal('campaign.jsonl').read()); // { batches: 10, accepted: 6, refused: 0, interrupted: 1, toSend: 3 }
 */
export function summarizeJournal(records: readonly JournalRecord[]): ResumeSummary | undefined {
  const replay = replayJournal(records);
  if (typeof replay === 'string') return undefined;
  const summary: ResumeSummary = { batches: replay.states.length, accepted: 0, refused: 0, interrupted: 0, toSend: 0 };
  for (const outcome of settle(replay.states, {}).earlier) {
    if (outcome === undefined) summary.toSend++;
    else if (outcome.ok) summary.accepted++;
    else if (outcome.code === 'INTERRUPTED' || UNKNOWN_FATE.has(outcome.code)) summary.interrupted++;
    else summary.refused++;
  }
  return summary;
}

/**
 * Opens a send's journal: reads it, checks that it holds this send's plan (or writes the plan into
 * an empty one), and settles which batches this run sends.
 *
 * @returns the campaign, or the failure that refuses the whole send (JOURNAL_MISMATCH, JOURNAL_FAILED)
 * @example
 * // internal: src/journal.ts
 * const campaign = await openCampaign(journal, fields, batches, { resendInterrupted: false });
 */
export async function openCampaign(
  journal: BulkJournal,
  fields: SendFields,
  batches: readonly (readonly string[])[],
  flags: ResendFlags,
): Promise<Campaign | ApiFailure> {
  const digest = await planDigest(fields, batches);
  let records: readonly JournalRecord[];
  try {
    records = await journal.read();
  } catch (error) {
    return journalFailure('read', error);
  }
  // Fail closed: a journal read as empty by mistake would send every batch again.
  const replay = Array.isArray(records) ? replayJournal(records) : 'read() did not give an array of records';
  if (typeof replay === 'string') return failure('JOURNAL_FAILED', `The journal cannot be read: ${replay}.`);
  if (replay.plan !== undefined && (replay.plan.digest !== digest || replay.plan.batches !== batches.length)) {
    return failure('JOURNAL_MISMATCH', 'The journal holds the plan of another send (other numbers, message, sender or test mode).');
  }
  let broken: ApiFailure | undefined;
  // After one failed write, every later begin is refused: nothing goes out that the journal missed.
  const append = async (record: JournalRecord): Promise<ApiFailure | undefined> => {
    try {
      if (broken === undefined) await journal.append(record);
    } catch (error) {
      broken = journalFailure('written', error);
    }
    return broken;
  };
  const at = (): string => new Date().toISOString();
  if (replay.plan === undefined) {
    const numbers = batches.reduce((total, batch) => total + batch.length, 0);
    const refused = await append({ type: 'plan', version: JOURNAL_VERSION, digest, batches: batches.length, numbers, at: at() });
    if (refused !== undefined) return refused;
  }
  return {
    ...settle(replay.plan === undefined ? [] : replay.states, flags),
    balanceAfter: replay.balanceAfter,
    beforeRequest: (index) => append({ type: 'begin', batch: index + 1, at: at() }),
    afterRequest: async (index, outcome, unsent) => {
      await append(outcomeRecord(index + 1, outcome, unsent, at()));
    },
  };
}
