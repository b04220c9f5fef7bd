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
  const pieces = text
    .split(/[,;\n]/)
    .map((piece) => piece.trim())
    .filter(Boolean);
  return pieces.length > 0 ? pieces : [text];
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
  options: { defaultCountryCode?: string | undefined } = {},
): Recipients {
  const inputs = typeof mobile === 'string' ? splitNumbers(mobile) : mobile;
  // A Set keeps first-seen order; what it does not grow by is a duplicate.
  const valid = new Set<string>();
  const invalid: InvalidEntry[] = [];
  let accepted = 0;
  for (const input of inputs) {
    if (typeof input !== 'string') {
      throw new TypeError(`KwtSMS: every phone number must be a string, got ${typeof input}`);
    }
    const [ok, error, normalized] = validatePhoneInput(input, options);
    if (ok) {
      valid.add(normalized);
      accepted++;
    } else {
      invalid.push({ input, error: error ?? 'Invalid phone number' });
    }
  }
  return { valid: [...valid], invalid, duplicates: accepted - valid.size };
}
