/**
 * The stored hash: HMAC-SHA-256 keyed with the secret over (scheme, purpose, phone, code), encoded
 * so that no two triples share a text; checked against node:crypto's own HMAC.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHasher } from '../../src/otp/hash.js';

const secret = new TextEncoder().encode('k'.repeat(32));
const reference = (purpose: string, phone: string, code: string): string =>
  createHmac('sha256', Buffer.from(secret)).update(JSON.stringify(['kwtsms/otp v1', purpose, phone, code])).digest('hex');

describe('createHasher', () => {
  it('is HMAC-SHA-256 over the JSON array [scheme, purpose, phone, code], as 64 hex characters', async () => {
    const hash = await createHasher(secret)('login', '96598765432', '123456');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(reference('login', '96598765432', '123456'));
  });

  it.each([
    [['login', '96598765432', '123456'], ['login', '96598765432', '123457']],
    [['login', '96598765432', '123456'], ['reset', '96598765432', '123456']],
    [['login', '96598765432', '123456'], ['login', '96598765433', '123456']],
    [['a","b', '965', '1'], ['a', 'b","965', '1']],
    [['login:9', '6598765432', '123456'], ['login', '96598765432', '123456']],
  ])('different inputs, different hashes: %j vs %j', async (a, b) => {
    const hash = createHasher(secret);
    expect(await hash(a[0] ?? '', a[1] ?? '', a[2] ?? '')).not.toBe(await hash(b[0] ?? '', b[1] ?? '', b[2] ?? ''));
  });

  it('depends on the secret', async () => {
    const other = new TextEncoder().encode('j'.repeat(32));
    expect(await createHasher(secret)('login', '965', '1234')).not.toBe(await createHasher(other)('login', '965', '1234'));
  });
});
