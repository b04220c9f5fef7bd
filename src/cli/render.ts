/**
 * Each result as the terminal shows it: what goes to stdout, what goes to
 * stderr, and the exit status. Pure, so every layout is tested without
 * running a command.
 */
import type { MessageInfo } from '../message.js';
import { countryNames } from '../phone-rules.js';
import type {
  BatchError,
  CoverageResult,
  DeliveryReportResult,
  SendResult,
  SenderIdResult,
  StatusResult,
  ValidateResult,
  VerifyResult,
} from '../types.js';
import { formatError, formatPairs, formatTable } from './output.js';

/** Batch codes after which the request may have reached the gateway. */
const FATE_UNKNOWN: ReadonlySet<string> = new Set(['INTERRUPTED', 'TIMEOUT', 'NETWORK', 'BAD_RESPONSE']);

/** What a command prints and how it exits: 0 success, 1 the call returned an error result. */
export interface Report {
  stdout: string;
  stderr: string;
  exitCode: 0 | 1;
}

function ok(stdout: string): Report {
  return { stdout, stderr: '', exitCode: 0 };
}

/** The error of a result that carries `code`, `description` and `action`. */
function failed(stdout: string, fields: { code?: string | undefined; description?: string | undefined; action?: string | undefined }): Report {
  return { stdout, stderr: formatError(fields), exitCode: 1 };
}

/** VerifyResult's `error` already joins description and action. */
function verifyFailed(result: VerifyResult): Report {
  return { stdout: '', stderr: formatError({ code: result.code, description: result.error ?? 'Verification failed.' }), exitCode: 1 };
}

/**
 * `verify`: exit 0 only when the credentials work.
 *
 * @example
 * renderVerify({ ok: true, balance: 950, purchased: 1000, error: null }).stdout;
 * // 'credentials  OK\nbalance      950\npurchased    1000\n'
 */
export function renderVerify(result: VerifyResult): Report {
  if (!result.ok) return verifyFailed(result);
  return ok(formatPairs([['credentials', 'OK'], ['balance', result.balance], ['purchased', result.purchased ?? undefined]]));
}

/**
 * `balance`: the number alone, so `$(kwtsms balance)` works in a script.
 *
 * @example
 * renderBalance({ ok: true, balance: 950, purchased: 1000, error: null }).stdout; // '950\n'
 */
export function renderBalance(result: VerifyResult): Report {
  if (!result.ok) return verifyFailed(result);
  return ok(`${String(result.balance)}\n`);
}

/** Context the SendResult does not carry but the reader wants. */
export interface SendContext {
  /** Inputs dropped because an earlier one normalized to the same number. */
  duplicates: number;
  testMode: boolean;
}

/**
 * `send`: a summary, the numbers rejected locally, and any failed batches. Exit 1 unless the
 * result is OK (PARTIAL included: some numbers were not sent).
 *
 * @example
 * renderSend(result, { duplicates: 1, testMode: false }).stdout;
 * // 'result      OK\nmsg-id      f4c8…\nnumbers     2\n…'
 */
export function renderSend(result: SendResult, context: SendContext): Report {
  let out = formatPairs([
    ['result', result.result],
    ['mode', context.testMode ? 'test (queued, not delivered)' : undefined],
    ['msg-id', result.msgId],
    ['msg-ids', result.msgIds.length > 1 ? result.msgIds.join(', ') : undefined],
    ['numbers', result.numbers],
    ['points', result.pointsCharged],
    ['balance', result.balanceAfter],
    ['batches', result.batches > 1 ? result.batches : undefined],
    ['invalid', result.invalid.length > 0 ? result.invalid.length : undefined],
    ['duplicates', context.duplicates > 0 ? `${context.duplicates} (each number is sent once)` : undefined],
  ]);
  if (result.invalid.length > 0) {
    out += '\nNot sent, invalid:\n' + formatTable(result.invalid.map((entry) => [entry.input, entry.error]), undefined, 2);
  }
  const batchErrors = result.errors.filter((error) => error.batch > 0);
  const listed = (title: string, errors: BatchError[]): string =>
    errors.length === 0
      ? ''
      : `\n${title}:\n` +
        formatTable(
          errors.map((error) => [`batch ${error.batch}`, error.code, `${error.numbers.length} numbers`, error.description]),
          undefined,
          2,
        );
  // Saying "not sent" of a batch that may have gone out would invite a second, paid send.
  out += listed('Not sent, failed batches', batchErrors.filter((error) => !FATE_UNKNOWN.has(error.code)));
  out += listed(
    'Fate unknown, may have been sent (check status or the delivery report before resending)',
    batchErrors.filter((error) => FATE_UNKNOWN.has(error.code)),
  );
  return result.result === 'OK' ? ok(out) : failed(out, result);
}

