/**
 * The public result and option shapes. Kept in one file so the client, the
 * fake gateway and the CLI agree on them, and so `index.ts` can re-export
 * them as types only.
 */
import type { ErrorCode } from './errors.js';
import type { BulkJournal } from './journal.js';

/**
 * `'OK'` or `'ERROR'`: the outcome of a single API call.
 *
 * @example
 * import { KwtSMS, type ResultStatus } from 'kwtsms';
 * const status: ResultStatus = (await KwtSMS.fromEnv().coverage()).result;
 */
export type ResultStatus = 'OK' | 'ERROR';

/**
 * What every failed call carries: the gateway's or the library's code, what
 * went wrong, and what the developer should do about it.
 *
 * @example
 * import { KwtSMS, type ErrorFields } from 'kwtsms';
 * const { code, description, action, cause }: ErrorFields = await KwtSMS.fromEnv().senderIds();
 */
export interface ErrorFields {
  /**
   * `ERRnnn` from the gateway, or a library code: `NETWORK`, `TIMEOUT`, `ABORTED`, `BAD_RESPONSE`,
   * `ERR_INVALID_INPUT`, and for journaled sends `INTERRUPTED`, `JOURNAL_MISMATCH`, `JOURNAL_FAILED`.
   */
  code?: ErrorCode;
  /** What went wrong, in the gateway's words where it gave any. */
  description?: string;
  /** A developer-facing fix. Never show it to end users as is. */
  action?: string;
  /** The underlying error (a fetch `TypeError`, a JSON `SyntaxError`...), kept for debugging. */
  cause?: unknown;
}

/**
 * A number rejected locally, before any request. `error` is exactly `validatePhoneInput`'s message.
 *
 * @example
 * import type { InvalidEntry } from 'kwtsms';
 * const entry: InvalidEntry = { input: '123', error: "'123' is too short (3 digits, minimum is 7)" };
 */
export interface InvalidEntry {
  input: string;
  error: string;
}

/**
 * A batch the gateway did not accept (or whose fate is unknown after a timeout).
 *
 * @example
 * import { KwtSMS, type BatchError } from 'kwtsms';
 * const { errors } = await KwtSMS.fromEnv().sendBulk(numbers, 'Hello');
 * const retryLater: string[] = errors.flatMap((failed: BatchError) => (failed.code === 'TIMEOUT' ? [] : failed.numbers));
 */
export interface BatchError {
  /** 1-based batch number; 0 when the whole send was refused before any request. */
  batch: number;
  code: ErrorCode;
  description: string;
  action?: string;
  /** Every number of that batch, so nothing is lost. */
  numbers: string[];
}

/**
 * The result of `send()` and `sendBulk()`.
 *
 * @example
 * import { KwtSMS, type SendResult } from 'kwtsms';
 * const result: SendResult = await KwtSMS.fromEnv().send('96598765432', 'Hello');
 * if (result.result !== 'ERROR') save(result.msgIds, result.balanceAfter);
 */
export interface SendResult extends ErrorFields {
  /** `PARTIAL`: some batches were accepted and some were not. */
  result: 'OK' | 'PARTIAL' | 'ERROR';
  /** The first accepted batch's msg-id; save it for `status()` and `deliveryReport()`. */
  msgId?: string;
  /** One msg-id per accepted request, in batch order. */
  msgIds: string[];
  /** Recipients the gateway accepted. */
  numbers: number;
  pointsCharged: number;
  /** The balance after the last accepted batch; save it instead of calling `balance()`. */
  balanceAfter?: number;
  /** Server time of the last accepted batch, in GMT+3 (Asia/Kuwait), not UTC. */
  unixTimestamp?: number;
  /** Batches sent (retries of one batch count once); 0 when refused before any request. */
  batches: number;
  errors: BatchError[];
  invalid: InvalidEntry[];
}

/**
 * Progress of a bulk send, reported once after each batch finishes.
 *
 * @example
 * import type { BulkProgress } from 'kwtsms';
 * const onProgress = (p: BulkProgress) => console.log(`${p.numbersDone}/${p.numbersTotal}`);
 */
export interface BulkProgress {
  batchesDone: number;
  batchesTotal: number;
  /** Numbers in finished batches, accepted or not. */
  numbersDone: number;
  /** Valid, deduplicated numbers. */
  numbersTotal: number;
}

