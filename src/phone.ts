/**
 * Phone number normalization and local validation: pure functions over
 * strings and the country table in `phone-rules.ts`. Local validation is a
 * filter for obvious mistakes: the table is generous by design, as a wrong
 * refusal silently drops a real customer.
 */

import { latinDigit } from './digits.js';
import { countryNames, phoneRules, type PhoneRule } from './phone-rules.js';

/** A country table: calling code (1 to 3 digits) -> rule, shaped like {@link phoneRules}. */
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

/** Calling codes have 1 to 3 digits. */
const LONGEST_CODE = 3;

const LEADING_ZEROS = /^0+/;
/** Exactly one zero before the first other digit, as in `'0 9876 5432'`: a trunk prefix that marks a local number. */
const ONE_LEADING_ZERO = /^0(?!0)/;

const ANY_START: readonly string[] = /* @__PURE__ */ Object.freeze([]);

// Shared, frozen: the valid answer is by far the most common, so it costs no allocation.
const FORMAT_OK: PhoneFormatResult = /* @__PURE__ */ Object.freeze([true, null] as const);

function isCallingCode(code: string): boolean {
  return /^\d{1,3}$/.test(code);
}

/** A table's rules by calling code. */
type Index = ReadonlyMap<string, PhoneRule>;

/**
 * A table is read into a Map the first time it is used, keeping only keys
 * that are calling codes: probing a Map is several times faster than an
 * object whose keys are numbers, and the lookup runs for every number.
 * Like the frozen default, a table is read as it was then: build a new
 * object rather than changing one already passed in.
 */
const indexes = /* @__PURE__ */ new WeakMap<PhoneRules, Index>();
// The default table's, kept apart: a WeakMap lookup per number costs a fifth of normalizePhone's time.
let defaultIndex: Index | undefined;

function indexOf(rules: PhoneRules): Index {
  if (rules === phoneRules) return (defaultIndex ??= buildIndex(phoneRules));
  let index = indexes.get(rules);
  if (index === undefined) {
    index = buildIndex(rules);
    indexes.set(rules, index);
  }
  return index;
}

function buildIndex(rules: PhoneRules): Index {
  return new Map(Object.entries(rules).filter(([code]) => isCallingCode(code)));
}

/** The calling code a number starts with: the longest of its first 3, 2 or 1 digits that has a rule. */
function codeOf(number: string, index: Index): string | undefined {
  for (let length = LONGEST_CODE; length >= 1; length--) {
    if (number.length < length) continue;
    const code = number.slice(0, length);
    if (index.has(code)) return code;
  }
  return undefined;
}

/** The prefixes a local number of `length` digits may start with; empty: any start. */
function startsFor(rule: PhoneRule, length: number): readonly string[] {
  return rule.mobileStartDigitsByLength?.[length] ?? rule.mobileStartDigits ?? ANY_START;
}

/** Whether the digits of `number` after position `at` have an allowed length and start. */
function fitsRule(number: string, at: number, rule: PhoneRule): boolean {
  const length = number.length - at;
  if (!rule.localLengths.includes(length)) return false;
  const starts = startsFor(rule, length);
  if (starts.length === 0) return true;
  for (const start of starts) {
    if (number.startsWith(start, at)) return true;
  }
  return false;
}

/** The digits of `input`, Arabic-Indic and Persian ones made Latin, leading zeros included. */
function digitsOf(input: string): string {
  let digits = '';
  for (let i = 0; i < input.length; i++) {
    const char = input.charAt(i);
    if (char >= '0' && char <= '9') digits += char;
    // The other digits, Arabic-Indic and Persian, are all from U+0660 on.
    else if (char >= '\u0660') digits += latinDigit(char) ?? '';
  }
  return digits;
}

/**
 * Drops domestic trunk zeros written after the calling code ('966 0 55...'),
 * but only from a number that fails its country's rule as written: Ivory
 * Coast numbers really start with 0 after +225 and must keep it. Repeats
 * until nothing changes, so the result is a fixed point and normalizing twice
 * changes nothing, even with a table where one code prefixes another.
 */
