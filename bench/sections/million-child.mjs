/**
 * Child process of the 1,000,000-number section (run with --expose-gc):
 * prepares one send to a million numbers and reports time and memory as one
 * JSON line on stdout. A worker thread samples the process's RSS every
 * millisecond, since the main thread is busy for the whole run.
 *
 * node --expose-gc bench/sections/million-child.mjs <count> <seed> <runs>
 */
import process from 'node:process';
import { setTimeout as delay } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { generatePhones } from '../lib/corpus.mjs';

const [count = 1_000_000, seed = 965, runs = 3] = process.argv.slice(2).map(Number);
const gc = globalThis.gc;
if (typeof gc !== 'function') throw new Error('run with --expose-gc');

const { prepareRecipients, chunk, phoneRules } = await import('../../dist/index.js');

const sampler = new Worker(
  `
  const { parentPort } = require('node:worker_threads');
  let peak = 0;
  setInterval(() => { const rss = process.memoryUsage.rss(); if (rss > peak) peak = rss; }, 1);
  parentPort.on('message', (m) => {
    if (m === 'reset') { peak = process.memoryUsage.rss(); parentPort.postMessage({ reset: true }); }
    if (m === 'read') parentPort.postMessage({ peak });
  });
  `,
  { eval: true },
);
const ask = (message) =>
  new Promise((resolve) => {
    sampler.once('message', resolve);
    sampler.postMessage(message);
  });

const joined = (() => {
  const phones = generatePhones(count, seed, phoneRules);
  return phones.join(',');
})();
// Flatten the joined string now so the first timed run does not pay for it.
joined.charCodeAt(joined.length >> 1);

const settle = async () => {
  gc();
  await delay(20);
  gc();
};

await settle();
const baseline = process.memoryUsage();
/** One timed run; the result goes out of scope on return, so the next run starts from the baseline. */
async function run() {
  await settle();
  await ask('reset');
  const t0 = performance.now();
  const recipients = prepareRecipients(joined);
  const batches = chunk(recipients.valid, 200);
  const ms = performance.now() - t0;
  const after = process.memoryUsage();
  const { peak } = await ask('read');
  // What the result itself holds: collect the garbage while it is still referenced.
  gc();
  const retained = process.memoryUsage().heapUsed;
  return {
    ms,
    peakRss: Math.max(peak, after.rss),
    heapUsedAfter: after.heapUsed,
    heapRetained: retained,
    valid: recipients.valid.length,
    invalid: recipients.invalid.length,
    duplicates: recipients.duplicates,
    batches: batches.length,
  };
}

const results = [];
for (let i = 0; i < runs; i++) results.push(await run());
await sampler.terminate();

process.stdout.write(
  `${JSON.stringify({
    count,
    baselineRss: baseline.rss,
    baselineHeapUsed: baseline.heapUsed,
    maxRssEver: process.resourceUsage().maxRSS * 1024,
    runs: results,
  })}\n`,
);
