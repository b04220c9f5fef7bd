/**
 * Phone number normalization and local validation: pure functions over
 * strings and the country table in `phone-rules.ts`. They run on every
 * number of every send, so the common path is plain loops over char codes,
 * bit masks and array slots, with no regular expression and no allocation
 * beyond the result.
 */

import { countryNames, phoneRules, type PhoneRule } from './phone-rules.js';

/**
 * A country table: calling code (1 to 3 digits) -> rule, shaped like
 * {@link phoneRules}. A table is indexed the first time it is used and read
 * as it was then, like the frozen default: build a new object rather than
 * changing one already passed in.
 */
export type PhoneRules = Readonly<Record<string, PhoneRule>>;

/** Options of {@link normalizePhone} and {@link validatePhoneInput}. */
export interface NormalizePhoneOptions {
  /**
   * Calling code (1 to 3 digits, e.g. `'965'`) given to numbers written
   * without one: `'9876 5432'` becomes `'96598765432'`. See
   * {@link normalizePhone} for how a local number is told from one that
   * already carries its code.
   * @default undefined: numbers must carry their country code.
   */
  defaultCountryCode?: string | undefined;
}

/** `[valid, error, normalized]`: `error` is null exactly when `valid` is true. */
export type PhoneInputResult = readonly [valid: boolean, error: string | null, normalized: string];

/** `[valid, error]`: `error` is null exactly when `valid` is true. */
export type PhoneFormatResult = readonly [valid: boolean, error: string | null];

/** Digits in a whole number, calling code included: the contract's minimum and E.164's maximum. */
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;

const ZERO = 48; // '0'
const NINE = 57; // '9'
const ARABIC_ZERO = 0x0660; // '٠', Arabic-Indic
const PERSIAN_ZERO = 0x06f0; // '۰', Extended Arabic-Indic (Persian, Urdu)

/**
 * Exactly one zero digit (Latin, Arabic or Persian) before the first other
 * digit, as in `'0 9876 5432'`: a trunk prefix that marks a local number.
 */
const ONE_LEADING_ZERO =
  /^[^0-9\u0660-\u0669\u06f0-\u06f9]*[0\u0660\u06f0][^0-9\u0660-\u0669\u06f0-\u06f9]*(?:[1-9\u0661-\u0669\u06f1-\u06f9]|$)/;

// Shared, frozen: the valid answer is by far the most common, so it costs no allocation.
const FORMAT_OK: PhoneFormatResult = /* @__PURE__ */ Object.freeze([true, null] as const);

/** One calling code of a table, ready for matching. */
interface Country {
  readonly code: string;
  readonly rule: PhoneRule;
  /**
   * Bit n set: n digits after the code are allowed. Checking a bit is much
   * faster than `includes`; lengths from 31 on (none in a real plan) are
   * looked up in the rule instead.
   */
  readonly lengths: number;
  /**
   * Bit d set: a mobile number may start with the digit d; -1 when any start
   * is allowed. Starts that are not one digit (none in the shipped table) are
   * looked up in the rule.
   */
  readonly starts: number;
  /** Error messages by count of digits after the code, made when first needed. */
  readonly errors: string[];
}

/**
 * Countries at slot `Number('1' + code)`: 10-19 for 1-digit codes, 100-199
 * for 2-digit and 1000-1999 for 3-digit ones, so a lookup is arithmetic on
 * char codes instead of slicing substrings out of every number.
 */
type CountryIndex = readonly (Country | undefined)[];

function isCallingCode(code: string): boolean {
  return /^\d{1,3}$/.test(code);
}

