/**
 * The public shapes of `kwtsms/bullmq`. Kept apart from the code so the
 * barrel re-exports them as types only.
 */
import type { ConnectionOptions, Worker, WorkerOptions } from 'bullmq';
import type { InvalidEntry, SendOptions, SendResult } from '../types.js';

/**
 * What a worker sends with: a `KwtSMS`, or anything with its `send()`. `testMode` lets a worker
 * refuse a campaign whose `test` flag says otherwise, rather than send it the wrong way.
 *
 * @example
 * import { KwtSMS } from 'kwtsms';
 * import type { SmsSender } from 'kwtsms/bullmq';
 * const sms: SmsSender = KwtSMS.fromEnv();
 */
export interface SmsSender {
  send(mobile: string | readonly string[], message: string, options?: SendOptions): Promise<SendResult>;
  readonly testMode?: boolean;
}

/**
 * Options of {@link createSmsQueue}. Every process and machine that shares a queue must pass the
 * same `name`, `prefix`, `gapMs` and `retryDelaysMs`.
 *
 * @example
 * import { createSmsQueue, type SmsQueueOptions } from 'kwtsms/bullmq';
 * const options: SmsQueueOptions = { connection: { host: '127.0.0.1', port: 6379 }, gapMs: 500 };
 * const queue = createSmsQueue(options);
 */
export interface SmsQueueOptions {
  /** BullMQ's connection: ioredis options or an ioredis instance. */
  connection: ConnectionOptions;
  /** The BullMQ queue name; one gateway account, one name. No `:`. @default 'kwtsms' */
  name?: string;
  /** BullMQ's key prefix; this adapter's own keys start with `kwtsms:`. @default 'bull' */
  prefix?: string;
  /**
   * Least time between two request starts, across every worker, process and machine. The gateway
   * blocks IPs above 5 requests a second; about 2 a second is its advice.
   * @default 500
   */
  gapMs?: number;
  /** How long the whole queue pauses after each ERR013 (queue full) before that batch is retried. @default [30000, 60000, 120000] */
  retryDelaysMs?: readonly number[];
  /**
   * Country code for bare local numbers in `addCampaign` and `send`, as the client's option.
   * @default undefined (numbers must carry their country code)
   */
  defaultCountryCode?: string;
}

/**
 * A campaign: one message to many numbers, sent as one BullMQ job per batch of 200.
 *
 * @example
 * import type { CampaignInput } from 'kwtsms/bullmq';
 * const campaign: CampaignInput = { id: 'spring-sale', numbers: ['96598765432'], message: 'Sale today' };
 */
export interface CampaignInput {
  /** Names the campaign: adding an id that exists adds nothing. 1 to 200 characters. */
  id: string;
  /** An array of numbers, or one string of numbers separated by commas, semicolons or newlines. */
  numbers: string | readonly string[];
  message: string;
  /** The sender ID; default the worker's client's. */
  sender?: string;
  /**
   * Test mode (queued at the gateway, never delivered). A worker whose client's `testMode` differs
   * refuses the campaign's batches instead of sending them the other way.
   * @default the worker's client's testMode
   */
  test?: boolean;
}

/**
 * What `addCampaign` planned: batches and valid numbers, with the rejected and duplicate inputs.
 *
 * @example
 * import type { CampaignFigures } from 'kwtsms/bullmq';
 * const show = (f: CampaignFigures) => `${f.numbers} numbers in ${f.batches} batches, ${f.invalid.length} invalid`;
 */
export interface CampaignFigures {
  id: string;
  /** Jobs queued, one per batch; 0 when the campaign was refused. */
  batches: number;
  /** Valid, deduplicated numbers. */
  numbers: number;
  invalid: InvalidEntry[];
  /** Inputs dropped because an earlier one normalized to the same number. */
  duplicates: number;
  /** Set when the whole campaign was refused before any job (an empty or too long message, no valid number). */
  code?: string;
  description?: string;
  action?: string;
}

/**
 * A campaign's progress and result so far.
 *
 * @example
 * import type { CampaignStatus } from 'kwtsms/bullmq';
 * const line = (s: CampaignStatus) => `${s.state}: ${s.done}/${s.batches} batches, ${s.result.numbers} accepted`;
 */
export interface CampaignStatus {
  id: string;
  /** `waiting`: no batch begun yet; `running`: some begun, not all finished; `done`: every batch has an outcome. */
  state: 'waiting' | 'running' | 'done';
  batches: number;
  /** Batches with an outcome. */
  done: number;
  /** Batches without one yet. */
  pending: number;
  /**
   * The result so far, with `sendBulk`'s invariant once done: every input number is in an
   * accepted batch, in `errors[].numbers`, in `invalid`, or counted as a duplicate.
   */
  result: SendResult;
}