/**
 * The result of `verify()`.
 *
 * @example
 * import { KwtSMS, type VerifyResult } from 'kwtsms';
 * const { ok, balance, error }: VerifyResult = await KwtSMS.fromEnv().verify();
 */
export interface VerifyResult {
  ok: boolean;
  balance: number | null;
  purchased: number | null;
  /** `description` and `action` joined, when `ok` is false. */
  error: string | null;
  code?: ErrorCode;
  /** The underlying error of a failed call (a fetch `TypeError`, a JSON `SyntaxError`...), when there is one. */
  cause?: unknown;
}

/**
 * The result of `validate()`.
 *
 * @example
 * import { KwtSMS, type ValidateResult } from 'kwtsms';
 * const { ok, er, nr, rejected }: ValidateResult = await KwtSMS.fromEnv().validate(['96598765432']);
 */
export interface ValidateResult {
  /** Valid and routable. */
  ok: string[];
  /** Rejected by the gateway as malformed. */
  er: string[];
  /** Valid, but no route (the country is not active on the account). */
  nr: string[];
  /** Rejected locally, never sent to the gateway. */
  rejected: InvalidEntry[];
  /** Why the call failed, or `null`. */
  error: string | null;
  code?: ErrorCode;
  /** The underlying error of the first failed request, when there is one. */
  cause?: unknown;
  /** The gateway's raw responses, one per request (batches of 200). */
  raw: unknown[];
}

/**
 * The result of `senderIds()`.
 *
 * @example
 * import { KwtSMS, type SenderIdResult } from 'kwtsms';
 * const { senderIds }: SenderIdResult = await KwtSMS.fromEnv().senderIds();
 */
export interface SenderIdResult extends ErrorFields {
  result: ResultStatus;
  senderIds: string[];
}

/**
 * The result of `coverage()`.
 *
 * @example
 * import { KwtSMS, type CoverageResult } from 'kwtsms';
 * const { prefixes }: CoverageResult = await KwtSMS.fromEnv().coverage();
 */
export interface CoverageResult extends ErrorFields {
  result: ResultStatus;
  /** Active country prefixes, as strings of digits. */
  prefixes: string[];
}

/**
 * The result of `status()`.
 *
 * @example
 * import { KwtSMS, type StatusResult } from 'kwtsms';
 * const { status, statusDescription }: StatusResult = await KwtSMS.fromEnv().status(msgId);
 */
export interface StatusResult extends ErrorFields {
  result: ResultStatus;
  status?: string;
  statusDescription?: string;
}

/**
 * One line of a delivery report.
 *
 * @example
 * import type { DeliveryReportEntry } from 'kwtsms';
 * const line: DeliveryReportEntry = { number: '966501234567', status: 'Received by recipient' };
 */
export interface DeliveryReportEntry {
  number: string;
  status: string;
}

/**
 * The result of `deliveryReport()`.
 *
 * @example
 * import { KwtSMS, type DeliveryReportResult } from 'kwtsms';
 * const { report }: DeliveryReportResult = await KwtSMS.fromEnv().deliveryReport(msgId);
 */
export interface DeliveryReportResult extends ErrorFields {
  result: ResultStatus;
  report: DeliveryReportEntry[];
}

/**
 * One API call as it is logged: the password is always `'***'`.
 *
 * @example
 * import { KwtSMS, type LogEntry } from 'kwtsms';
 * const sms = KwtSMS.fromEnv({ logger: (entry: LogEntry) => console.log(entry.endpoint, entry.ok) });
 */
export interface LogEntry {
  /** ISO 8601 time the request started. */
  ts: string;
  endpoint: string;
  request: Record<string, unknown>;
  /** The parsed response, its text when it was not JSON, or `null` when none came. */
  response: unknown;
  ok: boolean;
  error: string | null;
}

/**
 * Options of the `KwtSMS` client.
 *
 * @example
 * import { KwtSMS, type KwtSMSOptions } from 'kwtsms';
 * const options: KwtSMSOptions = { senderId: 'MY-APP', testMode: true, timeoutMs: 10_000 };
 * const sms = new KwtSMS('api_user', 'api_pass', options);
 */
