/**
 * `createSmsQueue`: campaigns and transactional sends as BullMQ jobs, their
 * records in Redis, and the results read back from those records.
 */
import { Queue } from 'bullmq';
import { chunk, MAX_BATCH_SIZE } from '../batch.js';
import { messageInfo } from '../message.js';
import { prepareRecipients, type Recipients } from '../recipients.js';
import { DEFAULT_RETRY_DELAYS_MS } from '../retry.js';
import type { SendResult } from '../types.js';
import { checkCampaign, checkQueueOptions, checkSend, isString, need } from './checks.js';
import { FinishedJobs } from './finished.js';
import { emptyOutcome, Records, type Plan, type ScriptClient, type Stored, type StoredError } from './records.js';
import { storedError, summarize } from './summary.js';
import type { CampaignFigures, CampaignInput, CampaignStatus, QueueSendOptions, SmsQueue, SmsQueueOptions } from './types.js';
import { PRIORITY, sendQueueName, startWorker, type BatchJob, type QueueContext } from './worker.js';

/** What a send or campaign is refused for before any job, or `undefined` when it may go. */
function refusal(valid: string[], text: string, info: ReturnType<typeof messageInfo>): StoredError | undefined {
  if (valid.length === 0) return storedError('ERR_INVALID_INPUT', 'No valid phone number to send to.', []);
  if (text.trim() === '') return storedError('ERR009', 'The message is empty after cleanMessage().', valid);
  if (info.tooLong) return storedError('ERR012', `The message is ${info.pages} pages (${info.encoding}); the limit is ${info.maxPages}.`, valid);
  return undefined;
}

/** A send result for a send refused before any job, or withdrawn before its request. */
function refusedResult(error: StoredError, invalid: SendResult['invalid']): SendResult {
  const { code, description, action, numbers } = error;
  return {
    result: 'ERROR',
    code,
    description,
    action: action ?? '',
    msgIds: [],
    numbers: 0,
    pointsCharged: 0,
    batches: 0,
    errors: numbers.length > 0 ? [{ batch: 0, code, description, ...(action !== undefined && { action }), numbers }] : [],
    invalid,
  };
}

/** A BullMQ job id: no `:` (BullMQ refuses it), and never a bare integer. */
const jobId = (ref: string, index: number): string => `${encodeURIComponent(ref)}.${index}`;

/** Keep failed jobs for a look, but not forever; completed ones live on in the records. */
const JOB_OPTIONS = {
  removeOnComplete: true,
  removeOnFail: 1000,
  // A job that failed before its gate step sent nothing, and one that failed after finds its batch
  // begun and records INTERRUPTED: a retry never sends twice, and gets a Redis blip past.
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
} as const;

const CANCELLED = 'Cancelled before the request was sent.';

/** What the queue's operations share. */
interface QueueState {
  /** What its workers share too. */
  readonly context: QueueContext;
  /** The BullMQ queue of campaign batches. */
  readonly bull: Queue<BatchJob>;
  /** The BullMQ queue of transactional sends. */
  readonly sendQueue: Queue<BatchJob>;
  readonly finished: FinishedJobs;
  readonly recipients: (numbers: string | readonly string[]) => Recipients;
}

/**
 * Opens a queue of SMS on BullMQ. Every process and machine that opens one with the same
 * `connection` and `name` shares its pace, its campaigns and its results. Node only; needs the
 * `bullmq` package (a peer dependency).
 *
 * @param options see `SmsQueueOptions`
 * @throws TypeError for a missing connection or an option out of range
 * @example
 * import { KwtSMS } from 'kwtsms';
 * import { createSmsQueue } from 'kwtsms/bullmq';
 *
 * const queue = createSmsQueue({ connection: { host: '127.0.0.1', port: 6379 }, gapMs: 500 });
 * queue.createWorker(KwtSMS.fromEnv());                 // in as many processes as you like
 * await queue.addCampaign({ id: 'sale-1', numbers, message: 'Sale today' });
 * const otp = await queue.send('96598765432', 'Your code is 123456', { redact: true });
 * console.log((await queue.campaign('sale-1'))?.state);
 */
export function createSmsQueue(options: SmsQueueOptions): SmsQueue {
  checkQueueOptions(options);
  const name = options.name ?? 'kwtsms';
  const prefix = options.prefix ?? 'bull';
  const { connection, defaultCountryCode: country } = options;
  const bull = new Queue<BatchJob>(name, { connection, prefix });
  let records: Promise<Records> | undefined;
  const context: QueueContext = {
    name,
    prefix,
    connection,
    gapMs: options.gapMs ?? 500,
    retryDelaysMs: [...(options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS)],
    records: () => (records ??= bull.getBackend().client.then((client) => new Records(client as ScriptClient, name))),
  };
  const state: QueueState = {
    context,
    bull,
    sendQueue: new Queue<BatchJob>(sendQueueName(name), { connection, prefix }),
    finished: new FinishedJobs(sendQueueName(name), { connection, prefix }),
    recipients: (numbers) => prepareRecipients(numbers, country === undefined ? {} : { defaultCountryCode: country }),
  };
  return {
    name,
    addCampaign: (input) => addCampaign(state, input),
    send: (mobile, message, sendOptions = {}) => send(state, mobile, message, sendOptions),
    createWorker: (sms, workerOptions) => startWorker(context, sms, workerOptions),
    campaign: (id) => campaign(state, id),
    close: () => close(state),
  };
}

