/**
 * Constant-time comparison of two hash strings: the time taken does not depend on where they
 * first differ, so a caller cannot learn a stored hash one character at a time.
 */

/**
 * Whether `a` and `b` are equal, looking at every character of `a` whatever differs.
 * Their lengths are public (every hash is 64 hex characters).
 *
 * @example
 * constantTimeEqual('ab12', 'ab12'); // true
 */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}
