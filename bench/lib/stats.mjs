/** Small numeric and formatting helpers shared by the sections. */
import { performance } from 'node:perf_hooks';
import process from 'node:process';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The spread of a set of samples around their median: the largest distance
 * of the fastest or slowest sample from the median, as a fraction of it.
 */
export function spread(values) {
  const m = median(values);
  if (m === 0) return 0;
  return Math.max(m - Math.min(...values), Math.max(...values) - m) / m;
}

/**
 * Summary of per-pass throughputs (ops/s). `cpuMedian` is the same figure
 * per second of process CPU time (user + system, all threads): unlike wall
 * time it does not count the time the process waited for a core, so on a
 * shared, busy machine it shows what an idle one would; on an idle machine it
 * reads a little lower than the wall figure, as GC helper threads add CPU time.
 */
export function summarize(rates, cpuRates = []) {
  return {
    median: median(rates),
    min: Math.min(...rates),
    max: Math.max(...rates),
    spread: spread(rates),
    passes: rates.length,
    cpuMedian: cpuRates.length > 0 ? median(cpuRates) : null,
    rates,
    cpuRates,
  };
}

/**
 * Times `pass()` (which does `opsPerPass` operations and returns a value that
 * is kept, so the work cannot be optimized away): warm-up passes until both
 * `warmup` passes and `warmupMs` have gone by, then `passes` timed passes.
 * Returns the ops/s of each timed pass.
 */
export function measure(pass, opsPerPass, { warmup = 3, warmupMs = 300, passes = 7, cpuRates = [] } = {}) {
  let sink = 0;
  const warmStart = performance.now();
  for (let i = 0; i < warmup || performance.now() - warmStart < warmupMs; i++) sink ^= keep(pass());
  const rates = [];
  for (let i = 0; i < passes; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    sink ^= keep(pass());
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    rates.push((opsPerPass * 1000) / ms);
    cpuRates.push((opsPerPass * 1e6) / Math.max(1, cpu.user + cpu.system));
  }
  globalThis.__benchSink = sink;
  return rates;
}

function keep(value) {
  return typeof value === 'number' ? value | 0 : value === undefined || value === null ? 0 : 1;
}

/** 1234567 -> '1.23 M/s' */
export function formatRate(perSecond) {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(0)} k/s`;
  return `${perSecond.toFixed(0)} /s`;
}

export function formatPercent(fraction, digits = 0) {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** Bytes as KB of 1,024 bytes, two decimals, as esbuild and tsup print them. */
export function formatKB(bytes) {
  return `${(bytes / 1024).toFixed(2)} KB`;
}

export function formatMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}
