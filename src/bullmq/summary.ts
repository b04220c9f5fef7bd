/**
 * Adding up a campaign's stored batch outcomes into `sendBulk`'s result shape.
 * Pure: records in, a `SendResult` out.
 */
import { actionFor, GENERIC_ACTION } from '../errors.js';
import type { BatchError, SendResult } from '../types.js';
import type { BatchOutcome, Stored, StoredError } from './records.js';
import type { CampaignStatus } from './types.js';

/** What a batch that began and never got an outcome says. */
export const INTERRUPTED_DESCRIPTION = 'The worker stopped during the request (a crash, a kill or a lost lock): it may have been sent.';

/**
 * A stored error with its action filled in from the error table when the worker sent none.
 *
 * @example
 * // internal: src/bullmq/summary.ts
 * storedError('INTERRUPTED', INTERRUPTED_DESCRIPTION, ['96598765432']).action; // 'Its fate is unknown: ...'
 */
export function storedError(code: string, description: string, numbers: string[], action?: string): StoredError {
  return { code, description, action: action ?? actionFor(code) ?? GENERIC_ACTION, numbers };
}

/**
 * A campaign's status from its records: outcomes in batch order, accepted batches added up, every
 * failed batch in `errors` with its numbers, and the top-level code of the first failed batch.
 *
 * @example
 * // internal: src/bullmq/summary.ts
 * summarize('sale-1', stored, outcomes, 3).state; // 'running'
 */
export function summarize(id: string, stored: Stored, outcomes: ReadonlyMap<number, BatchOutcome>, begun: number): CampaignStatus {
  const done = outcomes.size;
  return {
    id,
    state: done >= stored.batches ? 'done' : begun > 0 || done > 0 ? 'running' : 'waiting',
    batches: stored.batches,
    done,
    pending: stored.batches - done,
    result: addUp(stored, outcomes),
  };
}

/** The outcomes added up into one result, its top-level code that of the first failed batch. */
function addUp(stored: Stored, outcomes: ReadonlyMap<number, BatchOutcome>): SendResult {
  const result: SendResult = { result: 'OK', msgIds: [], numbers: 0, pointsCharged: 0, batches: 0, errors: [], invalid: [...stored.invalid] };
  // A refusal with no valid number has no numbers to hold, as send()'s: its code still speaks.
  const refused: BatchError | undefined = stored.refused && { batch: 0, ...stored.refused };
  if (refused && refused.numbers.length > 0) result.errors.push(refused);
  let freshest = -Infinity;
  for (const index of [...outcomes.keys()].sort((a, b) => a - b)) {
    const outcome = outcomes.get(index) as BatchOutcome;
    addOutcome(result, index, outcome);
    // The last answer received holds the freshest balance, whatever its batch.
    if (outcome.balanceAfter !== undefined && outcome.at >= freshest) {
      freshest = outcome.at;
      result.balanceAfter = outcome.balanceAfter;
      if (outcome.unixTimestamp !== undefined) result.unixTimestamp = outcome.unixTimestamp;
    }
  }
  const [msgId] = result.msgIds;
  if (msgId !== undefined) result.msgId = msgId;
  const first = result.errors[0] ?? refused;
  if (first) markFailed(result, first, stored.batches);
  return result;
}

/** Adds batch `index`'s outcome (0-based) to `result`. */
function addOutcome(result: SendResult, index: number, outcome: BatchOutcome): void {
  if (outcome.sent) result.batches++;
  for (const error of outcome.errors) {
    const entry: BatchError = { batch: index + 1, code: error.code, description: error.description, numbers: [...error.numbers] };
    if (error.action !== undefined) entry.action = error.action;
    result.errors.push(entry);
  }
  result.invalid.push(...outcome.invalid);
  result.msgIds.push(...outcome.msgIds);
  result.numbers += outcome.numbers;
  result.pointsCharged += outcome.points;
}

/** Gives `result` the top-level code and action of its `first` failed batch, out of `batches`. */
function markFailed(result: SendResult, first: BatchError, batches: number): void {
  const { errors } = result;
  result.result = result.msgId === undefined ? 'ERROR' : 'PARTIAL';
  result.code = first.code;
  result.action = first.action ?? GENERIC_ACTION;
  result.description =
    batches <= 1 && errors.length <= 1
      ? first.description
      : `${errors.length} of ${Math.max(batches, 1)} batches failed; the first (batch ${first.batch}): ${first.description}`;
}
