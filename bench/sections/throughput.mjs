/**
 * Throughput of the pure helpers on the seeded corpus, with libphonenumber-js
 * measured in the same process on the same normalized numbers as the
 * reference. Passes of the benchmarks of one group are interleaved (one pass
 * of each in turn, with a full GC before each), so background load on a
 * shared machine falls on all of them alike and the ratios stay fair.
 */
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { fullGc } from '../lib/gc.mjs';
import { measure, summarize } from '../lib/stats.mjs';

let normalizePhone;
let validatePhoneInput;
let deduplicatePhones;
let cleanMessage;
let messageInfo;
let prepareRecipients;
let chunk;

// One loop function per benchmark, so each call site stays monomorphic.
function passNormalize(inputs) {
  let n = 0;
  for (let i = 0; i < inputs.length; i++) n += normalizePhone(inputs[i]).length;
  return n;
}

function passValidate(inputs) {
  let n = 0;
  for (let i = 0; i < inputs.length; i++) if (validatePhoneInput(inputs[i])[0]) n++;
  return n;
}

function passValidateDedupe(inputs) {
  const valid = [];
  for (let i = 0; i < inputs.length; i++) {
    const result = validatePhoneInput(inputs[i]);
    if (result[0]) valid.push(result[2]);
  }
  return deduplicatePhones(valid).length;
}

function passPrepare(joined) {
  const { valid, invalid } = prepareRecipients(joined);
  return chunk(valid, 200).length + invalid.length;
}

function passLpnParse(plus) {
  let n = 0;
  for (let i = 0; i < plus.length; i++) if (parsePhoneNumberFromString('+' + plus[i]) !== undefined) n++;
  return n;
}

function passLpnValid(plus) {
  let n = 0;
  for (let i = 0; i < plus.length; i++) if (isValidPhoneNumber('+' + plus[i])) n++;
  return n;
}

function passClean(messages) {
  let n = 0;
  for (let i = 0; i < messages.length; i++) n += cleanMessage(messages[i]).length;
  return n;
}

function passInfo(messages) {
  let n = 0;
  for (let i = 0; i < messages.length; i++) n += messageInfo(messages[i]).pages;
  return n;
}

/** Runs the benches of a group with interleaved passes; returns name -> summary. */
function runGroup(benches, { passes, warmup, warmupMs }) {
  const rates = new Map(benches.map((b) => [b.name, []]));
  const cpuRates = new Map(benches.map((b) => [b.name, []]));
  for (const bench of benches) {
    fullGc();
    measure(bench.pass, bench.ops, { warmup, warmupMs, passes: 0 });
  }
  for (let p = 0; p < passes; p++) {
    for (const bench of benches) {
      fullGc();
      const cpu = cpuRates.get(bench.name);
      rates.get(bench.name).push(...measure(bench.pass, bench.ops, { warmup: 0, warmupMs: 0, passes: 1, cpuRates: cpu }));
    }
  }
  return Object.fromEntries(benches.map((b) => [b.name, summarize(rates.get(b.name), cpuRates.get(b.name))]));
}

/** Where our validity and libphonenumber-js's agree, over every input of the corpus. */
function agreement(inputs, normalized, findCountryCode) {
  const counts = { both: 0, neither: 0, oursOnly: 0, theirsOnly: 0 };
  const samples = { oursOnly: [], theirsOnly: [] };
  const byCountry = { oursOnly: {}, theirsOnly: {} };
  for (let i = 0; i < inputs.length; i++) {
    const ours = validatePhoneInput(inputs[i])[0];
    const theirs = normalized[i] !== '' && isValidPhoneNumber('+' + normalized[i]);
    const key = ours && theirs ? 'both' : ours ? 'oursOnly' : theirs ? 'theirsOnly' : 'neither';
    counts[key]++;
    if (key === 'oursOnly' || key === 'theirsOnly') {
      if (samples[key].length < 12) samples[key].push(inputs[i]);
      const cc = findCountryCode(normalized[i]) ?? 'none';
      byCountry[key][cc] = (byCountry[key][cc] ?? 0) + 1;
    }
  }
  // [calling code, count] pairs, most frequent first (an object would re-sort numeric keys).
  const top = (counts) => Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 12);
  return {
    ...counts,
    total: inputs.length,
    agree: (counts.both + counts.neither) / inputs.length,
    samples,
    byCountry: { oursOnly: top(byCountry.oursOnly), theirsOnly: top(byCountry.theirsOnly) },
  };
}

/**
 * @param {{ lib: object, phones: string[], messages: string[], passes: number, warmup: number, warmupMs: number, log: (s: string) => void }} ctx
 */
export function runThroughput(ctx) {
  ({ normalizePhone, validatePhoneInput, deduplicatePhones, cleanMessage, messageInfo, prepareRecipients, chunk } = ctx.lib);
  const { phones, messages, log } = ctx;
  const normalized = phones.map((p) => normalizePhone(p));
  const joined = phones.join(',');
  const options = { passes: ctx.passes, warmup: ctx.warmup, warmupMs: ctx.warmupMs };

  log(`throughput: phones (${phones.length} inputs, ${options.passes} passes, libphonenumber-js interleaved)`);
  const phoneResults = runGroup(
    [
      { name: 'normalizePhone', pass: () => passNormalize(phones), ops: phones.length },
      { name: 'validatePhoneInput', pass: () => passValidate(phones), ops: phones.length },
      { name: 'validateDedupe', pass: () => passValidateDedupe(phones), ops: phones.length },
      { name: 'sendPreparation', pass: () => passPrepare(joined), ops: phones.length },
      { name: 'lpnParse', pass: () => passLpnParse(normalized), ops: normalized.length },
      { name: 'lpnIsValid', pass: () => passLpnValid(normalized), ops: normalized.length },
    ],
    options,
  );

  log(`throughput: messages (${messages.length} messages)`);
  const messageResults = runGroup(
    [
      { name: 'cleanMessage', pass: () => passClean(messages), ops: messages.length },
      { name: 'messageInfo', pass: () => passInfo(messages), ops: messages.length },
    ],
    options,
  );

  log('throughput: validity agreement with libphonenumber-js');
  return { ...phoneResults, ...messageResults, agreement: agreement(phones, normalized, ctx.lib.findCountryCode) };
}