function buildIndex(rules: PhoneRules): CountryIndex {
  // Filled, so the array stays a fast one whatever slots are used.
  const index = new Array<Country | undefined>(2000).fill(undefined);
  for (const code of Object.keys(rules)) {
    const rule = rules[code];
    // Keys that are not calling codes can never match a number: skip them.
    if (rule === undefined || !isCallingCode(code)) continue;
    let lengths = 0;
    // `length & 31` equals length only for the integers 0 to 31; 31 itself is never read from the mask.
    for (const length of rule.localLengths) if (length === (length & 31)) lengths |= 1 << length;
    const digits = rule.mobileStartDigits ?? [];
    // -1 has every bit set, and OR-ing digits into it changes nothing.
    let starts = digits.length === 0 || digits.includes('') ? -1 : 0;
    for (const digit of digits) if (/^\d$/.test(digit)) starts |= 1 << Number(digit);
    index[Number('1' + code)] = { code, rule, lengths, starts, errors: [] };
  }
  return index;
}

const defaultIndex = /* @__PURE__ */ buildIndex(phoneRules);
// Custom tables (tests, a caller's extra countries) are indexed once each.
const customIndexes = /* @__PURE__ */ new WeakMap<PhoneRules, CountryIndex>();

function indexFor(rules: PhoneRules): CountryIndex {
  if (rules === phoneRules) return defaultIndex;
  let index = customIndexes.get(rules);
  if (index === undefined) {
    index = buildIndex(rules);
    customIndexes.set(rules, index);
  }
  return index;
}

/** The country whose code is the longest of the number's first 3, 2 or 1 digits. */
function countryOf(number: string, index: CountryIndex): Country | undefined {
  let found: Country | undefined;
  let slot = 1;
  for (let i = 0; i < 3; i++) {
    // charCodeAt past the end is NaN, which fails the range test.
    const digit = number.charCodeAt(i) - ZERO;
    if (!(digit >= 0 && digit <= 9)) break;
    slot = slot * 10 + digit;
    found = index[slot] ?? found;
  }
  return found;
}

/** Whether the digits after `at` have an allowed length and start. */
function fitsRule(number: string, at: number, country: Country): boolean {
  const local = number.length - at;
  const { rule, starts } = country;
  if (local < 31 ? ((country.lengths >> local) & 1) === 0 : !rule.localLengths.includes(local)) return false;
  const digit = number.charCodeAt(at) - ZERO;
  if (starts === -1 || (digit >= 0 && digit <= 9 && ((starts >> digit) & 1) === 1)) return true;
  for (const start of rule.mobileStartDigits ?? []) if (number.startsWith(start, at)) return true;
  return false;
}

/** A number of a country in the table that passes that country's rule as written. */
function isKnownValid(number: string, index: CountryIndex): boolean {
  const country = countryOf(number, index);
  return country !== undefined && fitsRule(number, country.code.length, country);
}

/**
 * The digits of `input`, Arabic-Indic and Persian ones made Latin, without
 * the leading zeros (`'00965...'` is `'965...'`). Runs of ASCII digits are
 * sliced whole, and a number typed as one run comes back as a single slice.
 */
function digitsOf(input: string): string {
  let out = '';
  let run = -1; // where the current run of kept ASCII digits started; -1 outside one
  const length = input.length;
  for (let i = 0; i < length; i++) {
    const c = input.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      if (run < 0 && (c !== ZERO || out !== '')) run = i;
      continue;
    }
    if (run >= 0) {
      out += input.slice(run, i);
      run = -1;
    }
    // Both blocks start at a code point ending in 0, so the low 4 bits are the digit.
    if (((c - ARABIC_ZERO) >>> 0 < 10 || (c - PERSIAN_ZERO) >>> 0 < 10) && ((c & 15) !== 0 || out !== '')) {
      out += String.fromCharCode(ZERO + (c & 15));
    }
  }
  if (run < 0) return out;
  return out === '' ? (run === 0 ? input : input.slice(run)) : out + input.slice(run);
}

/**
 * Drops domestic trunk zeros written after the calling code ('966 0 55...'),
 * but only from a number that fails its country's rule as written: Ivory
 * Coast numbers really start with 0 after +225 and must keep it. Repeats
 * until nothing changes, so the result is a fixed point and normalizing twice
 * changes nothing, even with a table where one code prefixes another.
 */
