/**
 * createOtp on the fake gateway with the memory store: every rule of the contract, one test each.
 */
import { describe, expect, it, vi } from 'vitest';
import { apiErrors } from '../../src/errors.js';
import { createOtp, memoryOtpStore, type OtpStore } from '../../src/otp/index.js';
import { harness, HOUR, MINUTE, PHONE, SECRET, START, wrongCode } from './helpers.js';

describe('otp.send', () => {
  it('sends the seed message to the normalized number, redacted in the log, and answers its times', async () => {
    const h = harness();
    const sent = await h.otp.send({ phone: '+965 9876 5432' });
    expect(sent).toEqual({ result: 'OK', phone: PHONE, msgId: expect.stringMatching(/^[0-9a-f]{32}$/), expiresAt: START + 5 * MINUTE, resendAt: START + 4 * MINUTE });
    expect(h.fake.state.sent).toHaveLength(1);
    expect(h.fake.state.sent[0]?.numbers).toEqual([PHONE]);
    expect(h.fake.state.sent[0]?.message).toMatch(/^Your OTP for MYAPP is: \d{6}$/);
    expect(h.logs.map((entry) => entry.request.message)).toEqual(['***']);
  });

  it('uses the sender, the length and the message given', async () => {
    const h = harness({ sender: 'MYAPP-TX', length: 8, ttlMs: 150_000, message: ({ code, appName, minutes }) => `${code} is your ${appName} code (${minutes} min)` });
    // The fake only knows KWT-SMS: a sender it does not know is refused (ERR008), which proves it was passed.
    const refused = await h.otp.send({ phone: PHONE });
    expect(refused).toMatchObject({ result: 'ERROR', code: 'ERR008' });
    expect(h.fake.state.requests.at(-1)?.body).toMatchObject({ sender: 'MYAPP-TX', message: expect.stringMatching(/^\d{8} is your MYAPP code \(3 min\)$/) });
    expect(h.logs.at(-1)?.request).toMatchObject({ sender: 'MYAPP-TX', message: '***' });
  });

  it('renders minutes as ceil(ttlMs / 60000) and a custom message with the code', async () => {
    const h = harness({ length: 8, ttlMs: 150_000, message: ({ code, appName, minutes }) => `${code} is your ${appName} code (${minutes} min)` });
    await h.otp.send({ phone: PHONE });
    expect(h.fake.state.sent[0]?.message).toMatch(/^\d{8} is your MYAPP code \(3 min\)$/);
  });

  it('refuses an invalid phone with ERR_INVALID_INPUT before any other check, sending nothing', async () => {
    const h = harness({ countries: ['966'] });
    const result = await h.otp.send({ phone: '123' });
    expect(result).toEqual({
      result: 'ERROR',
      code: 'ERR_INVALID_INPUT',
      description: "'123' is too short (3 digits, minimum is 7)",
      action: 'Ask the user to correct it: the description says what is wrong.',
    });
    expect(h.fake.state.requests).toHaveLength(0);
    expect(h.records.size).toBe(0);
  });

  it.each([
    ['not an object', null],
    ['a number as phone', { phone: 96598765432 }],
    ['an empty purpose', { phone: PHONE, purpose: '' }],
    ['a long purpose', { phone: PHONE, purpose: 'x'.repeat(65) }],
    ['an empty ip', { phone: PHONE, ip: ' ' }],
  ])('resolves ERR_INVALID_INPUT (never rejects) for %s', async (_, request) => {
    const h = harness();
    const result = await h.otp.send(request as never);
    expect(result).toMatchObject({ result: 'ERROR', code: 'ERR_INVALID_INPUT' });
    expect(h.fake.state.requests).toHaveLength(0);
  });

  it('blocks a country not in `countries` (OTP_COUNTRY_BLOCKED), before the cooldown, counting nothing', async () => {
    const h = harness({ countries: ['965', '966'] });
    expect(await h.otp.send({ phone: '+44 7700 900123' })).toMatchObject({ result: 'ERROR', code: 'OTP_COUNTRY_BLOCKED', action: apiErrors.OTP_COUNTRY_BLOCKED });
    expect(h.records.size).toBe(0);
    expect((await h.otp.send({ phone: '966559876543', purpose: 'x' })).result).toBe('ERROR'); // ERR026: the fake covers 965 only
    expect(await h.otp.send({ phone: PHONE })).toMatchObject({ result: 'OK' });
  });

  it('answers OTP_COOLDOWN with retryAfterMs within resendAfterMs, for any purpose', async () => {
    const h = harness();
    await h.otp.send({ phone: PHONE, purpose: 'login' });
    h.advance(MINUTE);
    expect(await h.otp.send({ phone: PHONE, purpose: 'reset' })).toEqual({
      result: 'ERROR',
      code: 'OTP_COOLDOWN',
      description: expect.any(String),
      action: apiErrors.OTP_COOLDOWN,
      retryAfterMs: 3 * MINUTE,
    });
    h.advance(3 * MINUTE);
    expect((await h.otp.send({ phone: PHONE, purpose: 'reset' })).result).toBe('OK');
    expect(h.fake.state.sent).toHaveLength(2);
  });

  it('limits codes per number: 3 an hour, 10 a day by default; retryAfterMs until the full window that ends last ends', async () => {
    const h = harness();
    for (let i = 0; i < 3; i++) {
      expect((await h.otp.send({ phone: PHONE })).result).toBe('OK');
      h.advance(5 * MINUTE);
    }
    // 15 minutes after the first send: the hour window (opened at START) is full.
    expect(await h.otp.send({ phone: PHONE })).toMatchObject({ code: 'OTP_RATE_LIMITED', retryAfterMs: 45 * MINUTE, action: apiErrors.OTP_RATE_LIMITED });
    let sent = 3;
    while (sent < 10) {
      h.advance(HOUR);
      for (let i = 0; i < 3 && sent < 10; i++, sent++) {
        expect((await h.otp.send({ phone: PHONE })).result).toBe('OK');
        h.advance(5 * MINUTE);
      }
    }
    h.advance(HOUR);
    const day = await h.otp.send({ phone: PHONE });
    expect(day).toMatchObject({ code: 'OTP_RATE_LIMITED' });
    // The day window opened at START; we are 3 x 70 min + 3 x 15 min... past it: compute what remains.
    expect(day.result === 'ERROR' && day.retryAfterMs).toBe(START + 24 * HOUR - h.now());
  });

  it('limits codes per IP across numbers (20 an hour by default); without ip the IP limit does not apply', async () => {
    const h = harness();
    for (let i = 0; i < 20; i++) expect((await h.otp.send({ phone: `965500000${String(i).padStart(2, '0')}`, ip: '203.0.113.7' })).result).toBe('OK');
    expect(await h.otp.send({ phone: '96560000000', ip: '203.0.113.7' })).toMatchObject({ code: 'OTP_RATE_LIMITED', retryAfterMs: HOUR });
    expect((await h.otp.send({ phone: '96560000000', ip: '198.51.100.1' })).result).toBe('OK');
    expect((await h.otp.send({ phone: '96560000001' })).result).toBe('OK');
  });

  it('takes limits that replace the defaults', async () => {
    const h = harness({ resendAfterMs: 15_000, limits: { phone: [{ max: 1, windowMs: 10 * MINUTE }] } });
    await h.otp.send({ phone: PHONE });
    h.advance(MINUTE);
    expect(await h.otp.send({ phone: PHONE })).toMatchObject({ code: 'OTP_RATE_LIMITED', retryAfterMs: 9 * MINUTE });
  });

  it('refused sends (cooldown, windows, invalid phone, blocked country) do not count', async () => {
    const h = harness({ countries: ['965'], limits: { phone: [{ max: 2, windowMs: HOUR }] } });
    await h.otp.send({ phone: PHONE });
    for (let i = 0; i < 5; i++) expect((await h.otp.send({ phone: PHONE })).result === 'ERROR').toBe(true); // cooldown
    h.advance(4 * MINUTE);
    expect((await h.otp.send({ phone: PHONE })).result).toBe('OK'); // the 2nd counted send
  });

  describe('send failures', () => {
    it('a definite failure (an ERRnnn answer) withdraws the new code and clears the cooldown; the counts stay', async () => {
      const h = harness({ limits: { phone: [{ max: 2, windowMs: HOUR }] } });
      h.fake.state.failNext(1, 'ERR010');
      const failed = await h.otp.send({ phone: PHONE });
      expect(failed).toEqual({ result: 'ERROR', code: 'ERR010', description: expect.any(String), action: apiErrors.ERR010 });
      expect([...h.records.keys()]).toEqual(['phone:96598765432:sent:3600000']);
      // No cooldown: the user may ask again at once, and this code arrives.
      expect((await h.otp.send({ phone: PHONE })).result).toBe('OK');
      const code = h.lastCode();
      h.advance(4 * MINUTE);
      // The refused send counted: the window of 2 is full.
      expect(await h.otp.send({ phone: PHONE })).toMatchObject({ code: 'OTP_RATE_LIMITED' });
      expect(await h.otp.verify({ phone: PHONE, code })).toEqual({ result: 'OK', phone: PHONE });
    });

    it('a definite failure withdraws the new code; the code it replaced stays invalid', async () => {
      const h = harness();
      await h.otp.send({ phone: PHONE });
      const old = h.lastCode();
      h.advance(4 * MINUTE);
      h.fake.state.failNext(1, 'ERR028');
      expect(await h.otp.send({ phone: PHONE })).toMatchObject({ code: 'ERR028' });
      expect(await h.otp.verify({ phone: PHONE, code: old })).toMatchObject({ code: 'OTP_NOT_FOUND' });
    });

    it('ERR013 (queue full) comes back at once, as a definite failure: no retry waits inside an OTP send', async () => {
      const h = harness();
      h.fake.state.failNext(1, 'ERR013');
      expect(await h.otp.send({ phone: PHONE })).toMatchObject({ code: 'ERR013' });
      expect(h.fake.state.requests).toHaveLength(1);
      expect(h.records.has('phone:96598765432:cooldown')).toBe(false);
    });

    it.each([
      ['TIMEOUT', 'TIMEOUT'],
      ['NETWORK', 'NETWORK'],
      ['BAD_JSON', 'BAD_RESPONSE'],
      ['HTTP_502', 'BAD_RESPONSE'],
    ] as const)('an unknown fate (%s -> %s) keeps the code valid and the cooldown', async (fault, code) => {
      const h = harness();
      h.fake.state.failNext(1, fault);
      const result = await h.otp.send({ phone: PHONE });
      expect(result).toMatchObject({ result: 'ERROR', code, action: apiErrors[code] });
      expect(h.records.has('phone:96598765432:code:default')).toBe(true);
      expect(await h.otp.send({ phone: PHONE })).toMatchObject({ code: 'OTP_COOLDOWN' });
      // The request reached the gateway with the message redacted in the log.
      expect(h.logs.map((entry) => entry.request.message)).toEqual(['***']);
    });

    it('a sender that throws: an unknown fate, the code stays, the cause is kept unless it shows the code', async () => {
      const store = memoryOtpStore();
      const boom = new Error('queue connection lost');
      const otp = createOtp({ sms: { send: () => Promise.reject(boom) }, secret: SECRET, store, appName: 'MYAPP' });
      expect(await otp.send({ phone: PHONE })).toMatchObject({ result: 'ERROR', code: 'NETWORK', cause: boom });
      expect(await otp.send({ phone: PHONE })).toMatchObject({ code: 'OTP_COOLDOWN' });

      let message = '';
      const quoting = createOtp({
        sms: {
          send: (_mobile, text) => {
            message = text;
            return Promise.reject(new Error(`cannot queue "${text}"`));
          },
        },
        secret: SECRET,
        store: memoryOtpStore(),
        appName: 'MYAPP',
      });
      const result = await quoting.send({ phone: PHONE });
      expect(result).toMatchObject({ code: 'NETWORK' });
      expect('cause' in result).toBe(false);
      expect(JSON.stringify(result)).not.toContain(/\d{6}/.exec(message)?.[0]);
    });

    it("a sender's error answer that quotes the code has it masked", async () => {
      let code = '';
      const otp = createOtp({
        sms: {
          send: async (_mobile, text) => {
            code = /\d{6}/.exec(text)?.[0] ?? '';
            return { result: 'ERROR', code: 'ERR031', description: `Rejected: ${text}`, action: 'x', cause: { echo: text } };
          },
        },
        secret: SECRET,
        store: memoryOtpStore(),
        appName: 'MYAPP',
      });
      const result = await otp.send({ phone: PHONE });
      expect(result).toEqual({ result: 'ERROR', code: 'ERR031', description: 'Rejected: Your OTP for MYAPP is: ***', action: 'x' });
      expect(code).toMatch(/^\d{6}$/);
    });
  });

  it('a message function that throws or drops the code at send time: ERR_INVALID_INPUT, nothing stored or sent', async () => {
    let calls = 0;
    const h = harness({ message: ({ code }) => (++calls === 1 ? `code ${code}` : 'no code here') });
    expect(await h.otp.send({ phone: PHONE })).toMatchObject({ code: 'ERR_INVALID_INPUT' });
    expect(h.records.size).toBe(0);
    expect(h.fake.state.requests).toHaveLength(0);
  });
});

