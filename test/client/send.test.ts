import { describe, expect, it } from 'vitest';
import { apiErrors } from '../../src/errors.js';
import { apiError, client, expectAccounted, gateway, mobiles, okSend, PASSWORD, USER } from '../helpers/gateway.js';

describe('send: success', () => {
  it('sends one POST with the documented fields and answers the documented shape', async () => {
    const seen = gateway('send', () => ({
      result: 'OK',
      'msg-id': 'f4c841adee210f31307633ceaebff2ec',
      numbers: 1,
      'points-charged': 1,
      'balance-after': 180,
      'unix-timestamp': 1684763355,
    }));
    const sms = client();
    const result = await sms.send('96598765432', 'Your OTP for MYAPP is: 123456');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toEqual({
      username: USER,
      password: PASSWORD,
      sender: 'KWT-SMS',
      mobile: '96598765432',
      message: 'Your OTP for MYAPP is: 123456',
      test: '0',
    });
    expect(result).toEqual({
      result: 'OK',
      msgId: 'f4c841adee210f31307633ceaebff2ec',
      msgIds: ['f4c841adee210f31307633ceaebff2ec'],
      numbers: 1,
      pointsCharged: 1,
      balanceAfter: 180,
      unixTimestamp: 1684763355,
      batches: 1,
      errors: [],
      invalid: [],
    });
    expect(sms.cachedBalance).toBe(180);
  });

  it.each([
    ['commas', '96598765432,96550000000,96560000000'],
    ['semicolons', '96598765432;96550000000;96560000000'],
    ['newlines', '96598765432\n96550000000\n96560000000'],
    ['CRLF and spaces', ' 96598765432 ,\r\n96550000000 ;96560000000\n'],
    ['an array', ['96598765432', '96550000000', '96560000000']],
  ])('splits %s and comma-joins the numbers', async (_name, mobile) => {
    const seen = gateway('send', (s) => okSend(s));
    const result = await client().send(mobile, 'hi');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body.mobile).toBe('96598765432,96550000000,96560000000');
    expect(result).toMatchObject({ result: 'OK', numbers: 3, batches: 1, invalid: [] });
  });

  it('normalizes Arabic digits, + and 00, and deduplicates after normalization', async () => {
    const inputs = ['+965 9876 5432', '0096598765432', '٩٦٥٩٨٧٦٥٤٣٢', '۹۶۵۵۰۰۰۰۰۰۰', '96550000000', '96598765432'];
    const seen = gateway('send', (s) => okSend(s));
    const result = await client().send(inputs, 'hi');
    expect(mobiles(seen[0]!)).toEqual(['96598765432', '96550000000']);
    expect(result.numbers).toBe(2);
    expect(result.invalid).toEqual([]);
    expectAccounted(inputs, result, seen);
  });

  it("puts invalid numbers in `invalid` with validatePhoneInput's exact message and never sends them", async () => {
    const inputs = ['96598765432', '123', 'a@b.com', 'abc', '96512345678', '+965 12'];
    const seen = gateway('send', (s) => okSend(s));
    const result = await client().send(inputs, 'hi');
    expect(mobiles(seen[0]!)).toEqual(['96598765432']);
    expect(result.result).toBe('OK');
    expect(result.invalid).toEqual([
      { input: '123', error: "'123' is too short (3 digits, minimum is 7)" },
      { input: 'a@b.com', error: "'a@b.com' is an email address, not a phone number" },
      { input: 'abc', error: "'abc' is not a valid phone number, no digits found" },
      { input: '96512345678', error: 'Invalid Kuwait mobile number: after +965 must start with 4, 5, 6, 9' },
      { input: '+965 12', error: "'+965 12' is too short (5 digits, minimum is 7)" },
    ]);
    expectAccounted(inputs, result, seen);
  });

  it('uses defaultCountryCode for bare local numbers', async () => {
    const seen = gateway('send', (s) => okSend(s));
    const result = await client({ defaultCountryCode: '965' }).send('98765432, 9876 5432, 96550000000', 'hi');
    expect(mobiles(seen[0]!)).toEqual(['96598765432', '96550000000']);
    expect(result.invalid).toEqual([]);
  });

  it('rejects bare local numbers without defaultCountryCode', async () => {
    const seen = gateway('send', (s) => okSend(s));
    const result = await client().send('98765432', 'hi');
    expect(seen).toHaveLength(0);
    expect(result.invalid).toEqual([{ input: '98765432', error: 'Invalid Iran number: expected 10 digits after +98, got 6' }]);
  });

  it('sends the cleaned message', async () => {
    const text = 'Hi <b>there</b> \u{1F600}\u200B, code ١٢٣٤';
    const seen = gateway('send', (s) => okSend(s));
    await client().send('96598765432', text);
    expect(seen[0]!.body.message).toBe('Hi there , code 1234');
  });

  it('uses the per-call sender over the client one', async () => {
    const seen = gateway('send', (s) => okSend(s));
    const sms = client({ senderId: 'CLIENT-SND' });
    await sms.send('96598765432', 'a', { sender: 'CALL-SND' });
    await sms.send('96598765432', 'b');
    expect(seen.map((s) => s.body.sender)).toEqual(['CALL-SND', 'CLIENT-SND']);
  });

  it.each(['', 'ABCDEFGHIJKL'])('rejects the per-call sender %j with a TypeError', async (sender) => {
    await expect(client().send('96598765432', 'a', { sender })).rejects.toThrow(/sender/);
  });

  it("sends test '1' in test mode", async () => {
    const seen = gateway('send', (s) => okSend(s));
    await client({ testMode: true }).send('96598765432', 'hi');
    expect(seen[0]!.body.test).toBe('1');
  });

  it('goes through batches when there are more numbers than batchSize', async () => {
    const seen = gateway('send', (s) => okSend(s));
    const result = await client({ batchSize: 2 }).send('96590000001,96590000002,96590000003,96590000004,96590000005', 'hi');
    expect(seen.map(mobiles)).toEqual([['96590000001', '96590000002'], ['96590000003', '96590000004'], ['96590000005']]);
    expect(result).toMatchObject({ result: 'OK', batches: 3, numbers: 5, msgIds: ['msg-0', 'msg-1', 'msg-2'], msgId: 'msg-0' });
  });
});

