/**
 * A BullMQ worker that sends batch jobs: through the global gate, at most once
 * per batch, pausing the whole queue on ERR013.
 */
import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import { sleep } from '../retry.js';
import type { SendResult } from '../types.js';
import { CONFIRM_ALLOWANCE_MS, gateMarginMs, gateSleepMs } from './gate.js';
import { emptyOutcome, type BatchOutcome, type BatchWork, type Records } from './records.js';
import { INTERRUPTED_DESCRIPTION, storedError } from './summary.js';
import type { SmsSender, SmsWorker, SmsWorkerOptions } from './types.js';

/** BullMQ priorities (1 is the highest): transactional sends, an ERR013 batch's retry, campaign batches. */
export const PRIORITY = { send: 1, retry: 2, campaign: 3 } as const;

/** How much longer the gate stays shut after a process's first request, which also opens its connection. */
const COLD_HOLD_MS = 10;

/** The BullMQ queue of transactional sends, beside the queue of campaign batches. */
export const sendQueueName = (name: string): string => `${name}.send`;

/** A job names a batch; its message and numbers stay in the records. */
export interface BatchJob {
  /** The records' reference: `campaign:<id>` or `send:<id>`. */
  ref: string;
  /** 0-based batch index. */
  index: number;
}

/** What a worker shares with its queue. */
export interface QueueContext {
  name: string;
  prefix: string;
  connection: ConnectionOptions;
  gapMs: number;
  retryDelaysMs: readonly number[];
  records: () => Promise<Records>;
}

/** A batch's outcome from its send() result. */
function outcomeOf(result: SendResult): BatchOutcome {
  const outcome: BatchOutcome = {
    ...emptyOutcome(result.batches > 0),
    msgIds: [...result.msgIds],
    numbers: result.numbers,
    points: result.pointsCharged,
    errors: result.errors.map(({ code, description, action, numbers }) => storedError(code, description, [...numbers], action)),
    invalid: [...result.invalid],
  };
  if (result.balanceAfter !== undefined) outcome.balanceAfter = result.balanceAfter;
  if (result.unixTimestamp !== undefined) outcome.unixTimestamp = result.unixTimestamp;
  return outcome;
}

/** An outcome of one error holding every number of the batch. */
function failed(sent: boolean, numbers: string[], code: string, description: string): BatchOutcome {
  return { ...emptyOutcome(sent), errors: [storedError(code, description, [...numbers])] };
}

/** ERR013 on every part of the answer and nothing accepted: the gateway proved it took nothing. */
const queueFull = (result: SendResult): boolean =>
  result.msgIds.length === 0 && result.errors.length > 0 && result.errors.every((error) => error.code === 'ERR013');

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** What the steps of one process's workers share. */
interface WorkerState {
  readonly context: QueueContext;
  readonly sms: SmsSender;
  /** Sends no campaign batch for this long (BullMQ's `rateLimit` on the batches' worker). */
  readonly pause: (ms: number) => Promise<void>;
  /**
   * Until this process's first request, which also opens its connection after the confirmation
   * (connecting takes a turn of the event loop): the gate stays shut a little longer after it.
   */
  cold: boolean;
}

/** One job's batch: the job, its records and what it sends. */
interface Batch {
  readonly job: Job<BatchJob>;
  readonly records: Records;
  readonly work: BatchWork;
}

/**
 * Starts the workers for the queue in `context`, sending with `sms`: one for campaign batches,
 * paced by BullMQ's limiter, and one for transactional sends, on their own BullMQ queue with no
 * limiter, so a send is taken the moment it is added instead of at the next limiter window.
 *
 * @example
 * // internal: src/bullmq/worker.ts (public as queue.createWorker)
 * const worker = startWorker(context, KwtSMS.fromEnv(), { lockDuration: 10_000 });
 */
export function startWorker(context: QueueContext, sms: SmsSender, options: SmsWorkerOptions = {}): SmsWorker {
  if (typeof sms?.send !== 'function') throw new TypeError('kwtsms/bullmq: createWorker needs a client with send(), such as a KwtSMS');
  const state: WorkerState = { context, sms, pause: (ms) => batches.rateLimit(ms), cold: true };
  const processor = (job: Job<BatchJob>): Promise<string> => processJob(state, job);
  const shared = { connection: context.connection, prefix: context.prefix, ...options };
  // The limiter takes batches a little faster than the gate lets them go (a window, not a gap:
  // see gate.ts), so the next batch is already waiting when the gate opens and the pace is the
  // gate's; a batch waits at most a gap or so. It is also what rateLimit() pauses.
  const limiter = { max: 1, duration: Math.floor(context.gapMs * 0.9) };
  const batches = new Worker<BatchJob>(context.name, processor, { ...shared, limiter });
  const sends = new Worker<BatchJob>(sendQueueName(context.name), processor, shared);
  return {
    batches,
    sends,
    async waitUntilReady() {
      await Promise.all([batches.waitUntilReady(), sends.waitUntilReady()]);
    },
    async close(force?: boolean) {
      await Promise.all([batches.close(force), sends.close(force)]);
    },
  };
}