function stripTrunkZeros(digits: string, index: Index): string {
  let number = digits;
  for (;;) {
    const code = codeOf(number, index);
    const rule = code === undefined ? undefined : index.get(code);
    if (code === undefined || rule === undefined || fitsRule(number, code.length, rule)) return number;
    const local = number.slice(code.length);
    const withoutZeros = local.replace(LEADING_ZEROS, '');
    if (withoutZeros === local) return number;
    number = code + withoutZeros;
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
function withDefaultCountry(digits: string, trunk: boolean, code: string, index: Index): string {
  const home = index.get(code);
  // Without a rule nothing tells a local number from an international one.
  if (home === undefined) return stripTrunkZeros(digits, index);
  // '278123456' is a South African local number and also, as written, the valid
  // +27 8123456: a number already valid with the home code keeps it, so
  // normalizing the result again adds nothing.
  const alreadyHome = digits.startsWith(code) && fitsRule(digits, code.length, home);
  if (fitsRule(digits, 0, home) && !alreadyHome) return code + digits;
  // Where the 0 belongs to the local number (Ivory Coast '07 12 34 56 78').
  if (trunk && fitsRule('0' + digits, 0, home)) return code + '0' + digits;
  const stripped = stripTrunkZeros(digits, index);
  // Had trunk stripping turned a malformed number into a local-looking one,
  // normalizing the result again would add the code to it: keep it as written.
  if (stripped !== digits && fitsRule(stripped, 0, home)) return digits;
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
 * have one of the country's lengths and an allowed start, as
 * `'98765432'`, `'9876 5432'` or `'098765432'` do. A number that fits the
 * country's rule is read as local even where it would also be valid with a
 * code of its own: with every country in the table, a Kuwaiti `5005 1234`
 * is also a Falklands `+500 51234`, and a 10-digit Indian `9613456789` a
 * Lebanese `+961 3456789`. The choice depends on the digits alone, so the
 * result stays a fixed point; a `+` or `00` does not change it. Send such a
 * foreign number without `defaultCountryCode`. A number that is already valid
 * with the country's own code stays as it is, even where it would also fit as
 * a local one (South Africa's `278123456`). Numbers that already carry their code
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
  return normalize(input, defaultCountryCodeOf(options), indexOf(rules));
}

function normalize(input: string, defaultCode: string | undefined, index: Index): string {
  const written = digitsOf(input);
  // '00965...' is '965...'.
  const digits = written.startsWith('0') ? written.replace(LEADING_ZEROS, '') : written;
  if (defaultCode === undefined) return stripTrunkZeros(digits, index);
  return withDefaultCountry(digits, ONE_LEADING_ZERO.test(written), defaultCode, index);
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
  return codeOf(normalized, indexOf(rules)) ?? null;
}

/** '8', '7 or 8', '9, 10, 11 or 12'. */
function listLengths(lengths: readonly number[]): string {
  return lengths.join(', ').replace(/, (?=[^,]*$)/, ' or ') || '0';
}

/**
 * Checks a normalized number against its country's rule: the count of digits
 * after the calling code and, for countries that list them, the prefix a
 * mobile number starts with. A number whose first 3 digits hold no calling
 * code of the table is refused, quoting those 3 digits (all that were tried:
 * codes have at most 3); so is one whose code has no mobile numbers (+800).
 *
 * Errors name the country (`+code` for a code {@link countryNames} lacks);
 * several allowed lengths read `expected 7 or 8 digits`.
 *
 * @param normalized - A number as {@link normalizePhone} returns it.
 * @param rules - The country table; {@link phoneRules} unless a test passes its own.
 * @returns `[true, null]`, or `[false, message]` such as
 *   `'Invalid Kuwait number: expected 8 digits after +965, got 7'` or
 *   `'Invalid Kuwait mobile number: after +965 must start with 4, 5, 6, 9'`,
 *   `'Invalid number: no country has calling code +999'` or
 *   `'Invalid International Freephone number: +800 numbers are not mobile numbers'`.
 *
 * @example
 * ```ts
 * import { validatePhoneFormat } from 'kwtsms';
 * validatePhoneFormat('96598765432'); // [true, null]
 * validatePhoneFormat('96512345678'); // [false, 'Invalid Kuwait mobile number: after +965 must start with 4, 5, 6, 9']
 * ```
 */
export function validatePhoneFormat(normalized: string, rules: PhoneRules = phoneRules): PhoneFormatResult {
  return checkFormat(normalized, indexOf(rules));
}

function checkFormat(normalized: string, index: Index): PhoneFormatResult {
  const code = codeOf(normalized, index);
  const rule = code === undefined ? undefined : index.get(code);
  if (code === undefined || rule === undefined) {
    return [false, `Invalid number: no country has calling code +${normalized.slice(0, LONGEST_CODE)}`];
  }
  if (fitsRule(normalized, code.length, rule)) return FORMAT_OK;
  const name = countryNames[code] ?? `+${code}`;
  const local = normalized.length - code.length;
  if (rule.localLengths.length === 0) {
    return [false, `Invalid ${name} number: +${code} numbers are not mobile numbers`];
  }
  if (!rule.localLengths.includes(local)) {
    return [false, `Invalid ${name} number: expected ${listLengths(rule.localLengths)} digits after +${code}, got ${local}`];
  }
  return [false, `Invalid ${name} mobile number: after +${code} must start with ${startsFor(rule, local).join(', ')}`];
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
  const index = indexOf(rules);
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
  const format = checkFormat(normalized, index);
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
