/**
 * A worker process for the tests: a KwtSMS on the recording gateway and one queue worker.
 * Configured by environment: REDIS_PORT, GATEWAY_URL, QUEUE, GAP_MS, RETRY_MS (comma list),
 * SENDER, WORKER_OPTIONS (JSON). Says `ready` on IPC once its worker listens; closes on SIGTERM.
 */
import process from 'node:process';
import { KwtSMS } from '../../src/index.js';
import { createSmsQueue } from '../../src/bullmq/index.js';

const env = process.env;
const sms = new KwtSMS('user', 'secret', {
  baseUrl: env.GATEWAY_URL ?? '',
  senderId: env.SENDER ?? 'KWT-SMS',
  timeoutMs: 30_000,
  // Tells the test when each request left this process, to tell the two sides' delays apart.
  fetch: (input, init) => {
    const first = typeof init?.body === 'string' ? (/"mobile":"(\d+)/.exec(init.body)?.[1] ?? '') : '';
    process.send?.({ fetchAt: performance.timeOrigin + performance.now(), first });
    return fetch(input, init);
  },
});
const queue = createSmsQueue({
  connection: { host: '127.0.0.1', port: Number(env.REDIS_PORT), maxRetriesPerRequest: null },
  name: env.QUEUE ?? 'kwtsms',
  gapMs: Number(env.GAP_MS ?? 500),
  retryDelaysMs: (env.RETRY_MS ?? '').split(',').filter(Boolean).map(Number),
});
const worker = queue.createWorker(sms, JSON.parse(env.WORKER_OPTIONS ?? '{}') as Record<string, number>);
for (const each of [worker.batches, worker.sends]) {
  each.on('error', () => {});
  each.on('active', (job) => process.send?.({ activeAt: performance.timeOrigin + performance.now(), job: job.id }));
}
await worker.waitUntilReady();
process.send?.('ready');
process.on('SIGTERM', () => {
  void Promise.all([worker.close(), queue.close()]).finally(() => process.exit(0));
});
