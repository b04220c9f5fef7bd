/**
 * One-time codes: decimal digits from `crypto.getRandomValues`, without modulo bias.
 */

/** Random bytes asked for at a time: enough for a 10-digit code with room for rejections. */
const BATCH = 16;
/** The largest multiple of 10 that fits in a byte: bytes at or above it are thrown away. */
const LIMIT = 250;

/**
 * A code of `length` decimal digits, leading zeros allowed. Each digit comes from one random byte
 * below 250 (bytes 250-255 are rejected), so all ten digits are equally likely and every code of
 * that length is too.
 *
 * @param length digits, 4 to 10 (checked by the caller)
 * @example
 * generateCode(6); // '042917'
 */
export function generateCode(length: number): string {
  const bytes = new Uint8Array(BATCH);
  let code = '';
  while (code.length < length) {
    crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte < LIMIT) code += String(byte % 10);
      if (code.length === length) break;
    }
  }
  return code;
}
