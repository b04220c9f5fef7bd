/**
 * The hash a store keeps instead of a code: HMAC-SHA-256 keyed with the app's
 * secret, through WebCrypto so it runs on every runtime. A leaked store gives
 * nothing to test guesses against without the secret.
 */

/** Names this hashing scheme inside the hashed text, so a future change cannot match an old hash. */
const SCHEME = 'kwtsms/otp v1';

/** Hex of each byte value. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Turns a code and its scope into the hash stored for it. */
export type CodeHasher = (purpose: string, phone: string, code: string) => Promise<string>;

/**
 * A hasher keyed with `secret` (already checked: >= 32 bytes). The key is imported once, on first
 * use, as non-extractable. The hashed text is a JSON array, so no two (purpose, phone, code)
 * triples can spell the same text.
 *
 * @example
 * const hash = createHasher(secretBytes);
 * await hash('login', '96598765432', '123456'); // 64 hex characters
 */
export function createHasher(secret: Uint8Array<ArrayBuffer>): CodeHasher {
  let key: Promise<CryptoKey> | undefined;
  const encoder = new TextEncoder();
  return async (purpose, phone, code) => {
    key ??= crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const text = encoder.encode(JSON.stringify([SCHEME, purpose, phone, code]));
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await key, text));
    let hex = '';
    for (const byte of mac) hex += HEX[byte];
    return hex;
  };
}