/**
 * `validate`: one line per number with the gateway's verdict (OK, ER malformed, NR no route) or the
 * local reason it was never sent.
 *
 * @example
 * renderValidate({ ok: ['96598765432'], er: [], nr: [], rejected: [], error: null, raw: [] }).stdout;
 * // 'NUMBER       STATUS\n96598765432  OK      valid and routable\n'
 */
export function renderValidate(result: ValidateResult): Report {
  const rows = [
    ...result.ok.map((n) => [n, 'OK', 'valid and routable']),
    ...result.er.map((n) => [n, 'ER', 'malformed']),
    ...result.nr.map((n) => [n, 'NR', 'no route: the country is not active on the account']),
    ...result.rejected.map((entry) => [entry.input, 'INVALID', entry.error]),
  ];
  const out = rows.length > 0 ? formatTable(rows, ['NUMBER', 'STATUS']) : '';
  if (result.error === null) return ok(out);
  return failed(out, { code: result.code, description: result.error });
}

/**
 * `senderids`: one sender ID a line.
 *
 * @example
 * renderSenderIds({ result: 'OK', senderIds: ['KWT-SMS'] }).stdout; // 'KWT-SMS\n'
 */
export function renderSenderIds(result: SenderIdResult): Report {
  if (result.result !== 'OK') return failed('', result);
  return ok(result.senderIds.length > 0 ? result.senderIds.map((id) => `${id}\n`).join('') : 'No sender IDs registered.\n');
}

/**
 * `coverage`: the active prefixes, with the country name where the library knows it.
 *
 * @example
 * renderCoverage({ result: 'OK', prefixes: ['965'] }).stdout; // '965  Kuwait\n'
 */
export function renderCoverage(result: CoverageResult): Report {
  if (result.result !== 'OK') return failed('', result);
  if (result.prefixes.length === 0) return ok('No active coverage.\n');
  const names: Readonly<Record<string, string | undefined>> = countryNames;
  return ok(formatTable(result.prefixes.map((prefix) => [prefix, names[prefix]])));
}

/**
 * `status`: the queue status of one message.
 *
 * @example
 * renderStatus({ result: 'OK', status: 'sent', statusDescription: 'Message successfully sent to gateway' }).stdout;
 * // 'status       sent\ndescription  Message successfully sent to gateway\n'
 */
export function renderStatus(result: StatusResult): Report {
  if (result.result !== 'OK') return failed('', result);
  return ok(formatPairs([['status', result.status ?? ''], ['description', result.statusDescription]]));
}

/**
 * `dlr`: one line per number of the delivery report.
 *
 * @example
 * renderDeliveryReport({ result: 'OK', report: [{ number: '4479…', status: 'Received by recipient' }] }).stdout;
 * // 'NUMBER  STATUS\n4479…   Received by recipient\n'
 */
export function renderDeliveryReport(result: DeliveryReportResult): Report {
  if (result.result !== 'OK') return failed('', result);
  if (result.report.length === 0) return ok('No delivery reports.\n');
  return ok(formatTable(result.report.map((entry) => [entry.number, entry.status]), ['NUMBER', 'STATUS']));
}

/**
 * `info`: the cleaned text and what it costs per recipient; the input too when cleaning changed it.
 * Always exit 0: nothing was called.
 *
 * @param info `messageInfo(input)`
 * @param input the message as typed
 * @example
 * renderInfo(messageInfo('Hello'), 'Hello').stdout;
 * // 'text        "Hello"\nencoding    GSM-7\ncharacters  5\npages       1 (160 per page, 7 at most)\n…'
 */
export function renderInfo(info: MessageInfo, input?: string): Report {
  return ok(
    formatPairs([
      // Quoted, so emptied text, trailing spaces and newlines are visible.
      ['input', input !== undefined && input !== info.text ? JSON.stringify(input) : undefined],
      ['text', JSON.stringify(info.text)],
      ['encoding', info.encoding],
      ['characters', info.characters],
      ['pages', `${info.pages} (${info.perPage} per page, ${info.maxPages} at most)`],
      ['cost', `${info.pages} credit${info.pages === 1 ? '' : 's'} per recipient`],
      ['too long', info.tooLong ? `yes: the gateway refuses more than ${info.maxPages} pages (ERR012)` : 'no'],
    ]),
  );
}
