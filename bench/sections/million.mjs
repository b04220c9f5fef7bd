/**
 * One send prepared for 1,000,000 numbers (prepareRecipients on the
 * comma-joined string, then chunk(valid, 200)), in a fresh child process
 * so the memory figures are this job's alone.
 */
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { median } from '../lib/stats.mjs';

const CHILD = fileURLToPath(new URL('./million-child.mjs', import.meta.url));

/** @param {{ count: number, seed: number, runs: number, log: (s: string) => void }} ctx */
export function runMillion({ count, seed, runs, log }) {
  log(`million: ${count} numbers, ${runs} run(s), child process with --expose-gc`);
  const out = execFileSync(process.execPath, ['--expose-gc', CHILD, String(count), String(seed), String(runs)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const report = JSON.parse(out.trim().split('\n').at(-1));
  const peakAbove = Math.max(...report.runs.map((r) => r.peakRss)) - report.baselineRss;
  const heapAbove = Math.max(...report.runs.map((r) => r.heapUsedAfter)) - report.baselineHeapUsed;
  const retainedAbove = Math.max(...report.runs.map((r) => r.heapRetained)) - report.baselineHeapUsed;
  return {
    ...report,
    medianMs: median(report.runs.map((r) => r.ms)),
    peakRssAboveBaseline: peakAbove,
    heapUsedAboveBaseline: heapAbove,
    heapRetainedAboveBaseline: retainedAbove,
  };
}