async function processJob(state: WorkerState, job: Job<BatchJob>): Promise<string> {
  const records = await state.context.records();
  const work = await records.work(job.data.ref, job.data.index);
  // Records gone (expired or deleted): nothing left to send.
  return work ? run(state, { job, records, work }) : 'gone';
}

/** Sends one batch, or records why it must not be sent. */
async function run(state: WorkerState, batch: Batch): Promise<string> {
  const { job, records } = batch;
  if (await refusedForTestMode(state, batch)) return 'refused';
  for (;;) {
    const token = `${job.id ?? ''}:${crypto.randomUUID()}`;
    const start = await pass(state, batch, token);
    if (start !== 'go') return start;
    const result = await request(state, batch, token);
    if (result === undefined) return 'interrupted';
    if (!queueFull(result)) {
      await records.finish(job.data.ref, job.data.index, outcomeOf(result));
      return result.result;
    }
    if (!(await waitOutErr013(state, batch, result))) return 'ERR013';
  }
}

/**
 * A batch whose `test` flag differs from the client's test mode is refused (recorded, `true`)
 * rather than sent the other way; unless it began already, and then the gate records it INTERRUPTED.
 */
async function refusedForTestMode({ sms }: WorkerState, { job, records, work }: Batch): Promise<boolean> {
  if (work.test === undefined || work.test === sms.testMode) return false;
  const why = `The batch is for test mode ${work.test ? 'on' : 'off'}, and this worker's client has it ${sms.testMode ? 'on' : 'off'}: run it with a client that matches.`;
  return (await records.cancel(job.data.ref, job.data.index, failed(false, work.numbers, 'ERR_INVALID_INPUT', why))) !== 'begun';
}

/** Waits at the gate until the batch may go (its start time), or says why it must not. */
async function pass(state: WorkerState, { job, records, work }: Batch, token: string): Promise<'go' | 'done' | 'gone' | 'interrupted'> {
  const { ref, index } = job.data;
  const urgent = job.name === 'send';
  const gapMs = state.context.gapMs + gateMarginMs(state.context.gapMs);
  for (;;) {
    const start = await records.start(ref, index, { gapMs, holdMs: state.cold ? COLD_HOLD_MS : 0, token, urgent });
    switch (start.state) {
      case 'go':
        state.cold = false;
        return 'go';
      case 'done':
      case 'gone':
        return start.state;
      case 'begun':
        // Begun with no outcome: this job ran before and its worker stopped mid-request.
        await records.finish(ref, index, failed(true, work.numbers, 'INTERRUPTED', INTERRUPTED_DESCRIPTION));
        return 'interrupted';
      case 'paused':
        if (urgent) {
          await sleep(Math.ceil(start.us / 1000));
          break;
        }
        // Back to the queue until the ERR013 pause ends, so the batch that met ERR013 goes first.
        await state.pause(Math.max(1, Math.ceil(start.us / 1000)));
        throw Worker.RateLimitError();
      case 'wait': {
        const ms = gateSleepMs(start.us);
        if (ms > 0) await sleep(ms);
      }
    }
  }
}

/**
 * Makes the batch's request and confirms it at the gate once it is on the wire. `undefined` when
 * the client threw, with the batch recorded INTERRUPTED: it may have been sent.
 */
async function request({ sms }: WorkerState, { job, records, work }: Batch, token: string): Promise<SendResult | undefined> {
  const { ref, index } = job.data;
  try {
    const { message, numbers, sender, redact } = work;
    const sending = sms.send(numbers, message, { ...(sender !== undefined && { sender }), redact, retryDelaysMs: [] });
    // Awaited below, after the confirmation: a rejection before then would be unhandled, and end the process.
    sending.catch(() => undefined);
    // Once the send's synchronous part and its microtasks have run, the request is on the wire;
    // confirming then opens the gate, counting from then if this process was slow to get here.
    await new Promise((resolve) => setImmediate(resolve));
    await records.confirm(ref, token, CONFIRM_ALLOWANCE_MS).catch(() => undefined);
    return await sending;
  } catch (error) {
    const why = `The client threw during the send (${describe(error)}): it may have been sent.`;
    await records.finish(ref, index, failed(true, work.numbers, 'INTERRUPTED', why));
    return undefined;
  }
}

/**
 * After ERR013 (the gateway took nothing): `false` once the retries are used up, the outcome
 * recorded. Otherwise the whole queue pauses (every job meets the pause at the gate): a
 * transactional send waits it out and is tried again (`true`); a batch goes back to the queue
 * ahead of every other campaign batch.
 */
async function waitOutErr013(state: WorkerState, { job, records }: Batch, result: SendResult): Promise<boolean> {
  const delay = await records.retry(job.data.ref, job.data.index, state.context.retryDelaysMs, outcomeOf(result));
  if (delay === undefined) return false;
  if (job.name === 'send') {
    await sleep(delay);
    return true;
  }
  await state.pause(Math.max(1, delay));
  if ((job.opts.priority ?? 0) > PRIORITY.retry) await job.changePriority({ priority: PRIORITY.retry });
  throw Worker.RateLimitError();
}
