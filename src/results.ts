/**
 * Reading the gateway's answers into the library's result shapes. Pure: the
 * gateway's JSON in, typed results out, BAD_RESPONSE for anything off-shape.
 */
import type { ApiFailure, ApiOutcome } from './request.js';
import { failure } from './request.js';
import type { BatchError, DeliveryReportEntry, InvalidEntry, SendResult } from './types.js';

/**
 * A number from the gateway, which sends some as strings; `undefined` when it is not one.
 *
 * @example
 * toNumber('150.5'); // 150.5
 * toNumber('n/a');   // undefined
 */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/**
 * A list of strings from a gateway array whose items may be strings or numbers; `undefined` when not an array.
 *
 * @example
 * toStringList(['KWT-SMS', 965]); // ['KWT-SMS', '965']
 */
export function toStringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list: string[] = [];
  for (const item of value) {
    if (typeof item === 'string') list.push(item);
    else if (typeof item === 'number' && Number.isFinite(item)) list.push(String(item));
  }
  return list;
}

/** The fields of an accepted send request. */
export interface AcceptedSend {
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
  if (typeof msgId !== 'string' || msgId === '' || numbers === undefined || pointsCharged === undefined) {
    return failure('BAD_RESPONSE', 'The send answer has no msg-id, numbers or points-charged; the message may have been sent.');
  }
  return {
    msgId,
    numbers,
    pointsCharged,
    balanceAfter: toNumber(data['balance-after']),
    unixTimestamp: toNumber(data['unix-timestamp']),
  };
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
    if (!Array.isArray(value)) continue;
    const prefixes: string[] = [];
    for (const item of value) {
      const raw =
        typeof item === 'object' && item !== null
          ? ((item as Record<string, unknown>).prefix ?? (item as Record<string, unknown>).Prefix)
          : item;
      if (typeof raw === 'string' && raw.trim() !== '') prefixes.push(raw.trim());
      else if (typeof raw === 'number' && Number.isFinite(raw)) prefixes.push(String(raw));
    }
    return prefixes;
  }
  return undefined;
}

/**
 * Delivery report lines, `Number`/`Status` in either case.
 *
 * @example
 * readReport({ report: [{ Number: '966559876543', Status: 'Received' }] }); // [{ number: '966559876543', status: 'Received' }]
 */
export function readReport(data: Record<string, unknown>): DeliveryReportEntry[] | undefined {
  const report = data.report;
  if (!Array.isArray(report)) return undefined;
  const entries: DeliveryReportEntry[] = [];
  for (const item of report) {
    if (typeof item !== 'object' || item === null) continue;
    const line = item as Record<string, unknown>;
    const number = line.Number ?? line.number;
    const status = line.Status ?? line.status;
    if ((typeof number === 'string' || typeof number === 'number') && typeof status === 'string') {
      entries.push({ number: String(number), status });
    }
  }
  return entries;
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
  outcomes.forEach((outcome, i) => {
    const numbers = [...(batches[i] ?? [])];
    const accepted = outcome.ok ? readSend(outcome.data) : outcome;
    if ('ok' in accepted) {
      const error: BatchError = { batch: i + 1, code: accepted.code, description: accepted.description, action: accepted.action, numbers };
      result.errors.push(error);
      return;
    }
    result.msgIds.push(accepted.msgId);
    result.numbers += accepted.numbers;
    result.pointsCharged += accepted.pointsCharged;
    if (accepted.balanceAfter !== undefined) result.balanceAfter = accepted.balanceAfter;
    if (accepted.unixTimestamp !== undefined) result.unixTimestamp = accepted.unixTimestamp;
  });
  const first = result.msgIds[0];
  if (first !== undefined) result.msgId = first;
  const firstError = result.errors[0];
  if (firstError !== undefined) {
    result.result = result.msgIds.length > 0 ? 'PARTIAL' : 'ERROR';
    result.code = firstError.code;
    result.action = firstError.action ?? '';
    result.description =
      batches.length === 1
        ? firstError.description
        : `${result.errors.length} of ${batches.length} batches failed; the first (batch ${firstError.batch}): ${firstError.description}`;
    const cause = outcomes[firstError.batch - 1];
    if (cause !== undefined && !cause.ok && cause.cause !== undefined) result.cause = cause.cause;
  }
  return result;
}
