/**
 * Arabic-Indic (U+0660–0669) and Extended Arabic-Indic/Persian (U+06F0–06F9)
 * digits read as Latin ones. Phones, messages and OTP codes typed on an Arabic
 * or Persian keyboard arrive in these; the gateway wants Latin digits.
 */

/** The digits {@link latinDigit} reads. Internal: `cleanMessage` builds its pattern from it. */
export const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

/**
 * The Latin digit for one Arabic-Indic or Persian digit, or `undefined` for any other character.
 *
 * @example
 * latinDigit('٥'); // '5'
 * latinDigit('x'); // undefined
 */
export function latinDigit(char: string): string | undefined {
  const code = char.charCodeAt(0);
  if (char.length !== 1) return undefined;
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  return undefined;
}

/**
 * `text` with every Arabic-Indic and Persian digit made Latin; everything else unchanged.
 *
 * @example
 * foldDigits('٩٦٥ ۹۸۷'); // '965 987'
 */
export function foldDigits(text: string): string {
  return text.replace(ARABIC_DIGITS, (digit) => latinDigit(digit) ?? digit);
}
