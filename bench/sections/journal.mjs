/**
 * Journal overhead: the pacing section's bulk send (2,000 valid Kuwait numbers, 10 batches of 200,
 * request starts 500 ms apart, a local gateway answering after 50 ms) with and without
 * `fileJournal`, runs interleaved. The journal writes a plan, then for each batch a begin record
 * (flushed with fsync before the request) and an outcome record: the figure is how much that adds
 * to the wall time, which the gateway's pace still sets. Also: each batch's journal writes (begin +
 * outcome, open/write/fsync/close) and each fsync alone, medians. The file lives under
 * bench/results/ (the repository's disk, not a tmpfs where fsync costs nothing).
 */
import { mkdirSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median } from '../lib/stats.mjs';
import { startGateway } from './pacing.mjs';

const NUMBERS = 2000;
const BATCHES = 10;
const LATENCY_MS = 50;

/** Times every FileHandle.sync() (fsync) while `fn` runs. */
async function timingSyncs(fn) {
  const probe = fileURLToPath(new URL('../results/.fsync-probe', import.meta.url));
  closeSync(openSync(probe, 'w'));
  const handle = await open(probe, 'r');
  const proto = Object.getPrototypeOf(handle);
  await handle.close();
  rmSync(probe);
  const original = proto.sync;
  const syncs = [];
  proto.sync = async function timedSync() {
    const start = performance.now();
    try {
      return await original.call(this);
    } finally {
      syncs.push(performance.now() - start);
    }
  };
  try {
    return { value: await fn(), syncs };
  } finally {
    proto.sync = original;
  }
}

async function sendOnce(lib, numbers, journalPath) {
  const gateway = await startGateway(LATENCY_MS);
  const { port } = gateway.server.address();
  const sms = new lib.KwtSMS('u', 'p', { baseUrl: `http://127.0.0.1:${port}/` });
  const appends = [];
  let journal;
  if (journalPath !== undefined) {
    const file = lib.fileJournal(journalPath);
    journal = {
      read: () => file.read(),
      async append(record) {
        const start = performance.now();
        await file.append(record);
        appends.push({ record, ms: performance.now() - start });
      },
    };
  }
  const start = performance.now();
  const result = await sms.sendBulk(numbers, 'Bench: your code is 123456', journal === undefined ? {} : { journal });
  const wallMs = performance.now() - start;
  gateway.server.closeAllConnections();
  await new Promise((resolve) => gateway.server.close(resolve));
  const problems = [];
  const batches = Math.ceil(numbers.length / 200);
  if (result.result !== 'OK' || result.numbers !== numbers.length || result.batches !== batches) {
    problems.push(`result ${result.result} ${result.code ?? ''}: ${result.numbers} numbers in ${result.batches} batches`.trim());
  }
  if (gateway.starts.length !== batches) problems.push(`${gateway.starts.length} requests, expected ${batches}`);
  return { wallMs, appends, problems };
}

/**
 * @param {{ lib: object, numbers: string[], pairs: number, log: (s: string) => void }} ctx
 */
export async function runJournal({ lib, numbers, pairs, log }) {
  if (numbers.length !== NUMBERS) throw new Error(`journal needs ${NUMBERS} numbers`);
  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const without = [];
  const withJournal = [];
  const perBatch = [];
  const allSyncs = [];
  const problems = [];
  // The first send of a process pays for loading fetch: a warm-up send, so neither side of the first pair does.
  await sendOnce(lib, numbers.slice(0, 200), undefined);
  for (let pair = 0; pair < pairs; pair++) {
    log(`journal: pair ${pair + 1} of ${pairs}, 2 sends of about 4.6 s (without, then with fileJournal)`);
    const plain = await sendOnce(lib, numbers, undefined);
    without.push(plain.wallMs);
    problems.push(...plain.problems);
    const path = `${dir}journal-bench-${process.pid}.jsonl`;
    rmSync(path, { force: true });
    try {
      const { value: run, syncs } = await timingSyncs(() => sendOnce(lib, numbers, path));
      withJournal.push(run.wallMs);
      allSyncs.push(...syncs);
      problems.push(...run.problems);
      const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean).length;
      if (lines !== 1 + 2 * BATCHES) problems.push(`the journal has ${lines} lines, expected ${1 + 2 * BATCHES}`);
      for (let batch = 1; batch <= BATCHES; batch++) {
        const ms = run.appends.filter((a) => a.record.batch === batch).reduce((total, a) => total + a.ms, 0);
        perBatch.push(ms);
      }
    } finally {
      rmSync(path, { force: true });
    }
  }
  const withoutMs = median(without);
  const withMs = median(withJournal);
  return {
    withoutMs,
    withMs,
    overhead: withMs / withoutMs - 1,
    without,
    with: withJournal,
    perBatchWritesMs: median(perBatch),
    fsyncMs: median(allSyncs),
    fsyncs: allSyncs.length,
    problems,
  };
}