function stripTrunkZeros(digits: string, index: CountryIndex): string {
  let number = digits;
  for (;;) {
    const country = countryOf(number, index);
    if (country === undefined) return number;
    const at = country.code.length;
    if (fitsRule(number, at, country)) return number;
    let end = at;
    while (number.charCodeAt(end) === ZERO) end++;
    if (end === at) return number;
    number = number.slice(0, at) + number.slice(end);
  }
}

/** The `defaultCountryCode` option, checked: a bad one is a programmer error. */
function defaultCountryCodeOf(options: NormalizePhoneOptions | undefined): string | undefined {
  const code: unknown = options?.defaultCountryCode;
  if (code === undefined) return undefined;
  if (typeof code !== 'string' || !isCallingCode(code)) {
    throw new TypeError(`defaultCountryCode must be 1 to 3 digits such as '965', got ${JSON.stringify(code)}`);
  }
  return code;
}

/**
 * The number with `code` added when it reads as a local number of that
 * country; see {@link normalizePhone}. `trunk`: the input had exactly one
 * leading zero.
 */
function withDefaultCountry(digits: string, trunk: boolean, code: string, index: CountryIndex): string {
  const home = index[Number('1' + code)];
  // Without a rule nothing tells a local number from an international one.
  if (home === undefined) return stripTrunkZeros(digits, index);
  if (trunk || !isKnownValid(digits, index)) {
    if (fitsRule(digits, 0, home)) return code + digits;
    // Where the 0 belongs to the local number (Ivory Coast '07 12 34 56 78').
    if (trunk && fitsRule('0' + digits, 0, home)) return code + '0' + digits;
  }
  const stripped = stripTrunkZeros(digits, index);
  // Had trunk stripping turned a malformed number into a local-looking one,
  // normalizing the result again would add the code to it: keep it as written.
  if (stripped !== digits && !isKnownValid(stripped, index) && fitsRule(stripped, 0, home)) return digits;
  return stripped;
}

/** `input` must be a string: anything else is a programmer error. */
function checkString(fn: string, input: unknown): void {
  if (typeof input !== 'string') throw new TypeError(`${fn}: input must be a string, got ${typeof input}`);
}

/**
 * Normalizes a phone number to the digits the gateway expects: country code
 * first, no `+`, no `00`, no spaces or punctuation.
 *
 * Steps: Arabic-Indic (U+0660-0669) and Persian (U+06F0-06F9) digits become
 * Latin; every other non-digit is dropped; leading zeros are dropped
 * (`00965...` -> `965...`). Then, when the number fails its country's rule
 * as written and the digits after the country code start with zeros (a
 * domestic trunk prefix: `966 0 55...`), those zeros are dropped, whether or
 * not the shorter number then passes. A number that already passes is kept
 * as it is, so Ivory Coast `2250712345678` keeps its 0. The result is a
 * fixed point: `normalizePhone(normalizePhone(x)) === normalizePhone(x)`.
 * It never throws on a string; a string with no digits gives `''`.
 *
 * With `defaultCountryCode` (say `'965'`), a number that reads as a local
 * number of that country gets the code: its digits (leading zeros dropped)
 * have one of the country's lengths and an allowed first digit, as
 * `'98765432'`, `'9876 5432'` or `'098765432'` do. Where a number could be
 * both (a 10-digit Indian `9613456789` is also a valid Lebanese
 * `+961 3456789`), a number that is valid as written for a country in the
 * table is taken as international and left alone, unless it is written with
 * a single leading trunk `0` (`09613456789`), which marks it as local. No
 * 8- or 9-digit number is valid as written in the table, so for the Gulf
 * countries there is no such case. A `+` or `00` does not stop an invalid
 * number from being read as local. Numbers that already carry their code
 * (`'96598765432'`, `'447911123456'`) are left alone, and the result is again
 * a fixed point. A code with no rule in the table changes nothing.
 *
 * @param input - The number as the user typed it.
 * @param options - `defaultCountryCode`, for numbers typed without a country code.
 * @param rules - The country table; {@link phoneRules} unless a test passes its own.
 * @returns ASCII digits only; `''` when the input holds no digit other than leading zeros.
 * @throws TypeError when `input` is not a string or `defaultCountryCode` is not 1 to 3 digits.
 *
 * @example
 * ```ts
 * import { normalizePhone } from 'kwtsms';
 * normalizePhone('+965 9876-5432');  // '96598765432'
 * normalizePhone('٠٠٩٦٥٩٨٧٦٥٤٣٢');   // '96598765432'
 * normalizePhone('+966 05 5987 6543'); // '966559876543' (trunk 0 dropped)
 * normalizePhone('9876 5432', { defaultCountryCode: '965' }); // '96598765432'
 * ```
 */