describe('otp.verify', () => {
  it('accepts the right code once; then OTP_NOT_FOUND', async () => {
    const h = harness();
    await h.otp.send({ phone: PHONE });
    const code = h.lastCode();
    expect(await h.otp.verify({ phone: '+965 9876 5432', code })).toEqual({ result: 'OK', phone: PHONE });
    expect(await h.otp.verify({ phone: PHONE, code })).toEqual({
      result: 'ERROR',
      code: 'OTP_NOT_FOUND',
      description: expect.any(String),
      action: apiErrors.OTP_NOT_FOUND,
    });
  });

  it('trims the code and reads Arabic-Indic and Persian digits as Latin', async () => {
    const h = harness();
    await h.otp.send({ phone: PHONE });
    const arabic = [...h.lastCode()].map((d) => String.fromCharCode(0x0660 + Number(d))).join('');
    expect(await h.otp.verify({ phone: PHONE, code: ` ${arabic}\n` })).toEqual({ result: 'OK', phone: PHONE });
    h.advance(4 * MINUTE);
    await h.otp.send({ phone: PHONE });
    const persian = [...h.lastCode()].map((d) => String.fromCharCode(0x06f0 + Number(d))).join('');
    expect(await h.otp.verify({ phone: PHONE, code: persian })).toEqual({ result: 'OK', phone: PHONE });
  });

  it.each(['12345', '1234567', '12 3456', '12345a', '١٢٣٤٥', '１２３４５６', ''])(
    'a code that is not 6 digits (%j) is ERR_INVALID_INPUT and uses no attempt',
    async (typed) => {
      const h = harness({ maxAttempts: 1 });
      await h.otp.send({ phone: PHONE });
      expect(await h.otp.verify({ phone: PHONE, code: typed })).toMatchObject({ code: 'ERR_INVALID_INPUT', description: 'The code must be 6 digits.' });
      expect(await h.otp.verify({ phone: PHONE, code: h.lastCode() })).toEqual({ result: 'OK', phone: PHONE });
    },
  );

  it('an invalid phone is ERR_INVALID_INPUT before anything else, the code unchecked', async () => {
    const h = harness();
    expect(await h.otp.verify({ phone: 'user@example.com', code: 'nope' })).toMatchObject({
      code: 'ERR_INVALID_INPUT',
      description: "'user@example.com' is an email address, not a phone number",
    });
  });

  it('attempts: the guess using the last one answers attemptsLeft 0; then OTP_LOCKED, even for the right code, until a new code', async () => {
    const h = harness();
    await h.otp.send({ phone: PHONE });
    const code = h.lastCode();
    const wrong = wrongCode(code);
    expect(await h.otp.verify({ phone: PHONE, code: wrong })).toEqual({
      result: 'ERROR',
      code: 'OTP_WRONG_CODE',
      description: expect.any(String),
      action: apiErrors.OTP_WRONG_CODE,
      attemptsLeft: 2,
    });
    expect(await h.otp.verify({ phone: PHONE, code: wrong })).toMatchObject({ code: 'OTP_WRONG_CODE', attemptsLeft: 1 });
    expect(await h.otp.verify({ phone: PHONE, code: wrong })).toMatchObject({ code: 'OTP_WRONG_CODE', attemptsLeft: 0 });
    const locked = await h.otp.verify({ phone: PHONE, code });
    expect(locked).toEqual({ result: 'ERROR', code: 'OTP_LOCKED', description: expect.any(String), action: apiErrors.OTP_LOCKED });
    expect(await h.otp.verify({ phone: PHONE, code: wrong })).toMatchObject({ code: 'OTP_LOCKED' });
    h.advance(4 * MINUTE);
    await h.otp.send({ phone: PHONE });
    expect(await h.otp.verify({ phone: PHONE, code: wrongCode(h.lastCode()) })).toMatchObject({ code: 'OTP_WRONG_CODE', attemptsLeft: 2 });
    expect(await h.otp.verify({ phone: PHONE, code: h.lastCode() })).toEqual({ result: 'OK', phone: PHONE });
  });

  it('a new code invalidates the previous one', async () => {
    const h = harness();
    await h.otp.send({ phone: PHONE });
    const first = h.lastCode();
    h.advance(4 * MINUTE);
    await h.otp.send({ phone: PHONE });
    const second = h.lastCode();
    if (first !== second) expect(await h.otp.verify({ phone: PHONE, code: first })).toMatchObject({ code: 'OTP_WRONG_CODE' });
    expect(await h.otp.verify({ phone: PHONE, code: second })).toEqual({ result: 'OK', phone: PHONE });
  });

  it('purpose scopes codes: a login code never verifies a reset; a reset code leaves the login code alone', async () => {
    const h = harness();
    await h.otp.send({ phone: PHONE, purpose: 'login' });
    const login = h.lastCode();
    expect(await h.otp.verify({ phone: PHONE, code: login, purpose: 'reset' })).toMatchObject({ code: 'OTP_NOT_FOUND' });
    h.advance(4 * MINUTE);
    await h.otp.send({ phone: PHONE, purpose: 'reset' });
    const reset = h.lastCode();
    expect(await h.otp.verify({ phone: PHONE, code: login, purpose: 'login' })).toEqual({ result: 'OK', phone: PHONE });
    expect(await h.otp.verify({ phone: PHONE, code: reset, purpose: 'reset' })).toEqual({ result: 'OK', phone: PHONE });
  });

  it('after ttlMs the code no longer verifies: OTP_NOT_FOUND once the store lets it go', async () => {
    const h = harness();
    await h.otp.send({ phone: PHONE });
    const code = h.lastCode();
    h.advance(5 * MINUTE - 1);
    const live = h.lastCode();
    expect(live).toBe(code);
    h.advance(1);
    expect(await h.otp.verify({ phone: PHONE, code })).toMatchObject({ code: 'OTP_NOT_FOUND' });
  });

  it('OTP_EXPIRED while a store still remembers the record', async () => {
    const store: OtpStore = {
      issue: async () => ({ status: 'issued', expiresAt: 0, resendAt: 0 }),
      check: async () => ({ status: 'expired' }),
      withdraw: async () => undefined,
      cancel: async () => undefined,
    };
    const otp = createOtp({ sms: { send: async () => ({ result: 'OK', msgId: 'x' }) }, secret: SECRET, store, appName: 'MYAPP' });
    expect(await otp.verify({ phone: PHONE, code: '123456' })).toEqual({
      result: 'ERROR',
      code: 'OTP_EXPIRED',
      description: expect.any(String),
      action: apiErrors.OTP_EXPIRED,
    });
  });

  it('the failures window counts wrong guesses across codes, is not reset by a new code, and locks verifies with retryAfterMs', async () => {
    const h = harness({ maxAttempts: 2, limits: { failures: { max: 3, windowMs: HOUR } } });
    await h.otp.send({ phone: PHONE });
    await h.otp.verify({ phone: PHONE, code: wrongCode(h.lastCode()) });
    await h.otp.verify({ phone: PHONE, code: wrongCode(h.lastCode()) });
    h.advance(4 * MINUTE);
    expect((await h.otp.send({ phone: PHONE })).result).toBe('OK'); // the failures window blocks verifies, not sends
    expect(await h.otp.verify({ phone: PHONE, code: wrongCode(h.lastCode()) })).toMatchObject({ code: 'OTP_WRONG_CODE', attemptsLeft: 1 });
    expect(await h.otp.verify({ phone: PHONE, code: h.lastCode() })).toEqual({
      result: 'ERROR',
      code: 'OTP_LOCKED',
      description: expect.any(String),
      action: apiErrors.OTP_LOCKED,
      retryAfterMs: HOUR - 4 * MINUTE,
    });
    // The same answer for a purpose with no code: a full window says nothing about live codes.
    expect(await h.otp.verify({ phone: PHONE, code: '000000', purpose: 'reset' })).toMatchObject({ code: 'OTP_LOCKED', retryAfterMs: HOUR - 4 * MINUTE });
  });

  it('wrong guesses beyond maxAttempts never reach a comparison', async () => {
    const compare = await import('../../src/otp/compare.js');
    const spy = vi.spyOn(compare, 'constantTimeEqual');
    try {
      const h = harness();
      await h.otp.send({ phone: PHONE });
      const code = h.lastCode();
      const results = await Promise.all(Array.from({ length: 50 }, () => h.otp.verify({ phone: PHONE, code: wrongCode(code) })));
      expect(results.filter((r) => r.result === 'ERROR' && r.code === 'OTP_WRONG_CODE')).toHaveLength(3);
      expect(results.filter((r) => r.result === 'ERROR' && r.code === 'OTP_LOCKED')).toHaveLength(47);
      expect(await h.otp.verify({ phone: PHONE, code })).toMatchObject({ code: 'OTP_LOCKED' });
      expect(spy).toHaveBeenCalledTimes(3);
    } finally {
      spy.mockRestore();
    }
  });

  it('100 concurrent verify() calls with the right code: exactly one OK (memory store)', async () => {
    const h = harness();
    await h.otp.send({ phone: PHONE });
    const code = h.lastCode();
    const results = await Promise.all(Array.from({ length: 100 }, () => h.otp.verify({ phone: PHONE, code })));
    expect(results.filter((r) => r.result === 'OK')).toHaveLength(1);
    expect(results.filter((r) => r.result === 'ERROR' && r.code === 'OTP_NOT_FOUND')).toHaveLength(99);
  });
});