describe('send: refused before any request', () => {
  it('answers ERR_INVALID_INPUT with no request when no number is valid', async () => {
    const seen = gateway('send', (s) => okSend(s));
    const result = await client().send('123; a@b.com', 'hi');
    expect(seen).toHaveLength(0);
    expect(result).toEqual({
      result: 'ERROR',
      code: 'ERR_INVALID_INPUT',
      description: expect.any(String),
      action: apiErrors.ERR_INVALID_INPUT,
      msgIds: [],
      numbers: 0,
      pointsCharged: 0,
      batches: 0,
      errors: [],
      invalid: [
        { input: '123', error: "'123' is too short (3 digits, minimum is 7)" },
        { input: 'a@b.com', error: "'a@b.com' is an email address, not a phone number" },
      ],
    });
  });

  it.each([[''], [[]], ['  ,  ']])('answers ERR_INVALID_INPUT for %j', async (mobile) => {
    const seen = gateway('send', (s) => okSend(s));
    const result = await client().send(mobile, 'hi');
    expect(seen).toHaveLength(0);
    expect(result).toMatchObject({ result: 'ERROR', code: 'ERR_INVALID_INPUT', batches: 0, errors: [] });
  });

  it.each([
    ['empty', ''],
    ['whitespace', '  \n\t '],
    ['only emojis', '\u{1F600}\u{1F44D}\u{1F3FD}'],
    ['only HTML and hidden characters', '<b></b>\u200B\uFEFF'],
  ])('answers ERR009 for a message that is %s after cleaning, with no request', async (_name, message) => {
    const seen = gateway('send', (s) => okSend(s));
    const result = await client().send(['96598765432', '123', '+96550000000'], message);
    expect(seen).toHaveLength(0);
    expect(result).toEqual({
      result: 'ERROR',
      code: 'ERR009',
      description: expect.any(String),
      action: apiErrors.ERR009,
      msgIds: [],
      numbers: 0,
      pointsCharged: 0,
      batches: 0,
      errors: [{ batch: 0, code: 'ERR009', description: 'The message is empty after cleanMessage().', action: apiErrors.ERR009, numbers: ['96598765432', '96550000000'] }],
      invalid: [{ input: '123', error: "'123' is too short (3 digits, minimum is 7)" }],
    });
  });

  it('answers ERR012 for a message longer than 7 pages, with no request', async () => {
    const seen = gateway('send', (s) => okSend(s));
    const result = await client().send('96598765432', 'a'.repeat(153 * 7 + 1));
    expect(seen).toHaveLength(0);
    expect(result).toMatchObject({
      result: 'ERROR',
      code: 'ERR012',
      action: apiErrors.ERR012,
      batches: 0,
      errors: [{ batch: 0, code: 'ERR012', numbers: ['96598765432'] }],
    });
    expect(result.description).toMatch(/7/);
  });

  it('sends a message of exactly 7 pages', async () => {
    const seen = gateway('send', (s) => okSend(s));
    await expect(client().send('96598765432', 'a'.repeat(153 * 7))).resolves.toMatchObject({ result: 'OK' });
    expect(seen).toHaveLength(1);
  });

  it('answers ERR012 for Arabic text over 7 pages of 67', async () => {
    const seen = gateway('send', (s) => okSend(s));
    const result = await client().send('96598765432', 'م'.repeat(67 * 7 + 1));
    expect(seen).toHaveLength(0);
    expect(result.code).toBe('ERR012');
  });

  it.each<[string, unknown, unknown]>([
    ['a number as mobile', 96598765432, 'hi'],
    ['null as mobile', null, 'hi'],
    ['a non-string message', '96598765432', 5],
    ['a non-string array item', [96598765432], 'hi'],
  ])('throws (rejects) a TypeError for %s', async (_name, mobile, message) => {
    await expect(client().send(mobile as string, message as string)).rejects.toThrow(TypeError);
  });
});

