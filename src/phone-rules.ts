/**
 * The country phone table: the rules and names of every calling code in use,
 * decoded at import from the compact text in `phone-rules-data.ts`, which
 * `npm run gen:phone-rules` writes from libphonenumber-js's metadata and the
 * vendor's 81-country table (see that file's header).
 */
import { NAMES, RULES } from './phone-rules-data.js';

/** What a valid mobile number of one country looks like after its calling code. */
export interface PhoneRule {
  /**
   * The allowed counts of digits after the calling code, e.g. `[8]` for
   * Kuwait's 8-digit numbers. Empty for a code that has no mobile numbers
   * (+800 freephone): every number with it is refused.
   */
  readonly localLengths: readonly number[];
  /**
   * Prefixes a mobile number may start with right after the calling code,
   * one digit or more: `['5']` for Saudi Arabia's 5x numbers, `['6', '94']`
   * for Greece. A shorter prefix covers its longer ones. Absent (or empty): any start.
   */
  readonly mobileStartDigits?: readonly string[];
  /**
   * Where the prefixes depend on the length: local length -> prefixes, used
   * instead of `mobileStartDigits` for that length (Myanmar's 7-digit
   * numbers start with 17, its 8 to 10-digit ones with 9).
   */
  readonly mobileStartDigitsByLength?: Readonly<Record<number, readonly string[]>>;
}

// The table is decoded at import, every code of it, before the engine has
// optimized anything: the common line takes a short path, and the whole
// table decodes in about 1 ms (2 ms without the short path).

/** '7-9,11' -> [7, 8, 9, 11]. */
function expand(list: string): number[] {
  const numbers: number[] = [];
  for (const part of list.split(',')) {
    const dash = part.indexOf('-');
    const first = Number(dash < 0 ? part : part.slice(0, dash));
    const last = dash < 0 ? first : Number(part.slice(dash + 1));
    for (let n = first; n <= last; n++) numbers.push(n);
  }
  return numbers;
}

/** '6 7[1-3,5]' -> ['6', '71', '72', '73', '75']; '' -> [] (any start). */
function expandPrefixes(list: string): string[] {
  if (list === '') return [];
  const prefixes: string[] = [];
  for (const item of list.split(' ')) {
    const open = item.indexOf('[');
    if (open < 0) prefixes.push(item);
    else for (const second of expand(item.slice(open + 1, -1))) prefixes.push(item.slice(0, open) + String(second));
  }
  return prefixes;
}

/** One line of `RULES`, split on ':'. */
function decodeRule(fields: readonly string[]): PhoneRule {
  if (fields.length === 2) {
    // Most codes: one list of prefixes for all their lengths.
    const group = fields[1] ?? '';
    const equals = group.indexOf('=');
    const prefixes = expandPrefixes(group.slice(equals + 1));
    const localLengths = Object.freeze(expand(group.slice(0, equals)));
    return Object.freeze(prefixes.length > 0 ? { localLengths, mobileStartDigits: Object.freeze(prefixes) } : { localLengths });
  }
  const localLengths: number[] = [];
  const byLength: Record<number, readonly string[]> = {};
  const union = new Set<string>();
  for (let i = 1; i < fields.length; i++) {
    const group = fields[i] ?? '';
    const equals = group.indexOf('=');
    const prefixes = Object.freeze(expandPrefixes(group.slice(equals + 1)));
    for (const length of expand(group.slice(0, equals))) {
      localLengths.push(length);
      byLength[length] = prefixes;
    }
    // An empty list accepts any start, and so does the union.
    if (prefixes.length === 0) union.add('');
    for (const prefix of prefixes) union.add(prefix);
  }
  localLengths.sort((a, b) => a - b);
  const rule: { -readonly [K in keyof PhoneRule]: PhoneRule[K] } = { localLengths: Object.freeze(localLengths) };
  if (union.size > 0 && !union.has('')) {
    // A prefix that a shorter one covers adds nothing: Myanmar's 17 and 9 stay, a 96 under 9 would go.
    const starts = [...union].filter((p) => ![...union].some((q) => q !== p && p.startsWith(q)));
    rule.mobileStartDigits = Object.freeze(starts.sort());
  }
  if (fields.length > 2) rule.mobileStartDigitsByLength = Object.freeze(byLength);
  return Object.freeze(rule);
}

/** Decodes `RULES` into a frozen object: calling code -> `value(fields, line number)`. */
function decode<T>(value: (fields: string[], line: number) => T): Readonly<Record<string, T>> {
  const table: Record<string, T> = {};
  RULES.split('\n').forEach((line, n) => {
    const fields = line.split(':');
    table[fields[0] ?? ''] = value(fields, n);
  });
  return Object.freeze(table);
}

function decodeNames(): Readonly<Record<string, string>> {
  const names = NAMES.split('\n');
  return decode((_, line) => names[line] ?? '');
}

/**
 * Phone rules by calling code (`'965'`, `'44'`, `'1'`), every code in use:
 * deep-frozen, read by `normalizePhone`, `validatePhoneInput`,
 * `validatePhoneFormat` and `findCountryCode`. A number whose calling code
 * is not here is refused.
 *
 * @example
 * ```ts
 * import { phoneRules } from 'kwtsms';
 * phoneRules['965']; // { localLengths: [8], mobileStartDigits: ['4', '5', '6', '9'] }
 * phoneRules['1'];   // { localLengths: [10] }: USA/Canada, any start
 * ```
 */
export const phoneRules: Readonly<Record<string, PhoneRule>> = /* @__PURE__ */ decode(decodeRule);

/**
 * Country names by calling code, as they appear in validation errors
 * (`'965'` -> `'Kuwait'`, `'44'` -> `'UK'`, `'1'` -> `'USA/Canada'`): the
 * vendor's names for its 81 codes, English region names for the rest. Frozen.
 *
 * @example
 * ```ts
 * import { countryNames } from 'kwtsms';
 * countryNames['966']; // 'Saudi Arabia'
 * ```
 */
export const countryNames: Readonly<Record<string, string>> = /* @__PURE__ */ decodeNames();