export function normalizePhone(
  input: string,
  options?: NormalizePhoneOptions,
  rules: PhoneRules = phoneRules,
): string {
  checkString('normalizePhone', input);
  return normalize(input, defaultCountryCodeOf(options), indexFor(rules));
}

function normalize(input: string, defaultCode: string | undefined, index: CountryIndex): string {
  const digits = digitsOf(input);
  if (defaultCode === undefined) return stripTrunkZeros(digits, index);
  return withDefaultCountry(digits, ONE_LEADING_ZERO.test(input), defaultCode, index);
}

/**
 * Finds the calling code a normalized number starts with: the longest of its
 * first 3, 2 or 1 digits that is in the table.
 *
 * @param normalized - A number as {@link normalizePhone} returns it.
 * @param rules - The country table; {@link phoneRules} unless a test passes its own.
 * @returns The calling code, or null when no prefix of the number is in the table.
 *
 * @example
 * ```ts
 * import { findCountryCode } from 'kwtsms';
 * findCountryCode('96598765432');  // '965'
 * findCountryCode('201012345678'); // '20'
 * findCountryCode('9991234567');   // null
 * ```
 */
export function findCountryCode(normalized: string, rules: PhoneRules = phoneRules): string | null {
  return countryOf(normalized, indexFor(rules))?.code ?? null;
}

/** '8', '7 or 8', '9, 10, 11 or 12'. */
function listLengths(lengths: readonly number[]): string {
  return lengths.join(', ').replace(/, (?=[^,]*$)/, ' or ') || '0';
}

/**
 * Checks a normalized number against its country's rule: the count of digits
 * after the calling code and, for countries that list them, the digit a
 * mobile number starts with. Numbers whose calling code is not in the table pass.
 *
 * Errors name the country (`+code` for a code {@link countryNames} lacks);
 * several allowed lengths read `expected 7 or 8 digits`.
 *
 * @param normalized - A number as {@link normalizePhone} returns it.
 * @param rules - The country table; {@link phoneRules} unless a test passes its own.
 * @returns `[true, null]`, or `[false, message]` such as
 *   `'Invalid Kuwait number: expected 8 digits after +965, got 7'` or
 *   `'Invalid Kuwait mobile number: after +965 must start with 4, 5, 6, 9'`.
 *
 * @example
 * ```ts
 * import { validatePhoneFormat } from 'kwtsms';
 * validatePhoneFormat('96598765432'); // [true, null]
 * validatePhoneFormat('96512345678'); // [false, 'Invalid Kuwait mobile number: after +965 must start with 4, 5, 6, 9']
 * ```
 */
export function validatePhoneFormat(normalized: string, rules: PhoneRules = phoneRules): PhoneFormatResult {
  const country = countryOf(normalized, indexFor(rules));
  if (country === undefined || fitsRule(normalized, country.code.length, country)) return FORMAT_OK;
  const { code, rule, errors } = country;
  const local = normalized.length - code.length;
  // A long list repeats the same few hundred messages: each is made once.
  const name = countryNames[code] ?? `+${code}`;
  return [
    false,
    (errors[local] ??= rule.localLengths.includes(local)
      ? `Invalid ${name} mobile number: after +${code} must start with ${(rule.mobileStartDigits ?? []).join(', ')}`
      : `Invalid ${name} number: expected ${listLengths(rule.localLengths)} digits after +${code}, got ${local}`),
  ];
}

