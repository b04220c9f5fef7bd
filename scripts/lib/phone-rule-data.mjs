// The phone rules as data, before they are written out: for every calling
// code libphonenumber-js knows, the union of the vendor's rule and the
// lengths and leading digits of the numbers libphonenumber types MOBILE or
// FIXED_LINE_OR_MOBILE. Shared by the generator and by the checks that
// compare the generated file with what it was made from.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { lengthsAndPrefixes } from './regex-prefixes.mjs';

const require = createRequire(import.meta.url);

/** How many leading digits a prefix may have: the study's trade-off between size and false acceptance. */
export const PREFIX_DEPTH = 2;

/**
 * Two-digit prefixes are merged into their first digit once this many of its
 * ten are present. Measured (bench phone-accuracy, assigned codes): with 10
 * (no merging) the false acceptance is 0.9% and a browser bundle of
 * validatePhoneInput 5.3 KB gzip, over its 5 KB budget; with 4, 1.2% and
 * 0.1 KB less, just under it; with 3, 1.3% and 0.2 KB less, which leaves the
 * budget some room.
 * Merging only ever accepts more, never less; first digits are never merged
 * into "any start" unless all ten are there.
 */
export const MERGE_AT = 3;

/** English names of the codes that belong to no region (libphonenumber's '001'). */
const NON_GEOGRAPHIC_NAMES = {
  800: 'International Freephone',
  808: 'International Shared Cost',
  870: 'Inmarsat',
  878: 'Universal Personal Telecommunications',
  881: 'Global Mobile Satellite System',
  882: 'International Networks',
  883: 'International Networks',
  888: 'UN OCHA',
  979: 'International Premium Rate',
};

/** The vendor's table: calling code -> { name, lengths, starts } (starts `['']`: any first digit). */
export function readVendorTable(path) {
  const table = new Map();
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [code = '', name = '', lengths = '', starts = ''] = line.split('\t');
    table.set(code, {
      name,
      lengths: lengths.split(',').map(Number),
      starts: starts === '' ? [''] : starts.split(','),
    });
  }
  return table;
}

/** The libphonenumber-js version whose metadata is read. */
export function libphonenumberVersion() {
  return require('libphonenumber-js/package.json').version;
}

/**
 * The pattern and lengths of one region's mobile numbers: its MOBILE type, or
 * its FIXED_LINE type where MOBILE is absent or empty (libphonenumber then
 * types every fixed-line number FIXED_LINE_OR_MOBILE). Null: neither exists.
 */
function mobileDescription(region) {
  const [fixed, mobile] = region[11] ?? [];
  const type = mobile && mobile[0] ? mobile : !mobile || mobile[0] === '' ? fixed : undefined;
  if (!type || !type[0]) return null;
  return { pattern: type[0], lengths: type[1] ?? region[3] };
}

/**
 * A prefix set with every prefix that a shorter one covers removed, and
 * siblings merged into their parent once `mergeAt` of the ten are present
 * (10: only when all are, so nothing is added).
 */
export function compress(prefixes, mergeAt = 10) {
  let set = new Set(prefixes);
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of set) {
      if (p === '') continue;
      for (let k = 0; k < p.length; k++) {
        if (set.has(p.slice(0, k))) {
          set.delete(p);
          changed = true;
          break;
        }
      }
    }
    const byParent = new Map();
    for (const p of set) {
      if (p === '') continue;
      const parent = p.slice(0, -1);
      byParent.set(parent, (byParent.get(parent) ?? 0) + 1);
    }
    for (const [parent, count] of byParent) {
      // Merging first digits into 'any start' would give up a whole rule: only all ten do.
      if (count >= (parent === '' ? 10 : mergeAt)) {
        for (const d of '0123456789') set.delete(parent + d);
        set.add(parent);
        changed = true;
      }
    }
  }
  set = [...set];
  return set.sort();
}

/** Region code -> English name, from the committed table (scripts/data/region-names.tsv). */
function readRegionNames(path) {
  const names = new Map();
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [region = '', name = ''] = line.split('\t');
    names.set(region, name);
  }
  return names;
}

function englishName(region, names) {
  const name = names.get(region);
  if (name === undefined) throw new Error(`no English name for region ${region}: add it to scripts/data/region-names.tsv`);
  return name;
}

/**
 * Every calling code's rule: `{ code, name, regions, lengths: Map<length, prefixes[]> }`,
 * `prefixes` compressed, `['']` meaning any first digit; `lengths` empty for a
 * code with no mobile or fixed-line range (such numbers are refused).
 */
export function buildRules(vendorPath, regionNamesPath) {
  const metadata = require('libphonenumber-js/metadata.max.json');
  const vendor = readVendorTable(vendorPath);
  const names = readRegionNames(regionNamesPath);
  const rules = [];
  const codes = [
    ...Object.entries(metadata.country_calling_codes),
    ...Object.keys(metadata.nonGeographic).map((code) => [code, []]),
  ];
  for (const [code, regions] of codes) {
    const byLength = new Map();
    const add = (length, prefixes) => {
      let set = byLength.get(length);
      if (set === undefined) byLength.set(length, (set = new Set()));
      for (const p of prefixes) set.add(p);
    };
    const geographic = regions.filter((r) => r !== '001');
    if (geographic.length === 0 && metadata.nonGeographic[code] === undefined) throw new Error(`+${code} has no metadata`);
    const descriptions = geographic.length > 0
      ? geographic.map((r) => metadata.countries[r])
      : [metadata.nonGeographic[code]];
    for (const region of descriptions) {
      const mobile = mobileDescription(region);
      if (mobile === null) continue;
      for (const [length, prefixes] of lengthsAndPrefixes(mobile.pattern, PREFIX_DEPTH)) {
        if (mobile.lengths.includes(length)) add(length, prefixes);
      }
    }
    const own = vendor.get(code);
    if (own !== undefined) for (const length of own.lengths) add(length, own.starts);
    const lengths = new Map(
      [...byLength].sort(([a], [b]) => a - b).map(([length, prefixes]) => [length, compress(prefixes, MERGE_AT)]),
    );
    const name =
      own?.name ??
      (geographic.length > 0
        ? geographic.map((r) => englishName(r, names)).join('/')
        : NON_GEOGRAPHIC_NAMES[code] ?? `+${code}`);
    rules.push({ code, name, regions: geographic, lengths });
  }
  for (const code of vendor.keys()) {
    if (!rules.some((r) => r.code === code)) throw new Error(`vendor code +${code} is not in libphonenumber's metadata`);
  }
  return rules;
}
