/**
 * Turning what a user passes as `mobile` into the numbers to send: split,
 * normalize, validate locally, deduplicate. Pure.
 */
import { validatePhoneInput } from './phone.js';
import type { InvalidEntry } from './types.js';

/** The outcome of preparing a recipient list. */
export interface Recipients {
  /** Valid, normalized, deduplicated numbers in input order. */
  valid: string[];
  /** Inputs rejected locally, with `validatePhoneInput`'s message. */
  invalid: InvalidEntry[];
  /** Inputs dropped because an earlier input normalized to the same number. */
  duplicates: number;
}

/** Whether `char` separates numbers in a string: comma, semicolon, newline. */
function isSeparator(char: string): boolean {
  return char === ',' || char === ';' || char === '\n';
}

/**
 * The pieces {@link splitNumbers} returns, one at a time: a send to a million
 * numbers then never holds an array of them all (50 MB less at the peak).
 */
function* eachNumber(text: string): Generator<string> {
  let found = false;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !isSeparator(text.charAt(i))) continue;
    const piece = text.slice(start, i).trim();
    start = i + 1;
    if (piece !== '') {
      found = true;
      yield piece;
    }
  }
  if (!found) yield text;
}

/**
 * Splits a string of numbers on commas, semicolons and newlines, trimming each piece; blank pieces
 * are skipped (a trailing comma or newline is not a number). A string with no number at all gives `['']`,
 * so that it is reported as 'Phone number is required' rather than vanishing.
 *
 * @example
 * import { splitNumbers } from 'kwtsms';
 * splitNumbers('96598765432, 96550000000;\n96560000000'); // ['96598765432', '96550000000', '96560000000']
 */
export function splitNumbers(text: string): string[] {
  return [...eachNumber(text)];
}

/**
 * Validates and deduplicates recipients. A string is split with `splitNumbers`; array items are
 * taken one number each. Nothing is lost: every input is in `valid`, in `invalid`, or counted in
 * `duplicates`.
 *
 * @param mobile one number, a string of numbers, or an array
 * @param options.defaultCountryCode prefix for bare local numbers, as in `normalizePhone`
 * @example
 * import { prepareRecipients } from 'kwtsms';
 * prepareRecipients('+965 9876 5432, 0096598765432, 123');
 * // { valid: ['96598765432'], invalid: [{ input: '123', error: "'123' is too short (3 digits, minimum is 7)" }], duplicates: 1 }
 */
export function prepareRecipients(
  mobile: string | readonly string[],
  options?: { defaultCountryCode?: string | undefined },
): Recipients {
  const valid: string[] = [];
  const invalid: InvalidEntry[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const input of typeof mobile === 'string' ? eachNumber(mobile) : mobile) {
    if (typeof input !== 'string') {
      throw new TypeError(`KwtSMS: every phone number must be a string, got ${typeof input}`);
    }
    const [isValid, error, normalized] = validatePhoneInput(input, options);
    if (!isValid) invalid.push({ input, error: error ?? '' });
    else if (seen.has(normalized)) duplicates++;
    else {
      seen.add(normalized);
      valid.push(normalized);
    }
  }
  return { valid, invalid, duplicates };
}