export interface KwtSMSOptions {
  /**
   * Sender ID shown on the handset, 1 to 11 characters. Env: `KWTSMS_SENDER_ID`.
   * @default 'KWT-SMS' (a shared test sender: register your own for production)
   */
  senderId?: string;
  /**
   * Queue messages without delivering them. Credits are held until the message is deleted from the queue.
   * Env: `KWTSMS_TEST_MODE`.
   * @default false
   */
  testMode?: boolean;
  /**
   * Append a JSONL line per API call to this file (Node, Bun, Deno). `''` is off. Env: `KWTSMS_LOG_FILE`.
   * @default undefined (no file)
   */
  logFile?: string;
  /** Receives the same masked entry per API call, on any runtime. */
  logger?: (entry: LogEntry) => void;
  /**
   * The `fetch` to use. Looked up at call time when unset, so msw and polyfills work.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /** @default 'https://www.kwtsms.com/API/' */
  baseUrl?: string;
  /** Per-request timeout in milliseconds. @default 15000 */
  timeoutMs?: number;
  /** Numbers per request, 1 to 200. @default 200 */
  batchSize?: number;
  /** Least time between two request starts, in milliseconds. The gateway blocks IPs above 5 requests a second. @default 500 */
  batchDelayMs?: number;
  /** Waits before each retry after ERR013 (queue full). @default [30000, 60000, 120000] */
  retryDelaysMs?: readonly number[];
  /**
   * Country code for bare local numbers: with `'965'`, `'98765432'` is sent as `'96598765432'`.
   * @default undefined (numbers must carry their country code)
   */
  defaultCountryCode?: string;
}

/**
 * Per-call options of `send()` and `sendBulk()`.
 *
 * @example
 * import { KwtSMS, type SendOptions } from 'kwtsms';
 * const options: SendOptions = { sender: 'MY-APP', redact: true, signal: AbortSignal.timeout(60_000) };
 * await KwtSMS.fromEnv().send('96598765432', 'Your code is 123456', options);
 */
export interface SendOptions {
  /** Overrides the client's sender ID for this call. */
  sender?: string;
  /** Cancels the call, waits included; the result is `ABORTED`. */
  signal?: AbortSignal;
  /**
   * Hide the message text: log entries show it as `'***'`, and an error answer that echoes it has it
   * replaced. For messages holding a secret, such as a one-time code (`kwtsms/otp` always sets it).
   * @default false
   */
  redact?: boolean;
  /**
   * This call's waits before each retry after ERR013, instead of the client's `retryDelaysMs`. `[]`
   * returns the first ERR013 at once: a caller that paces many processes pauses them all instead.
   * @default the client's `retryDelaysMs`
   */
  retryDelaysMs?: readonly number[];
  /**
   * Called once after each batch finishes, in the order batches finish. A resumed send starts from
   * the batches an earlier run settled.
   */
  onProgress?: (progress: BulkProgress) => void;
  /**
   * Makes the send survive a crash: `fileJournal(path)`, `memoryJournal()` or your own `BulkJournal`.
   * Each batch's start is recorded before its request and its outcome after the answer. Calling the
   * same send again with the same journal resumes it: batches already settled are not sent again
   * and count in the result as before; a batch that began with no recorded answer is reported as
   * `INTERRUPTED` (its fate is unknown) and not sent again. A journal of another send resolves
   * `JOURNAL_MISMATCH` and sends nothing.
   * @default undefined (no journal)
   */
  journal?: BulkJournal;
  /**
   * On a resume, send again the batches whose fate is unknown: `INTERRUPTED`, and those that ended in
   * `TIMEOUT`, `NETWORK`, `BAD_RESPONSE` or an abort in flight. Check `status()` or the delivery report
   * first: a batch the gateway did take is sent, and charged, twice.
   * @default false
   */
  resendInterrupted?: boolean;
  /**
   * On a resume, send again the batches the gateway refused (an `ERRnnn` answer, ERR013 after its
   * retries), say after recharging for ERR010. Safe: the gateway took none of them.
   * @default false
   */
  resendFailed?: boolean;
}

/**
 * Per-call options of `sendBulk()`: the same as `send()`'s.
 *
 * @example
 * import { KwtSMS, type SendBulkOptions } from 'kwtsms';
 * const options: SendBulkOptions = { onProgress: (p) => console.log(p.batchesDone) };
 * await KwtSMS.fromEnv().sendBulk(numbers, 'Campaign text', options);
 */
export type SendBulkOptions = SendOptions;

/**
 * Per-call options of the read-only methods.
 *
 * @example
 * import { KwtSMS, type CallOptions } from 'kwtsms';
 * const options: CallOptions = { signal: AbortSignal.timeout(5_000) };
 * await KwtSMS.fromEnv().balance(options);
 */
export interface CallOptions {
  signal?: AbortSignal;
}