/**
 * Options of `queue.send`: `KwtSMS.send`'s, plus an idempotency `id`.
 *
 * @example
 * import type { QueueSendOptions } from 'kwtsms/bullmq';
 * const options: QueueSendOptions = { id: 'order-1234-otp', redact: true, signal: AbortSignal.timeout(60_000) };
 */
export interface QueueSendOptions {
  /** The sender ID; default the worker's client's. */
  sender?: string;
  /** Makes the send idempotent: a second send with this id adds nothing and resolves to the first's result. */
  id?: string;
  /**
   * Stops waiting. Before a worker began the request, the send is withdrawn (`ABORTED`, not sent);
   * after, the result is `ABORTED` too, but the SMS may have gone.
   */
  signal?: AbortSignal;
  /** Hide the message text in the worker's log entries; it is also deleted from Redis once sent. @default false */
  redact?: boolean;
  /** Ignored: the queue's `retryDelaysMs` pause every worker instead. Accepted so any `send()` options fit. */
  retryDelaysMs?: readonly number[];
  /** Ignored: one request has no progress to report. */
  onProgress?: SendOptions['onProgress'];
}

/**
 * Options of `queue.createWorker`: BullMQ's `Worker` options. `lockDuration`, `stalledInterval` and
 * `maxStalledCount` decide how soon a dead worker's batch is found (BullMQ's defaults take about a
 * minute); `limiter` is always the queue's pace, and `connection` defaults to the queue's.
 *
 * @example
 * import type { SmsWorkerOptions } from 'kwtsms/bullmq';
 * const options: SmsWorkerOptions = { lockDuration: 10_000, stalledInterval: 5_000 };
 */
export type SmsWorkerOptions = Partial<Omit<WorkerOptions, 'limiter'>>;

/**
 * The workers of one process: BullMQ's `Worker` for campaign batches, and one for transactional
 * sends, which have a BullMQ queue of their own (`<name>.send`) with no limiter, so a send is taken
 * the moment it is added. Both take the same options and go through the same gate.
 *
 * @example
 * import { KwtSMS } from 'kwtsms';
 * import { createSmsQueue } from 'kwtsms/bullmq';
 * const queue = createSmsQueue({ connection: { host: '127.0.0.1', port: 6379 } });
 * const worker = queue.createWorker(KwtSMS.fromEnv());
 * worker.batches.on('failed', (job, error) => console.error(job?.id, error.message));
 * process.on('SIGTERM', () => worker.close());
 */
export interface SmsWorker {
  /** BullMQ's worker for campaign batches. */
  readonly batches: Worker;
  /** BullMQ's worker for transactional sends. */
  readonly sends: Worker;
  /** Resolves once both are connected. */
  waitUntilReady(): Promise<void>;
  /** Closes both, waiting for the jobs they hold unless `force`. */
  close(force?: boolean): Promise<void>;
}

/**
 * A queue of SMS on BullMQ, shared by every process and machine that opens it with the same name.
 *
 * @example
 * import { createSmsQueue } from 'kwtsms/bullmq';
 * const queue = createSmsQueue({ connection: { host: '127.0.0.1', port: 6379 } });
 * await queue.addCampaign({ id: 'sale-1', numbers, message: 'Sale today' });
 */
export interface SmsQueue {
  /** The BullMQ queue name. */
  readonly name: string;
  /** Validates, deduplicates and splits the numbers, then adds one job per batch. Idempotent by `id`. */
  addCampaign(campaign: CampaignInput): Promise<CampaignFigures>;
  /**
   * One transactional send (at most 200 numbers), ahead of every campaign batch waiting; resolves to
   * its `SendResult` once a worker has sent it. `KwtSMS.send`'s signature, so `createOtp({ sms: queue })` works.
   */
  send(mobile: string | readonly string[], message: string, options?: QueueSendOptions): Promise<SendResult>;
  /** Workers that send this queue's jobs with `sms`, in this process. Close them with `worker.close()`. */
  createWorker(sms: SmsSender, options?: SmsWorkerOptions): SmsWorker;
  /** A campaign's progress and result; `undefined` for an id never added (or long expired). */
  campaign(id: string): Promise<CampaignStatus | undefined>;
  /** Closes the queue's connections (not the workers'). */
  close(): Promise<void>;
}
