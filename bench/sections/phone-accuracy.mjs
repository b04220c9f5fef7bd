/**
 * Phone accuracy: how often local validation is wrong, with libphonenumber-js
 * (`libphonenumber-js/max`, the full metadata) as the judge.
 *
 * The sample: seeded random numbers, a calling code then 4 to 12 random
 * digits. The code is drawn evenly from every calling code libphonenumber
 * knows and every unassigned one (the shortest 1 to 3-digit strings that
 * start no assigned code, such as +28 or +999), so each code weighs the same
 * however many digits it has.
 *
 * - False acceptance: of the numbers libphonenumber says are invalid for
 *   every type, the share `validatePhoneInput('+' + number)` accepts. Ours,
 *   and the vendor's 81-country table's (the rules before they were generated)
 *   on the same sample, the table evaluated by the small reference below.
 * - False refusal: of the numbers libphonenumber types MOBILE or
 *   FIXED_LINE_OR_MOBILE as written, the ones we refuse (the goal is none;
 *   the unit tests check every region's examples and 200 sampled mobiles per code).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { Random } from '../lib/prng.mjs';

const require = createRequire(import.meta.url);
const MOBILE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);
const VENDOR_TABLE = new URL('../../scripts/data/vendor-phone-rules.tsv', import.meta.url);

/** Every calling code libphonenumber knows, regions' and non-geographic ones. */
function assignedCodes() {
  const metadata = require('libphonenumber-js/metadata.max.json');
  return [...Object.keys(metadata.country_calling_codes), ...Object.keys(metadata.nonGeographic)];
}

/** The shortest digit strings (no leading 0) that are no calling code and start none. */
function unassignedCodes(assigned) {
  const taken = new Set(assigned);
  const out = [];
  const visit = (prefix) => {
    if (taken.has(prefix)) return;
    const startsOne = assigned.some((code) => code.startsWith(prefix));
    if (!startsOne) out.push(prefix);
    else if (prefix.length < 3) for (let d = 0; d <= 9; d++) visit(prefix + d);
  };
  for (let d = 1; d <= 9; d++) visit(String(d));
  return out;
}

/**
 * The vendor's table as its clients apply it: the longest of the first 3, 2,
 * 1 digits that is in the table picks the rule; a code it lacks passes on
 * length alone (7 to 15 digits); trunk zeros after the code are dropped when
 * the number fails as written.
 */
function vendorValidator() {
  const table = new Map();
  for (const line of readFileSync(VENDOR_TABLE, 'utf8').split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [code, , lengths, starts] = line.split('\t');
    table.set(code, { lengths: lengths.split(',').map(Number), starts: starts ? starts.split(',') : [] });
  }
  const fits = (local, rule) =>
    rule.lengths.includes(local.length) && (rule.starts.length === 0 || rule.starts.includes(local[0]));
  return (digits) => {
    if (digits.length < 7 || digits.length > 15) return false;
    const code = [3, 2, 1].map((n) => digits.slice(0, n)).find((prefix) => table.has(prefix));
    if (code === undefined) return true;
    const rule = table.get(code);
    const local = digits.slice(code.length);
    return fits(local, rule) || fits(local.replace(/^0+/, ''), rule);
  };
}

/**
 * @param {{ lib: { validatePhoneInput: (input: string) => readonly [boolean, string | null, string] }, seed: number, count: number, log: (line: string) => void }} ctx
 */
export function runPhoneAccuracy({ lib, seed, count, log }) {
  const assigned = assignedCodes();
  const unassigned = unassignedCodes(assigned);
  const codes = [...assigned, ...unassigned];
  const vendorAccepts = vendorValidator();
  const random = new Random(seed);
  log(`phone accuracy: ${count} random numbers over ${assigned.length} assigned and ${unassigned.length} unassigned codes`);
  const taken = new Set(assigned);
  // [all codes, assigned codes only]
  const invalid = [0, 0];
  const oursAccepted = [0, 0];
  const vendorAccepted = [0, 0];
  const count1 = (counter, isAssigned) => {
    counter[0]++;
    if (isAssigned) counter[1]++;
  };
  let mobiles = 0;
  const refused = [];
  const acceptedByCode = new Map();
  for (let i = 0; i < count; i++) {
    const code = random.pick(codes);
    const number = code + random.digits(random.int(4, 12));
    const parsed = parsePhoneNumberFromString(`+${number}`);
    const ours = lib.validatePhoneInput(`+${number}`)[0];
    if (parsed?.isValid()) {
      const standard = parsed.countryCallingCode + parsed.nationalNumber === number;
      if (standard && MOBILE_TYPES.has(parsed.getType() ?? '')) {
        mobiles++;
        if (!ours) refused.push(number);
      }
      continue;
    }
    const isAssigned = taken.has(code);
    count1(invalid, isAssigned);
    if (ours) {
      count1(oursAccepted, isAssigned);
      acceptedByCode.set(code, (acceptedByCode.get(code) ?? 0) + 1);
    }
    if (vendorAccepts(number)) count1(vendorAccepted, isAssigned);
  }
  const worstCodes = [...acceptedByCode].sort((a, b) => b[1] - a[1]).slice(0, 10);
  const shares = (counter) => ({ all: counter[0] / invalid[0], assigned: counter[1] / invalid[1] });
  return {
    count,
    invalid: { all: invalid[0], assigned: invalid[1] },
    ours: { accepted: oursAccepted[0], share: shares(oursAccepted) },
    vendor: { accepted: vendorAccepted[0], share: shares(vendorAccepted) },
    mobiles,
    refused: refused.slice(0, 20),
    refusedCount: refused.length,
    worstCodes,
  };
}
