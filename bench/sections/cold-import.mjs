/**
 * Cold import: wall time of a fresh `node` running a module that imports the
 * package, against one running an empty module. Runs are interleaved (and
 * the order flipped every round) so background load hits both alike; the
 * figure is the difference of the medians. The in-process `import()` time is
 * measured as a cross-check that background load cannot inflate as much.
 */
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median } from '../lib/stats.mjs';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const EMPTY = fixture('empty.mjs');
const IMPORT = fixture('import.mjs');
const TIMED = fixture('import-timed.mjs');
const CPU_REPORT = fixture('cpu-report.cjs');

/** Wall time of one fresh `node file`, and its CPU time when `withCpu` (via the preloaded reporter). */
function wallMs(file, withCpu = false) {
  const args = withCpu ? ['--require', CPU_REPORT, file] : [file];
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`${file} exited with ${child.status}: ${child.stderr}`);
  const stdout = child.stdout.toString();
  const cpu = /cpu-us (\d+)/.exec(stdout);
  return { ms, cpuMs: cpu ? Number(cpu[1]) / 1000 : null, stdout };
}

/** @param {{ runs: number, log: (s: string) => void }} ctx */
export function runColdImport({ runs, log }) {
  log(`import: ${runs} fresh processes each, interleaved`);
  // Warm the file-system cache and the binary's pages first.
  wallMs(EMPTY);
  wallMs(IMPORT);
  const empty = [];
  const imported = [];
  const emptyCpu = [];
  const importedCpu = [];
  const inProcess = [];
  const one = (file, wall, cpu) => {
    const r = wallMs(file, true);
    wall.push(r.ms);
    cpu.push(r.cpuMs);
  };
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      one(EMPTY, empty, emptyCpu);
      one(IMPORT, imported, importedCpu);
    } else {
      one(IMPORT, imported, importedCpu);
      one(EMPTY, empty, emptyCpu);
    }
    inProcess.push(Number(wallMs(TIMED).stdout));
  }
  const emptyMedian = median(empty);
  const importMedian = median(imported);
  return {
    runs,
    emptyMedianMs: emptyMedian,
    importMedianMs: importMedian,
    differenceMs: importMedian - emptyMedian,
    emptyCpuMedianMs: median(emptyCpu),
    importCpuMedianMs: median(importedCpu),
    cpuDifferenceMs: median(importedCpu) - median(emptyCpu),
    inProcessImportMedianMs: median(inProcess),
    empty,
    imported,
    emptyCpu,
    importedCpu,
    inProcess,
  };
}