describe('otp.cancel', () => {
  it('withdraws the live code; the cooldown stays', async () => {
    const h = harness();
    await h.otp.send({ phone: PHONE, purpose: 'login' });
    const code = h.lastCode();
    await h.otp.cancel({ phone: '+965 9876 5432', purpose: 'login' });
    expect(await h.otp.verify({ phone: PHONE, code, purpose: 'login' })).toMatchObject({ code: 'OTP_NOT_FOUND' });
    expect(await h.otp.send({ phone: PHONE })).toMatchObject({ code: 'OTP_COOLDOWN' });
    await expect(h.otp.cancel({ phone: PHONE })).resolves.toBeUndefined();
  });

  it('rejects with the TypeError for an invalid phone, and with the store error when the store fails', async () => {
    const h = harness();
    await expect(h.otp.cancel({ phone: '12' })).rejects.toThrow(TypeError);
    const broken = new Error('connection refused');
    const store: OtpStore = { ...memoryOtpStore(), cancel: () => Promise.reject(broken) };
    const otp = createOtp({ sms: h.sms, secret: SECRET, store, appName: 'MYAPP' });
    await expect(otp.cancel({ phone: PHONE })).rejects.toBe(broken);
  });
});

describe('a failing store: fail closed (OTP_STORE_UNAVAILABLE)', () => {
  const broken = new Error('ECONNREFUSED 127.0.0.1:6379');
  const failing: OtpStore = {
    issue: () => Promise.reject(broken),
    check: () => Promise.reject(broken),
    withdraw: () => Promise.reject(broken),
    cancel: () => Promise.reject(broken),
  };

  it('send: no SMS, the error with its cause', async () => {
    const h = harness();
    const otp = createOtp({ sms: h.sms, secret: SECRET, store: failing, appName: 'MYAPP' });
    expect(await otp.send({ phone: PHONE })).toEqual({
      result: 'ERROR',
      code: 'OTP_STORE_UNAVAILABLE',
      description: expect.any(String),
      action: apiErrors.OTP_STORE_UNAVAILABLE,
      cause: broken,
    });
    expect(h.fake.state.requests).toHaveLength(0);
  });

  it('verify: no code accepted', async () => {
    const otp = createOtp({ sms: harness().sms, secret: SECRET, store: failing, appName: 'MYAPP' });
    expect(await otp.verify({ phone: PHONE, code: '123456' })).toMatchObject({ code: 'OTP_STORE_UNAVAILABLE', cause: broken });
  });

  it('a store that throws synchronously or never answers counts too (storeTimeoutMs)', async () => {
    const h = harness();
    const hanging: OtpStore = {
      issue: () => new Promise(() => undefined),
      check: () => {
        throw broken;
      },
      withdraw: () => new Promise(() => undefined),
      cancel: () => new Promise(() => undefined),
    };
    const otp = createOtp({ sms: h.sms, secret: SECRET, store: hanging, appName: 'MYAPP', storeTimeoutMs: 20 });
    expect(await otp.send({ phone: PHONE })).toMatchObject({ code: 'OTP_STORE_UNAVAILABLE', cause: expect.objectContaining({ message: 'the OTP store did not answer within 20 ms' }) });
    expect(await otp.verify({ phone: PHONE, code: '123456' })).toMatchObject({ code: 'OTP_STORE_UNAVAILABLE', cause: broken });
    await expect(otp.cancel({ phone: PHONE })).rejects.toThrow('within 20 ms');
    expect(h.fake.state.requests).toHaveLength(0);
  });

  it('a store answer outside the contract fails closed: no SMS, no code accepted', async () => {
    const h = harness();
    const odd = { ...memoryOtpStore(), issue: async () => ({ status: 'maybe' }), check: async () => ({ status: 'ok?' }) } as unknown as OtpStore;
    const otp = createOtp({ sms: h.sms, secret: SECRET, store: odd, appName: 'MYAPP' });
    expect(await otp.send({ phone: PHONE })).toMatchObject({ code: 'OTP_STORE_UNAVAILABLE', cause: expect.objectContaining({ message: `the store's issue() answered {"status":"maybe"}` }) });
    expect(await otp.verify({ phone: PHONE, code: '123456' })).toMatchObject({ code: 'OTP_STORE_UNAVAILABLE' });
    expect(h.fake.state.requests).toHaveLength(0);
  });

  it('a sender that answers nothing: an unknown fate, the code stays', async () => {
    const store = memoryOtpStore();
    const otp = createOtp({ sms: { send: async () => undefined as never }, secret: SECRET, store, appName: 'MYAPP' });
    expect(await otp.send({ phone: PHONE })).toMatchObject({ result: 'ERROR', code: 'BAD_RESPONSE' });
    expect(await otp.send({ phone: PHONE })).toMatchObject({ code: 'OTP_COOLDOWN' });
  });

  it('a withdraw that fails after a definite send failure still resolves the send error', async () => {
    const h = harness();
    const store: OtpStore = { ...memoryOtpStore(), withdraw: () => Promise.reject(broken) };
    const otp = createOtp({ sms: h.sms, secret: SECRET, store, appName: 'MYAPP' });
    h.fake.state.failNext(1, 'ERR010');
    expect(await otp.send({ phone: PHONE })).toMatchObject({ code: 'ERR010' });
  });
});
