/**
 * createOtp's options: defaults, and a TypeError naming every bad one.
 */
import { describe, expect, it } from 'vitest';
import { createOtp, memoryOtpStore, OTP_DEFAULTS, type OtpOptions } from '../../src/otp/index.js';
import { checkOptions } from '../../src/otp/options.js';
import { SECRET } from './helpers.js';

const base = (): OtpOptions => ({ sms: { send: async () => ({ result: 'OK', msgId: 'x' }) }, secret: SECRET, store: memoryOtpStore(), appName: 'MYAPP' });

describe('createOtp options', () => {
  it('defaults: 6 digits, 5 minutes, resend after 4, 3 attempts, 3/h and 10/day per number, 20/h per IP, 10 failures a day', () => {
    const s = checkOptions(base());
    expect([s.length, s.ttlMs, s.resendAfterMs, s.maxAttempts, s.storeTimeoutMs]).toEqual([6, 300_000, 240_000, 3, 5_000]);
    expect(s.phoneWindows).toEqual([
      { max: 3, windowMs: 3_600_000 },
      { max: 10, windowMs: 86_400_000 },
    ]);
    expect(s.ipWindows).toEqual([{ max: 20, windowMs: 3_600_000 }]);
    expect(s.failures).toEqual({ max: 10, windowMs: 86_400_000 });
    expect(s.message({ code: '123456', appName: 'MYAPP', minutes: 5 })).toBe('Your OTP for MYAPP is: 123456');
    expect(OTP_DEFAULTS.ttlMs).toBe(300_000);
  });

  it('accepts the edges and copies what it keeps', () => {
    const secret = new Uint8Array(32).fill(7);
    const phone = [{ max: 1, windowMs: 1000 }];
    const s = checkOptions({ ...base(), secret, length: 10, ttlMs: 600_000, resendAfterMs: 15_000, maxAttempts: 10, limits: { phone, ip: [] }, countries: ['1', '965'] });
    secret.fill(0);
    phone[0] = { max: 99, windowMs: 1000 };
    expect(s.secret).toEqual(new Uint8Array(32).fill(7));
    expect(s.phoneWindows).toEqual([{ max: 1, windowMs: 1000 }]);
    expect(s.ipWindows).toEqual([]);
  });

  it('merges windows of the same length: the smaller max stands (one counter each)', () => {
    const s = checkOptions({ ...base(), limits: { phone: [{ max: 5, windowMs: 60_000 }, { max: 2, windowMs: 60_000 }] } });
    expect(s.phoneWindows).toEqual([{ max: 2, windowMs: 60_000 }]);
  });

  it.each<[string, Partial<Record<keyof OtpOptions, unknown>>, RegExp]>([
    ['no sms', { sms: undefined }, /`sms` must be an object with send/],
    ['no store', { store: {} }, /`store` must be an OtpStore/],
    ['a short secret', { secret: 'x'.repeat(31) }, /at least 32 bytes, got 31/],
    ['short secret bytes', { secret: new Uint8Array(16) }, /at least 32 bytes, got 16/],
    ['a number secret', { secret: 12345 }, /string or a Uint8Array/],
    ['an empty appName', { appName: ' ' }, /`appName` must be a string of 1 to 30/],
    ['a long appName', { appName: 'x'.repeat(31) }, /`appName`/],
    ['a long sender', { sender: 'TWELVE-CHARS' }, /`sender` must be a string of 1 to 11/],
    ['length 3', { length: 3 }, /`length` must be a whole number, 4 to 10, got 3/],
    ['length 11', { length: 11 }, /`length`/],
    ['length 6.5', { length: 6.5 }, /`length`/],
    ['ttlMs 59999', { ttlMs: 59_999 }, /`ttlMs` must be a whole number, 60000 to 600000/],
    ['ttlMs 600001', { ttlMs: 600_001 }, /`ttlMs`/],
    ['resendAfterMs 14999', { resendAfterMs: 14_999 }, /`resendAfterMs` must be a whole number >= 15000/],
    ['maxAttempts 0', { maxAttempts: 0 }, /`maxAttempts` must be a whole number, 1 to 10/],
    ['maxAttempts 11', { maxAttempts: 11 }, /`maxAttempts`/],
    ['a window max 0', { limits: { phone: [{ max: 0, windowMs: 1000 }] } }, /`limits.phone\[0\].max` must be a whole number >= 1/],
    ['a window of 999 ms', { limits: { ip: [{ max: 1, windowMs: 999 }] } }, /`limits.ip\[0\].windowMs`/],
    ['a non-array limit', { limits: { phone: { max: 1, windowMs: 1000 } } }, /`limits.phone` must be an array/],
    ['a bad failures window', { limits: { failures: { max: 1.5, windowMs: 1000 } } }, /`limits.failures.max`/],
    ['a 4-digit country', { countries: ['9650'] }, /`countries\[0\]` must be a calling code of 1 to 3 digits/],
    ['a country with +', { countries: ['+965'] }, /`countries\[0\]`/],
    ['no countries', { countries: [] }, /`countries` must be a non-empty array/],
    ['a message without the code', { message: () => 'Your code is ready' }, /`message` must return a string that contains the code/],
    ['a message that is not a function', { message: 'Your code: {code}' }, /`message` must be a function/],
    ['storeTimeoutMs 0', { storeTimeoutMs: 0 }, /`storeTimeoutMs`/],
  ])('throws a TypeError for %s', (_, override, message) => {
    expect(() => createOtp({ ...base(), ...override } as OtpOptions)).toThrow(TypeError);
    expect(() => createOtp({ ...base(), ...override } as OtpOptions)).toThrow(message);
  });

  it('throws for options that are not an object', () => {
    // @ts-expect-error: options are required
    expect(() => createOtp()).toThrow(/options must be an object/);
  });

  it('the service shows nothing of the secret in JSON or inspect', async () => {
    const { inspect } = await import('node:util');
    const otp = createOtp(base());
    expect(JSON.stringify(otp)).toBe('{}');
    expect(inspect(otp, { depth: 5, showHidden: true })).not.toContain('test secret');
    expect(Object.isFrozen(otp)).toBe(true);
  });
});
