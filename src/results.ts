/**
 * Reading the gateway's answers into the library's result shapes. Pure: the
 * gateway's JSON in, typed results out, BAD_RESPONSE for anything off-shape.
 */
import type { ApiFailure, ApiOutcome } from './errors.js';
import { failure } from './errors.js';
import type { DeliveryReportEntry, InvalidEntry, SendResult } from './types.js';

/**
 * A number from the gateway, which sends some as strings; `undefined` when it is not one.
 *
 * @example
 * toNumber('150.5'); // 150.5
 * toNumber('n/a');   // undefined
 */
export function toNumber(value: unknown): number | undefined {
  // A blank string is not 0, though Number('') says so.
  const n = typeof value === 'number' || (typeof value === 'string' && value.trim()) ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** A gateway string, or a finite number as its string; `undefined` for anything else. */
function toText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/**
 * A list of strings from a gateway array whose items may be strings or numbers; `undefined` when not an array.
 *
 * @example
 * toStringList(['KWT-SMS', 965]); // ['KWT-SMS', '965']
 */
export function toStringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.flatMap((item) => toText(item) ?? []) : undefined;
}

export interface AcceptedSend {
  ok: true;
  msgId: string;
  numbers: number;
  pointsCharged: number;
  balanceAfter: number | undefined;
  unixTimestamp: number | undefined;
}

/**
 * Reads an OK send answer; off-shape answers become BAD_RESPONSE (the batch is not retried).
 *
 * @example
 * readSend({ result: 'OK', 'msg-id': 'abc', numbers: 1, 'points-charged': 1 }).msgId; // 'abc'
 */
export function readSend(data: Record<string, unknown>): AcceptedSend | ApiFailure {
  const msgId = data['msg-id'];
  const numbers = toNumber(data.numbers);
  const pointsCharged = toNumber(data['points-charged']);
  return typeof msgId === 'string' && msgId && numbers !== undefined && pointsCharged !== undefined
    ? { ok: true, msgId, numbers, pointsCharged, balanceAfter: toNumber(data['balance-after']), unixTimestamp: toNumber(data['unix-timestamp']) }
    : failure('BAD_RESPONSE', 'The send answer lacks msg-id, numbers or points-charged; it may have been sent.');
}

/**
 * Country prefixes from a coverage answer, whichever shape the gateway used.
 *
 * @example
 * readCoverage({ coverage: [{ prefix: '965' }, 966] }); // ['965', '966']
 */
export function readCoverage(data: Record<string, unknown>): string[] | undefined {
  for (const key of ['prefixes', 'coverage', 'list', 'countries']) {
    const value = data[key];
    // An item is a prefix, or an object holding one; blank and unusable items are dropped.
    if (Array.isArray(value)) return value.flatMap((item) => toText(item?.prefix ?? item?.Prefix ?? item)?.trim() || []);
  }
  return undefined;
}

/**
 * A status answer's fields; `undefined` when it has no `status` string.
 *
 * @example
 * readStatus({ result: 'OK', status: 'sent', description: 'Message successfully sent to gateway' });
 * // { status: 'sent', statusDescription: 'Message successfully sent to gateway' }
 */
export function readStatus(data: Record<string, unknown>): { status: string; statusDescription?: string } | undefined {
  const { status, description } = data;
  if (typeof status !== 'string') return undefined;
  return typeof description === 'string' ? { status, statusDescription: description } : { status };
}

/**
 * Delivery report lines, `Number`/`Status` in either case.
 *
 * @example
 * readReport({ report: [{ Number: '966559876543', Status: 'Received' }] }); // [{ number: '966559876543', status: 'Received' }]
 */
export function readReport(data: Record<string, unknown>): DeliveryReportEntry[] | undefined {
  const { report } = data;
  return Array.isArray(report)
    ? report.flatMap((line): DeliveryReportEntry[] => {
        const number = toText(line?.Number ?? line?.number);
        const status: unknown = line?.Status ?? line?.status;
        return number !== undefined && typeof status === 'string' ? [{ number, status }] : [];
      })
    : undefined;
}

/**
 * Adds up the outcomes of a send's batches into one result, in batch order.
 *
 * @param batches the numbers of each batch, in order
 * @param outcomes each batch's outcome, same order
 * @param invalid the inputs rejected locally
 * @param sent how many batches were requested (an abort can stop the rest)
 * @example
 * assembleSend([['96598765432']], [{ ok: true, data: { 'msg-id': 'abc', numbers: 1, 'points-charged': 1 } }], []).result; // 'OK'
 */
export function assembleSend(
  batches: readonly (readonly string[])[],
  outcomes: readonly ApiOutcome[],
  invalid: InvalidEntry[],
  sent = batches.length,
): SendResult {
  const result: SendResult = { result: 'OK', msgIds: [], numbers: 0, pointsCharged: 0, batches: sent, errors: [], invalid };
  const { errors } = result;
  outcomes.forEach((outcome, i) => {
    const accepted = outcome.ok ? readSend(outcome.data) : outcome;
    if (!accepted.ok) {
      const { code, description, action, cause } = accepted;
      // The first failed batch speaks for the whole send, its cause included.
      if (!errors.length && cause !== undefined) result.cause = cause;
      errors.push({ batch: i + 1, code, description, action, numbers: [...(batches[i] ?? [])] });
      return;
    }
    result.msgId ??= accepted.msgId;
    result.msgIds.push(accepted.msgId);
    result.numbers += accepted.numbers;
    result.pointsCharged += accepted.pointsCharged;
    if (accepted.balanceAfter !== undefined) result.balanceAfter = accepted.balanceAfter;
    if (accepted.unixTimestamp !== undefined) result.unixTimestamp = accepted.unixTimestamp;
  });
  const [first] = errors;
  if (first) {
    result.result = result.msgId ? 'PARTIAL' : 'ERROR';
    result.code = first.code;
    result.action = first.action ?? '';
    result.description =
      batches.length === 1
        ? first.description
        : `${errors.length} of ${batches.length} batches failed; the first (batch ${first.batch}): ${first.description}`;
  }
  return result;
}