/** Adds the jobs of a stored campaign unless they all were, then marks them added. */
async function enqueue(q: QueueState, ref: string, batches: number, priority: number): Promise<void> {
  const isSend = ref.startsWith('send:');
  const name = isSend ? 'send' : 'batch';
  const jobs = Array.from({ length: batches }, (_, index) => ({
    name,
    data: { ref, index },
    opts: { ...JOB_OPTIONS, jobId: jobId(ref, index), priority },
  }));
  // BullMQ skips a job id that exists; one whose job finished and went finds its outcome and sends nothing.
  for (const part of chunk(jobs, 1000)) await (isSend ? q.sendQueue : q.bull).addBulk(part);
  await (await q.context.records()).queued(ref);
}

async function addCampaign(q: QueueState, input: CampaignInput): Promise<CampaignFigures> {
  checkCampaign(input);
  const { id, numbers, message, sender, test } = input;
  const { valid, invalid, duplicates } = q.recipients(numbers);
  const info = messageInfo(message);
  const refused = refusal(valid, info.text, info);
  const batches = refused ? [] : chunk(valid, MAX_BATCH_SIZE);
  const plan: Plan = { kind: 'campaign', message: info.text, sender, test, redact: false, batches, numbers: valid.length, duplicates, invalid, refused };
  const ref = `campaign:${id}`;
  const existing = await (await q.context.records()).create(ref, plan);
  const stored: Stored = existing ?? { kind: 'campaign', batches: batches.length, numbers: valid.length, duplicates, invalid, queued: false };
  if (!existing && refused) stored.refused = refused;
  if (!stored.queued) await enqueue(q, ref, stored.batches, PRIORITY.campaign);
  return figuresOf(id, stored);
}

/** What `addCampaign` answers: the stored figures, with the code of a campaign refused before any job. */
function figuresOf(id: string, stored: Stored): CampaignFigures {
  const figures: CampaignFigures = { id, batches: stored.batches, numbers: stored.numbers, invalid: stored.invalid, duplicates: stored.duplicates };
  if (stored.refused) {
    const { code, description, action } = stored.refused;
    Object.assign(figures, { code, description }, action !== undefined && { action });
  }
  return figures;
}

async function send(q: QueueState, mobile: string | readonly string[], message: string, options: QueueSendOptions): Promise<SendResult> {
  checkSend(mobile, message, options);
  const { sender, id, signal, redact } = options;
  const { valid, invalid, duplicates } = q.recipients(mobile);
  const info = messageInfo(message);
  const refused =
    refusal(valid, info.text, info) ??
    (valid.length > MAX_BATCH_SIZE
      ? storedError('ERR007', `queue.send takes at most ${MAX_BATCH_SIZE} numbers, got ${valid.length}: use addCampaign.`, valid)
      : undefined);
  if (refused) return refusedResult(refused, invalid);
  if (signal?.aborted) return refusedResult(storedError('ABORTED', CANCELLED, valid), invalid);
  const ref = `send:${id ?? crypto.randomUUID()}`;
  const plan: Plan = { kind: 'send', message: info.text, sender, redact: redact ?? false, batches: [valid], numbers: valid.length, duplicates, invalid };
  const existing = await (await q.context.records()).create(ref, plan);
  if (!existing?.queued) await enqueue(q, ref, 1, PRIORITY.send);
  return wait(q, ref, signal, existing?.invalid ?? invalid, valid);
}

/** The send's result once its batch has an outcome; `undefined` before. */
async function settled(q: QueueState, ref: string): Promise<SendResult | undefined> {
  const read = await (await q.context.records()).read(ref);
  return read && read.outcomes.size > 0 ? summarize(ref, read.stored, read.outcomes, read.begun).result : undefined;
}

/** Waits for a queued send's outcome: BullMQ's events, with a slow poll in case one is missed. */
async function wait(q: QueueState, ref: string, signal: AbortSignal | undefined, invalid: SendResult['invalid'], numbers: string[]): Promise<SendResult> {
  await q.finished.open();
  const id = jobId(ref, 0);
  return new Promise<SendResult>((resolve, reject) => {
    let done = false;
    const stop = (): boolean => {
      if (done) return false;
      done = true;
      q.finished.unwatch(id, look);
      clearInterval(poll);
      signal?.removeEventListener('abort', abort);
      return true;
    };
    const finish = (result: SendResult): void => {
      if (stop()) resolve(result);
    };
    const fail = (error: unknown): void => {
      if (stop()) reject(error);
    };
    function look(): void {
      settled(q, ref).then((result) => result && finish(result), fail);
    }
    function abort(): void {
      withdraw(q, ref, invalid, numbers).then((result) => (result ? finish(result) : look()), fail);
    }
    q.finished.watch(id, look);
    const poll = setInterval(look, 2_000);
    signal?.addEventListener('abort', abort, { once: true });
    // The signal may have fired while the send was being added, before there was a listener.
    if (signal?.aborted) abort();
    else look();
  });
}

/** Withdraws a send whose caller stopped waiting: its result, or `undefined` when it has an outcome already. */
async function withdraw(q: QueueState, ref: string, invalid: SendResult['invalid'], numbers: string[]): Promise<SendResult | undefined> {
  const outcome = { ...emptyOutcome(), errors: [storedError('ABORTED', CANCELLED, numbers)] };
  const state = await (await q.context.records()).cancel(ref, 0, outcome);
  if (state === 'done') return undefined;
  const error =
    state === 'cancelled'
      ? storedError('ABORTED', CANCELLED, numbers)
      : storedError('ABORTED', 'Stopped waiting while a worker was sending it: it may have been sent.', numbers);
  return refusedResult(error, invalid);
}

async function campaign(q: QueueState, id: string): Promise<CampaignStatus | undefined> {
  need(isString(id), 'queue.campaign: id must be a string');
  const read = await (await q.context.records()).read(`campaign:${id}`);
  return read && summarize(id, read.stored, read.outcomes, read.begun);
}

async function close(q: QueueState): Promise<void> {
  await Promise.all([q.bull.close(), q.sendQueue.close(), q.finished.close()]);
}
