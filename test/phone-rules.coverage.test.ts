// The generated table against libphonenumber itself, as users' numbers meet
// it: no number libphonenumber types MOBILE or FIXED_LINE_OR_MOBILE may be
// refused. libphonenumber is the oracle here; the table's own code is not.
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import metadata from 'libphonenumber-js/metadata.max.json';
import { describe, expect, it } from 'vitest';
import { Random } from '../bench/lib/prng.mjs';
import { validatePhoneInput } from '../src/phone.js';
import { countryNames, phoneRules } from '../src/phone-rules.js';

const SEED = 20_261_205;
const MIN_SAMPLES = 200;
const MOBILE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

/** A region's or non-geographic code's entry in the max metadata: [code, ..., possible lengths at 3]. */
type Entry = readonly [string, unknown, unknown, readonly number[], ...unknown[]];
const countries = metadata.countries as unknown as Record<string, Entry>;
const nonGeographic = metadata.nonGeographic as unknown as Record<string, Entry>;

/** Every calling code libphonenumber knows, with its regions (none for +800 and the like). */
const CODES: [code: string, regions: string[]][] = [
  ...Object.entries(metadata.country_calling_codes as Record<string, string[]>),
  ...Object.keys(nonGeographic).map((code): [string, string[]] => [code, []]),
];

/**
 * Whether libphonenumber reads `+code national` as that very number (not a
 * rewritten national variant) and types it MOBILE or FIXED_LINE_OR_MOBILE.
 */
function isMobile(code: string, national: string): boolean {
  const parsed = parsePhoneNumberFromString(`+${code}${national}`);
  return (
    parsed !== undefined &&
    parsed.countryCallingCode === code &&
    parsed.nationalNumber === national &&
    MOBILE_TYPES.has(parsed.getType() ?? '')
  );
}

function lengthsOf(code: string, regions: readonly string[]): number[] {
  const entries = regions.length > 0 ? regions.map((r) => countries[r]) : [nonGeographic[code]];
  return [...new Set(entries.flatMap((entry) => entry?.[3] ?? []))];
}

/**
 * Distinct national numbers libphonenumber types as mobile, found by
 * mutating the regions' example numbers (the tail replaced by random
 * digits) and by walking every 2-digit prefix, then every 3-digit one while
 * fewer than MIN_SAMPLES are found, at each possible length: sparse ranges
 * far from the examples are reached too. Small plans are then filled up by
 * mutating the numbers found.
 */
function sampleMobiles(code: string, regions: readonly string[]): Set<string> {
  const random = new Random(SEED + Number(code));
  const found = new Set<string>();
  const tryNumber = (national: string) => {
    if (!found.has(national) && isMobile(code, national)) found.add(national);
  };
  const seeds = regions.map((r) => (examples as Record<string, string | undefined>)[r]).filter((e) => e !== undefined);
  for (const seed of seeds) {
    for (let i = 0; i < 300; i++) {
      const keep = random.int(0, seed.length - 1);
      tryNumber(seed.slice(0, keep) + random.digits(seed.length - keep));
    }
  }
  const lengths = lengthsOf(code, regions);
  for (const width of [2, 3]) {
    if (width === 3 && found.size >= MIN_SAMPLES) break;
    for (let prefix = 0; prefix < 10 ** width; prefix++) {
      const start = String(prefix).padStart(width, '0');
      for (const length of lengths) {
        if (length > width) tryNumber(start + random.digits(length - width));
      }
    }
  }
  for (let attempt = 0; attempt < 50_000 && found.size > 0 && found.size < MIN_SAMPLES; attempt++) {
    const seed = random.pick([...found]);
    const keep = random.int(1, seed.length - 1);
    tryNumber(seed.slice(0, keep) + random.digits(seed.length - keep));
  }
  return found;
}

describe('every region of libphonenumber', () => {
  it.each(getCountries().map((region) => [region, getCountryCallingCode(region)]))(
    '%s (+%s) has a rule and a name',
    (_region, code) => {
      expect(phoneRules[code]?.localLengths.length).toBeGreaterThan(0);
      expect(countryNames[code]).toMatch(/\S/);
    },
  );

  it.each(Object.entries(examples as Record<string, string>))('%s example mobile %s passes', (region, national) => {
    const code = getCountryCallingCode(region as Parameters<typeof getCountryCallingCode>[0]);
    expect(validatePhoneInput(`+${code}${national}`)).toEqual([true, null, `${code}${national}`]);
  });
});

describe(`sampled mobiles (seed ${String(SEED)})`, () => {
  const withMobiles = CODES.filter(([code]) => (phoneRules[code]?.localLengths.length ?? 0) > 0);

  it.each(withMobiles)(`+%s: at least ${String(MIN_SAMPLES)} mobiles, every one accepted`, (code, regions) => {
    const mobiles = sampleMobiles(code, regions);
    expect(mobiles.size).toBeGreaterThanOrEqual(MIN_SAMPLES);
    const refused = [...mobiles].filter((national) => !validatePhoneInput(`+${code}${national}`)[0]);
    expect(refused).toEqual([]);
  });
});

describe('codes with no mobile numbers', () => {
  it('are exactly the non-geographic ones with no mobile or fixed-line range', () => {
    const none = CODES.filter(([code]) => phoneRules[code]?.localLengths.length === 0).map(([code]) => code);
    expect(none).toEqual(['800', '808', '878', '883', '888', '979']);
  });

  it.each([
    ['+800 1234 5678', 'Invalid International Freephone number: +800 numbers are not mobile numbers', '80012345678'],
    ['+808 1234 5678', 'Invalid International Shared Cost number: +808 numbers are not mobile numbers', '80812345678'],
    ['+979 123456789', 'Invalid International Premium Rate number: +979 numbers are not mobile numbers', '979123456789'],
  ])('%j is refused: %s', (input, error, normalized) => {
    expect(validatePhoneInput(input)).toEqual([false, error, normalized]);
  });

  it('and none of their sampled numbers is a mobile for libphonenumber either', () => {
    for (const code of ['800', '808', '878', '883', '888', '979']) {
      expect(sampleMobiles(code, []).size, `+${code}`).toBe(0);
    }
  });
});

describe('false acceptance', () => {
  it('accepts at most 1.5% of random numbers that libphonenumber calls invalid', () => {
    // The bench's measure, on a smaller sample: a calling code in use, then 4 to 12 random digits.
    const random = new Random(SEED);
    const codes = CODES.map(([code]) => code);
    let invalid = 0;
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const number = random.pick(codes) + random.digits(random.int(4, 12));
      const parsed = parsePhoneNumberFromString(`+${number}`);
      if (parsed?.isValid()) continue;
      invalid++;
      if (validatePhoneInput(`+${number}`)[0]) accepted++;
    }
    expect(invalid).toBeGreaterThan(15_000);
    expect(accepted / invalid).toBeLessThanOrEqual(0.015);
  });
});