/**
 * Validates what a user typed as a phone number, before any request:
 * normalizes it, then checks it is not empty or an email address, has 7 to
 * 15 digits, and fits its country's rule ({@link validatePhoneFormat}).
 *
 * Messages quote the input as given (trimmed); digit counts are after
 * normalization. An input whose only digits are zeros (`'000'`) normalizes
 * to `''` and is reported as too short (0 digits), not as having no digits.
 *
 * @param input - The number as the user typed it.
 * @param options - `defaultCountryCode`, as for {@link normalizePhone}.
 * @param rules - The country table; {@link phoneRules} unless a test passes its own.
 * @returns `[valid, error, normalized]`: `error` is null when valid; `normalized`
 *   is `normalizePhone(input, options)`, or `''` for an email address.
 * @throws TypeError when `input` is not a string or `defaultCountryCode` is not 1 to 3 digits.
 *
 * @example
 * ```ts
 * import { validatePhoneInput } from 'kwtsms';
 * validatePhoneInput('+965 9876 5432'); // [true, null, '96598765432']
 * validatePhoneInput('123');            // [false, "'123' is too short (3 digits, minimum is 7)", '123']
 * validatePhoneInput('a@b.com');        // [false, "'a@b.com' is an email address, not a phone number", '']
 * ```
 */
export function validatePhoneInput(
  input: string,
  options?: NormalizePhoneOptions,
  rules: PhoneRules = phoneRules,
): PhoneInputResult {
  checkString('validatePhoneInput', input);
  // Checked before anything else, so a bad option fails on the first number whatever it is.
  const defaultCode = defaultCountryCodeOf(options);
  const trimmed = input.trim();
  if (trimmed === '') return [false, 'Phone number is required', ''];
  if (trimmed.includes('@')) return [false, `'${trimmed}' is an email address, not a phone number`, ''];
  const index = indexFor(rules);
  const normalized = normalize(trimmed, defaultCode, index);
  // '' also comes from zeros only ('000'): that is too short, not digitless.
  if (normalized === '' && !/[0\u0660\u06f0]/.test(trimmed)) {
    return [false, `'${trimmed}' is not a valid phone number, no digits found`, ''];
  }
  const count = normalized.length;
  if (count < MIN_DIGITS) {
    return [false, `'${trimmed}' is too short (${count} digits, minimum is ${MIN_DIGITS})`, normalized];
  }
  if (count > MAX_DIGITS) {
    return [false, `'${trimmed}' is too long (${count} digits, maximum is ${MAX_DIGITS})`, normalized];
  }
  const format = validatePhoneFormat(normalized, rules);
  return [format[0], format[1], normalized];
}

/**
 * Removes repeated numbers, keeping the first of each in its place. Numbers
 * are compared as given, so normalize them first: `'+96598765432'` and
 * `'96598765432'` are different strings.
 *
 * @param phones - Numbers, ideally normalized; never modified.
 * @returns A new array.
 *
 * @example
 * ```ts
 * import { deduplicatePhones } from 'kwtsms';
 * deduplicatePhones(['96598765432', '96550000000', '96598765432']); // ['96598765432', '96550000000']
 * ```
 */
export function deduplicatePhones(phones: readonly string[]): string[] {
  return [...new Set(phones)];
}

/**
 * Masks a phone number for logs and screens: the first 4 and last 3
 * characters stay, the rest become `*`. Anything shorter than 7 characters
 * becomes `'****'`; a 7-character one has no middle and shows whole.
 *
 * @param phone - A number, normalized or not.
 * @returns The masked number, as long as the input (or `'****'`).
 *
 * @example
 * ```ts
 * import { maskPhone } from 'kwtsms';
 * maskPhone('96598765432'); // '9659****432'
 * ```
 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '****';
  return phone.slice(0, 4) + '*'.repeat(phone.length - 7) + phone.slice(-3);
}
