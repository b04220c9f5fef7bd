/**
 * `createSmsQueue`: campaigns and transactional sends as BullMQ jobs, their
 * records in Redis, and the results read back from those records.
 */
import { Queue, QueueEvents } from 'bullmq';
import { chunk, MAX_BATCH_SIZE } from '../batch.js';
import { messageInfo } from '../message.js';
import { prepareRecipients } from '../recipients.js';
import { DEFAULT_RETRY_DELAYS_MS } from '../retry.js';
import type { SendResult } from '../types.js';
import { emptyOutcome, Records, type Plan, type ScriptClient, type Stored, type StoredError } from './records.js';
import { storedError, summarize } from './summary.js';
import type { CampaignFigures, CampaignInput, CampaignStatus, QueueSendOptions, SmsQueue, SmsQueueOptions } from './types.js';
import { PRIORITY, sendQueueName, startWorker, type BatchJob, type QueueContext } from './worker.js';

const isString = (value: unknown): value is string => typeof value === 'string';
const isMs = (value: unknown): value is number => typeof value === 'number' && value >= 0 && Number.isFinite(value);
const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
const isSender = (value: unknown): boolean => isString(value) && value.trim() !== '' && value.length < 12;
const isId = (value: unknown): boolean => isString(value) && value !== '' && value.length <= 200;

/** Throws the TypeError for a bad option or argument, naming it and what is allowed. */
function check(where: string, name: string, value: unknown, ok: boolean, allowed: string): void {
  if (value !== undefined && !ok) {
    const got = isString(value) ? JSON.stringify(value) : typeof value === 'number' ? value : typeof value;
    throw new TypeError(`kwtsms/bullmq: ${where} option \`${name}\` must be ${allowed}, got ${got}`);
  }
}

