#!/usr/bin/env node
/**
 * CPU profile of one pure helper on the bench corpus, with `node --cpu-prof`,
 * and a summary of the functions with the most self time.
 *
 *   node bench/profile.mjs <target> [--seconds 5] [--dir /tmp/kwtsms-prof] [--top 20] [--seed N]
 *   node bench/profile.mjs --summarize <file.cpuprofile> [--top 20]
 *
 * Targets: normalizePhone, validatePhoneInput, validateDedupe, cleanMessage,
 * messageInfo, sendPreparation (200,000 numbers), million (1,000,000 numbers).
 *
 * The corpus is generated here and handed to the profiled child as a JSON
 * file, so the profile holds the hot loop and not the generator. Function
 * names and lines refer to dist/index.js (tsup keeps names).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { generateMessages, generatePhones } from './lib/corpus.mjs';
import { DEFAULT_SEED } from './lib/prng.mjs';

const TARGETS = ['normalizePhone', 'validatePhoneInput', 'validateDedupe', 'cleanMessage', 'messageInfo', 'sendPreparation', 'million'];
const SELF = fileURLToPath(import.meta.url);

function option(args, name, fallback) {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
}

/** Self time per function, from a .cpuprofile. */
export function summarize(file, top = 20) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const perFile = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${basename(url)}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const bucket = url ? basename(url) : functionName.startsWith('(') ? functionName : '(native/builtin)';
    perFile.set(bucket, (perFile.get(bucket) ?? 0) + dt);
  }
  const lines = [`${basename(file)}: ${total.toFixed(0)} ms sampled`, '', 'self ms    self %  function (file:line)'];
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`${ms.toFixed(1).padStart(8)}  ${((ms / total) * 100).toFixed(1).padStart(6)}%  ${key}`);
  }
  lines.push('', 'by file:');
  for (const [key, ms] of [...perFile].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
    lines.push(`${ms.toFixed(1).padStart(8)}  ${((ms / total) * 100).toFixed(1).padStart(6)}%  ${key}`);
  }
  return lines.join('\n');
}

async function child(target, corpusFile, seconds) {
  const lib = await import('../dist/index.js');
  const data = JSON.parse(readFileSync(corpusFile, 'utf8'));
  const joined = data.phones?.join(',');
  const passes = {
    normalizePhone: () => {
      let n = 0;
      for (const p of data.phones) n += lib.normalizePhone(p).length;
      return n;
    },
    validatePhoneInput: () => {
      let n = 0;
      for (const p of data.phones) if (lib.validatePhoneInput(p)[0]) n++;
      return n;
    },
    validateDedupe: () => {
      const valid = [];
      for (const p of data.phones) {
        const r = lib.validatePhoneInput(p);
        if (r[0]) valid.push(r[2]);
      }
      return lib.deduplicatePhones(valid).length;
    },
    cleanMessage: () => {
      let n = 0;
      for (const m of data.messages) n += lib.cleanMessage(m).length;
      return n;
    },
    messageInfo: () => {
      let n = 0;
      for (const m of data.messages) n += lib.messageInfo(m).pages;
      return n;
    },
    sendPreparation: () => lib.chunk(lib.prepareRecipients(joined).valid, 200).length,
  };
  passes.million = passes.sendPreparation;
  const pass = passes[target];
  const end = performance.now() + seconds * 1000;
  let count = 0;
  let sink = 0;
  while (performance.now() < end || count < 3) {
    sink += pass();
    count++;
  }
  process.stdout.write(`${count} passes (${sink > 0 ? 'ok' : 'empty'})\n`);
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1], args[2], Number(args[3]));
  const top = Number(option(args, '--top', 20));
  if (args[0] === '--summarize') {
    console.log(summarize(args[1], top));
    return undefined;
  }
  const target = args[0];
  if (!TARGETS.includes(target)) {
    console.error(`usage: node bench/profile.mjs <${TARGETS.join('|')}> [--seconds 5] [--dir /tmp/kwtsms-prof] [--top 20]`);
    process.exit(2);
  }
  const seconds = Number(option(args, '--seconds', 5));
  const dir = option(args, '--dir', '/tmp/kwtsms-prof');
  const seed = Number(option(args, '--seed', DEFAULT_SEED));
  mkdirSync(dir, { recursive: true });
  const { phoneRules } = await import('../dist/index.js');
  const isMessage = target === 'cleanMessage' || target === 'messageInfo';
  const corpus = isMessage
    ? { messages: generateMessages(50_000, seed) }
    : { phones: generatePhones(target === 'million' ? 1_000_000 : 200_000, seed, phoneRules) };
  const corpusFile = join(dir, `${target}.corpus.json`);
  writeFileSync(corpusFile, JSON.stringify(corpus));
  const name = `${target}.cpuprofile`;
  const run = spawnSync(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}`, '--cpu-prof-interval=200', SELF, '--child', target, corpusFile, String(seconds)],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
  console.log(`${target}: ${run.stdout.trim()} in ~${seconds} s; profile ${join(dir, name)}`);
  console.log(summarize(join(dir, name), top));
  return undefined;
}

await main();
