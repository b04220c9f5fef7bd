/**
 * The transactional sends' finished jobs: BullMQ's `completed` and `failed` events, passed on to
 * the sends waiting for each job.
 */
import { QueueEvents, type ConnectionOptions } from 'bullmq';

/**
 * Tells the sends waiting for a job when it finishes. One listener per event serves every send
 * waiting, keyed by job id, so listeners do not pile up; Redis is reached on the first `open()`.
 *
 * @example
 * // internal: src/bullmq/finished.ts
 * const finished = new FinishedJobs('kwtsms.send', { connection, prefix: 'bull' });
 * await finished.open();
 * finished.watch(id, look);
 */
export class FinishedJobs {
  readonly #waiting = new Map<string, Set<() => void>>();
  readonly #name: string;
  readonly #options: { connection: ConnectionOptions; prefix: string };
  #events: Promise<QueueEvents> | undefined;

  constructor(name: string, options: { connection: ConnectionOptions; prefix: string }) {
    this.#name = name;
    this.#options = options;
  }

  /** Listens to the queue's events, once; resolves when they are connected. */
  async open(): Promise<void> {
    await (this.#events ??= this.#listen());
  }

  async #listen(): Promise<QueueEvents> {
    const events = new QueueEvents(this.#name, this.#options);
    const onFinished = ({ jobId }: { jobId: string }): void => this.#waiting.get(jobId)?.forEach((look) => look());
    events.on('completed', onFinished);
    events.on('failed', onFinished);
    await events.waitUntilReady();
    return events;
  }

  /** Calls `look` whenever job `id` completes or fails, until `unwatch`. */
  watch(id: string, look: () => void): void {
    this.#waiting.set(id, (this.#waiting.get(id) ?? new Set()).add(look));
  }

  unwatch(id: string, look: () => void): void {
    const looks = this.#waiting.get(id);
    looks?.delete(look);
    if (looks?.size === 0) this.#waiting.delete(id);
  }

  /** Closes the events' connection, if it was opened; a later `open()` opens a new one. */
  async close(): Promise<void> {
    const opened = this.#events;
    this.#events = undefined;
    await opened?.then((events) => events.close());
  }
}