function need(ok: boolean, message: string): void {
  if (!ok) throw new TypeError(`kwtsms/bullmq: ${message}`);
}

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
  need(isObject(options), 'createSmsQueue needs options with a `connection`');
  need(isObject(options.connection), 'createSmsQueue needs a `connection` (ioredis options or an ioredis instance)');
  const where = 'createSmsQueue';
  check(where, 'name', options.name, isString(options.name) && options.name !== '' && !options.name.includes(':'), 'a non-empty string without `:`');
  check(where, 'prefix', options.prefix, isString(options.prefix) && options.prefix !== '', 'a non-empty string');
  check(where, 'gapMs', options.gapMs, isMs(options.gapMs), 'milliseconds >= 0');
  const delays = options.retryDelaysMs;
  check(where, 'retryDelaysMs', delays, Array.isArray(delays) && delays.every(isMs), 'an array of milliseconds >= 0');
  const country = options.defaultCountryCode;
  check(where, 'defaultCountryCode', country, isString(country) && /^[1-9]\d?\d?$/.test(country), "1 to 3 digits, such as '965'");

  const name = options.name ?? 'kwtsms';
  const prefix = options.prefix ?? 'bull';
  const { connection } = options;
  const bull = new Queue<BatchJob>(name, { connection, prefix });
  const sendQueue = new Queue<BatchJob>(sendQueueName(name), { connection, prefix });
  let records: Promise<Records> | undefined;
  const context: QueueContext = {
    name,
    prefix,
    connection,
    gapMs: options.gapMs ?? 500,
    retryDelaysMs: [...(delays ?? DEFAULT_RETRY_DELAYS_MS)],
    records: () => (records ??= bull.getBackend().client.then((client) => new Records(client as ScriptClient, name))),
  };
  // One listener per event for every send waiting, keyed by job id: no listener pile-up.
  const waiting = new Map<string, Set<() => void>>();
  const onFinished = ({ jobId: id }: { jobId: string }): void => waiting.get(id)?.forEach((look) => look());
  let events: Promise<{ close(): Promise<void> }> | undefined;
  const openEvents = (): Promise<{ close(): Promise<void> }> =>
    (events ??= (async () => {
      const queueEvents = new QueueEvents(sendQueueName(name), { connection, prefix });
      queueEvents.on('completed', onFinished);
      queueEvents.on('failed', onFinished);
      await queueEvents.waitUntilReady();
      return queueEvents;
    })());
  const recipients = (numbers: string | readonly string[]) =>
    prepareRecipients(numbers, country === undefined ? {} : { defaultCountryCode: country });

  /** Adds the jobs of a stored campaign unless they all were, then marks them added. */
  async function enqueue(ref: string, batches: number, priority: number): Promise<void> {
    const isSend = ref.startsWith('send:');
    const name = isSend ? 'send' : 'batch';
    const jobs = Array.from({ length: batches }, (_, index) => ({
      name,
      data: { ref, index },
      opts: { ...JOB_OPTIONS, jobId: jobId(ref, index), priority },
    }));
    // BullMQ skips a job id that exists; one whose job finished and went finds its outcome and sends nothing.
    for (const part of chunk(jobs, 1000)) await (isSend ? sendQueue : bull).addBulk(part);
    await (await context.records()).queued(ref);
  }

  async function addCampaign(input: CampaignInput): Promise<CampaignFigures> {
    need(isObject(input), 'addCampaign needs { id, numbers, message }');
    const { id, numbers, message, sender, test } = input;
    need(isId(id), 'addCampaign: `id` must be a string of 1 to 200 characters');
    need(isString(numbers) || Array.isArray(numbers), 'addCampaign: `numbers` must be a string or an array of strings');
    need(isString(message), 'addCampaign: `message` must be a string');
    check('addCampaign', 'sender', sender, isSender(sender), 'a string of 1 to 11 characters');
    check('addCampaign', 'test', test, typeof test === 'boolean', 'a boolean');
    const { valid, invalid, duplicates } = recipients(numbers);
    const info = messageInfo(message);
    const refused = refusal(valid, info.text, info);
    const plan: Plan = {
      kind: 'campaign',
      message: info.text,
      sender,
      test,
      redact: false,
      batches: refused ? [] : chunk(valid, MAX_BATCH_SIZE),
      numbers: valid.length,
      duplicates,
      invalid,
      refused,
    };
    const ref = `campaign:${id}`;
    const existing = await (await context.records()).create(ref, plan);
    const stored: Stored = existing ?? { kind: 'campaign', batches: plan.batches.length, numbers: valid.length, duplicates, invalid, queued: false };
    if (!existing && refused) stored.refused = refused;
    if (!stored.queued) await enqueue(ref, stored.batches, PRIORITY.campaign);
    const figures: CampaignFigures = { id, batches: stored.batches, numbers: stored.numbers, invalid: stored.invalid, duplicates: stored.duplicates };
    if (stored.refused) {
      const { code, description, action } = stored.refused;
      Object.assign(figures, { code, description }, action !== undefined && { action });
    }
    return figures;
  }

  /** The send's result once its batch has an outcome; `undefined` before. */
  async function settled(ref: string): Promise<SendResult | undefined> {
    const read = await (await context.records()).read(ref);
    return read && read.outcomes.size > 0 ? summarize(ref, read.stored, read.outcomes, read.begun).result : undefined;
  }

  /** Waits for a queued send's outcome: BullMQ's events, with a slow poll in case one is missed. */
  async function wait(ref: string, signal: AbortSignal | undefined, invalid: SendResult['invalid'], numbers: string[]): Promise<SendResult> {
    await openEvents();
    const id = jobId(ref, 0);
    return new Promise<SendResult>((resolve, reject) => {
      let done = false;
      const stop = (): boolean => {
        if (done) return false;
        done = true;
        const looks = waiting.get(id);
        looks?.delete(look);
        if (looks?.size === 0) waiting.delete(id);
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
        settled(ref).then((result) => result && finish(result), fail);
      }
      function abort(): void {
        const outcome = { ...emptyOutcome(), errors: [storedError('ABORTED', 'Cancelled before the request was sent.', numbers)] };
        context
          .records()
          .then((store) => store.cancel(ref, 0, outcome))
          .then((state) => {
            if (state === 'done') return look();
            const error =
              state === 'cancelled'
                ? storedError('ABORTED', 'Cancelled before the request was sent.', numbers)
                : storedError('ABORTED', 'Stopped waiting while a worker was sending it: it may have been sent.', numbers);
            finish(refusedResult(error, invalid));
          }, fail);
      }
      waiting.set(id, (waiting.get(id) ?? new Set()).add(look));
      const poll = setInterval(look, 2_000);
      signal?.addEventListener('abort', abort, { once: true });
      look();
    });
  }

  async function send(mobile: string | readonly string[], message: string, sendOptions: QueueSendOptions = {}): Promise<SendResult> {
    need(isString(mobile) || Array.isArray(mobile), 'queue.send: mobile must be a string or an array of strings');
    need(isString(message), 'queue.send: message must be a string');
    need(isObject(sendOptions), 'queue.send: options must be an object');
    const { sender, id, signal, redact } = sendOptions;
    check('send', 'sender', sender, isSender(sender), 'a string of 1 to 11 characters');
    check('send', 'id', id, isId(id), 'a string of 1 to 200 characters');
    check('send', 'redact', redact, typeof redact === 'boolean', 'a boolean');
    check('send', 'signal', signal, signal instanceof AbortSignal, 'an AbortSignal');
    const { valid, invalid, duplicates } = recipients(mobile);
    const info = messageInfo(message);
    const refused =
      refusal(valid, info.text, info) ??
      (valid.length > MAX_BATCH_SIZE
        ? storedError('ERR007', `queue.send takes at most ${MAX_BATCH_SIZE} numbers, got ${valid.length}: use addCampaign.`, valid)
        : undefined);
    if (refused) return refusedResult(refused, invalid);
    if (signal?.aborted) return refusedResult(storedError('ABORTED', 'Cancelled before the request was sent.', valid), invalid);
    const ref = `send:${id ?? crypto.randomUUID()}`;
    const plan: Plan = { kind: 'send', message: info.text, sender, redact: redact ?? false, batches: [valid], numbers: valid.length, duplicates, invalid };
    const existing = await (await context.records()).create(ref, plan);
    if (!existing?.queued) await enqueue(ref, 1, PRIORITY.send);
    return wait(ref, signal, existing?.invalid ?? invalid, valid);
  }

  async function campaign(id: string): Promise<CampaignStatus | undefined> {
    need(isString(id), 'queue.campaign: id must be a string');
    const read = await (await context.records()).read(`campaign:${id}`);
    return read && summarize(id, read.stored, read.outcomes, read.begun);
  }

  async function close(): Promise<void> {
    const opened = events;
    events = undefined;
    await Promise.all([bull.close(), sendQueue.close(), opened?.then((queueEvents) => queueEvents.close())]);
  }

  return {
    name,
    addCampaign,
    send,
    createWorker: (sms, workerOptions) => startWorker(context, sms, workerOptions),
    campaign,
    close,
  };
}
