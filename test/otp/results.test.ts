/**
 * Error results: the action from apiErrors, and a send error scrubbed of the code wherever a
 * custom sender may have put it.
 */
import { describe, expect, it } from 'vitest';
import { apiErrors } from '../../src/errors.js';
import { otpError, safeCause, sendError, storeFailure } from '../../src/otp/results.js';

describe('otpError', () => {
  it('carries the action of its code and only the extra fields given', () => {
    expect(otpError('OTP_COOLDOWN', 'wait', undefined, { retryAfterMs: 5 })).toEqual({
      result: 'ERROR',
      code: 'OTP_COOLDOWN',
      description: 'wait',
      action: apiErrors.OTP_COOLDOWN,
      retryAfterMs: 5,
    });
    expect('cause' in otpError('OTP_NOT_FOUND', 'none')).toBe(false);
  });

  it('storeFailure keeps the cause', () => {
    const cause = new Error('down');
    expect(storeFailure(cause)).toMatchObject({ code: 'OTP_STORE_UNAVAILABLE', action: apiErrors.OTP_STORE_UNAVAILABLE, cause });
  });
});

describe('safeCause', () => {
  it.each<[string, () => unknown, boolean]>([
    ['a clean error', () => new Error('connection refused'), true],
    ['an error quoting the code', () => new Error('cannot send "Your OTP is 424242"'), false],
    ['a nested cause quoting it', () => new Error('outer', { cause: { body: 'Your OTP is 424242' } }), false],
    ['an object holding it', () => ({ echo: 'Your OTP is 424242' }), false],
    ['a string holding it', () => 'x 424242', false],
    [
      'an unreadable value',
      () => ({
        toString() {
          throw new Error('no');
        },
      }),
      false,
    ],
    ['nothing', () => undefined, true],
  ])('%s: kept = %s', (_, make, kept) => {
    const cause = make();
    expect(safeCause(cause, '424242')).toBe(kept ? cause : undefined);
  });
});

describe('sendError', () => {
  it('masks the code in description and action, drops a cause that shows it', () => {
    expect(sendError({ code: 'ERR031', description: 'Banned: 424242', action: 'Reword 424242', cause: { m: '424242' } }, '424242')).toEqual({
      result: 'ERROR',
      code: 'ERR031',
      description: 'Banned: ***',
      action: 'Reword ***',
    });
  });

  it('no code counts as BAD_RESPONSE (an unknown fate); missing words are filled in', () => {
    expect(sendError({}, '424242')).toEqual({ result: 'ERROR', code: 'BAD_RESPONSE', description: 'The SMS was not sent.', action: apiErrors.BAD_RESPONSE });
  });
});