describe('send: gateway errors', () => {
  it('answers the API error with its action, the batch and its numbers', async () => {
    gateway('send', () => apiError('ERR008', 'Sender ID banned'));
    const result = await client().send('96598765432,96550000000', 'hi');
    expect(result).toEqual({
      result: 'ERROR',
      code: 'ERR008',
      description: 'Sender ID banned',
      action: apiErrors.ERR008,
      msgIds: [],
      numbers: 0,
      pointsCharged: 0,
      batches: 1,
      errors: [{ batch: 1, code: 'ERR008', description: 'Sender ID banned', action: apiErrors.ERR008, numbers: ['96598765432', '96550000000'] }],
      invalid: [],
    });
  });

  it('retries ERR013 on a single send and counts one batch', async () => {
    const seen = gateway('send', (s) => (s.call === 0 ? apiError('ERR013', 'Queue full') : okSend(s)));
    const result = await client({ retryDelaysMs: [10, 20] }).send('96598765432', 'hi');
    expect(seen).toHaveLength(2);
    expect(seen[1]!.at - seen[0]!.end!).toBeGreaterThanOrEqual(8);
    expect(result).toMatchObject({ result: 'OK', batches: 1, msgId: 'msg-1', errors: [] });
  });

  it('records ERR013 once the retries are used up', async () => {
    const seen = gateway('send', () => apiError('ERR013', 'Queue full'));
    const result = await client({ retryDelaysMs: [10, 20] }).send('96598765432', 'hi');
    expect(seen).toHaveLength(3);
    expect(result).toMatchObject({
      result: 'ERROR',
      code: 'ERR013',
      action: apiErrors.ERR013,
      batches: 1,
      errors: [{ batch: 1, code: 'ERR013', numbers: ['96598765432'] }],
    });
  });

  it('answers BAD_RESPONSE when an OK answer has no msg-id', async () => {
    gateway('send', () => ({ result: 'OK' }));
    const result = await client().send('96598765432', 'hi');
    expect(result).toMatchObject({ result: 'ERROR', code: 'BAD_RESPONSE', errors: [{ batch: 1, numbers: ['96598765432'] }] });
  });
});
