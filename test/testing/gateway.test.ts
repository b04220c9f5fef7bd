import { describe, expect, it } from 'vitest';
import { createFakeGateway } from '../../src/testing/index.js';
import { api, CREDS, manualClock, post, sendFields } from './helpers.js';

const KW = '96598765432';
const KW2 = '96550000001';

describe('credentials', () => {
  it('accepts any non-empty username and password when none are configured', async () => {
    const fake = createFakeGateway();
    const { status, body } = await api(fake, 'balance', { username: 'anyone', password: 'anything' });
    expect(status).toBe(200);
    expect(body.result).toBe('OK');
  });

  it.each([
    ['missing username', { password: 'p' }],
    ['missing password', { username: 'u' }],
    ['empty username', { username: '', password: 'p' }],
    ['empty password', { username: 'u', password: '' }],
    ['non-string password', { username: 'u', password: 1234 }],
  ])('answers ERR002 for %s', async (_name, body) => {
    const fake = createFakeGateway();
    const response = await post(fake, 'balance', body);
    expect(await response.json()).toEqual({ result: 'ERROR', code: 'ERR002', description: expect.any(String) });
  });

  it.each([
    ['wrong password', { username: 'user', password: 'nope' }],
    ['wrong username', { username: 'other', password: 'secret' }],
  ])('answers ERR003 with HTTP 403 for a %s', async (_name, body) => {
    const fake = createFakeGateway(CREDS);
    const response = await post(fake, 'balance', body);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/json');
    const json = (await response.json()) as Record<string, unknown>;
    expect(json).toMatchObject({ result: 'ERROR', code: 'ERR003' });
    expect(json.description).toMatch(/^Authentication error/);
  });

  it('accepts the configured credentials', async () => {
    const fake = createFakeGateway(CREDS);
    expect((await api(fake, 'balance')).body.result).toBe('OK');
  });

  it('checks only the credential that was configured', async () => {
    const fake = createFakeGateway({ password: 'secret' });
    expect((await api(fake, 'balance', { username: 'whoever' })).body.result).toBe('OK');
  });
});

describe('balance, senderid, coverage', () => {
  it('reports available and purchased, purchased defaulting to the balance', async () => {
    expect((await api(createFakeGateway({ balance: 42 }), 'balance')).body).toEqual({
      result: 'OK',
      available: 42,
      purchased: 42,
    });
    expect((await api(createFakeGateway(), 'balance')).body).toEqual({ result: 'OK', available: 1000, purchased: 1000 });
    expect((await api(createFakeGateway({ balance: 5, purchased: 900 }), 'balance')).body).toMatchObject({
      available: 5,
      purchased: 900,
    });
  });

  it('lists the sender IDs', async () => {
    expect((await api(createFakeGateway(), 'senderid')).body).toEqual({ result: 'OK', senderid: ['KWT-SMS'] });
    expect((await api(createFakeGateway({ senderIds: ['A', 'B'] }), 'senderid')).body).toEqual({
      result: 'OK',
      senderid: ['A', 'B'],
    });
  });

  it('lists the coverage prefixes', async () => {
    expect((await api(createFakeGateway(), 'coverage')).body).toEqual({ result: 'OK', prefixes: ['965'] });
    expect((await api(createFakeGateway({ coverage: ['965', '966'] }), 'coverage')).body).toEqual({
      result: 'OK',
      prefixes: ['965', '966'],
    });
  });

  it('never keeps the caller’s arrays', async () => {
    const senderIds = ['A'];
    const fake = createFakeGateway({ senderIds });
    senderIds.push('B');
    expect((await api(fake, 'senderid')).body.senderid).toEqual(['A']);
  });

  it('answers JSON with Content-Type application/json', async () => {
    const response = await post(createFakeGateway(), 'balance', CREDS);
    expect(response.headers.get('content-type')).toBe('application/json');
  });
});

describe('validate', () => {
  it('sorts numbers into OK, ER and NR', async () => {
    const fake = createFakeGateway({ coverage: ['965', '966'] });
    const { body } = await api(fake, 'validate', { mobile: `${KW},966551234567,123,+96598765432,4479460000001,9659876543210987` });
    expect(body).toEqual({
      result: 'OK',
      mobile: {
        OK: [KW, '966551234567'],
        ER: ['123', '+96598765432', '9659876543210987'],
        NR: ['4479460000001'],
      },
    });
  });

  it('answers ERR002 without mobile', async () => {
    expect((await api(createFakeGateway(), 'validate')).body.code).toBe('ERR002');
  });

  it('answers ERR007 above 200 numbers', async () => {
    const mobile = Array.from({ length: 201 }, (_, i) => String(96550000000 + i)).join(',');
    expect((await api(createFakeGateway(), 'validate', { mobile })).body.code).toBe('ERR007');
  });

  it('does not touch the balance', async () => {
    const fake = createFakeGateway();
    await api(fake, 'validate', { mobile: KW });
    expect(fake.state.balance).toBe(1000);
  });
});

describe('send', () => {
  it('accepts a message and answers the documented fields', async () => {
    const clock = manualClock(Date.UTC(2025, 0, 1, 9, 0, 0, 750));
    const fake = createFakeGateway({ now: clock.now });
    const { status, body } = await api(fake, 'send', sendFields(`${KW},${KW2}`));
    expect(status).toBe(200);
    expect(body).toEqual({
      result: 'OK',
      'msg-id': expect.stringMatching(/^[0-9a-f]{32}$/),
      numbers: 2,
      'points-charged': 2,
      'balance-after': 998,
      'unix-timestamp': Math.floor(Date.UTC(2025, 0, 1, 9, 0, 0) / 1000) + 3 * 3600,
    });
    expect(fake.state.balance).toBe(998);
    expect(fake.state.sent).toEqual([
      { msgId: body['msg-id'], numbers: [KW, KW2], message: 'Hello', sender: 'KWT-SMS', test: false },
    ]);
  });

  it('gives every send its own msg-id', async () => {
    const fake = createFakeGateway();
    const a = await api(fake, 'send', sendFields(KW));
    const b = await api(fake, 'send', sendFields(KW2));
    expect(a.body['msg-id']).not.toBe(b.body['msg-id']);
  });

  it('charges pages times numbers', async () => {
    const fake = createFakeGateway();
    // 161 GSM-7 characters are two pages of 153.
    const { body } = await api(fake, 'send', sendFields(`${KW},${KW2},96560000003`, 'a'.repeat(161)));
    expect(body['points-charged']).toBe(6);
    expect(fake.state.balance).toBe(994);
  });

  it('counts Arabic text in UCS-2 pages', async () => {
    const fake = createFakeGateway();
    const { body } = await api(fake, 'send', sendFields(KW, 'م'.repeat(71)));
    expect(body['points-charged']).toBe(2);
  });

  it('deduplicates the numbers of one request', async () => {
    const fake = createFakeGateway();
    const { body } = await api(fake, 'send', sendFields(`${KW}, ${KW},,${KW2}`));
    expect(body.numbers).toBe(2);
    expect(fake.state.sent[0]?.numbers).toEqual([KW, KW2]);
  });

  it('holds the credits in test mode and records test: true', async () => {
    const fake = createFakeGateway({ balance: 10 });
    const { body } = await api(fake, 'send', sendFields(KW, 'Hi', '1'));
    expect(body).toMatchObject({ result: 'OK', 'points-charged': 1, 'balance-after': 9 });
    expect(fake.state.sent[0]?.test).toBe(true);
    expect((await api(fake, 'balance')).body.available).toBe(9);
  });

  it.each([
    ['sender', { mobile: KW, message: 'Hi' }],
    ['mobile', { sender: 'KWT-SMS', message: 'Hi' }],
    ['message', { sender: 'KWT-SMS', mobile: KW }],
    ['a blank mobile', { sender: 'KWT-SMS', mobile: ' ', message: 'Hi' }],
  ])('answers ERR002 without %s', async (_name, fields) => {
    expect((await api(createFakeGateway(), 'send', fields)).body.code).toBe('ERR002');
  });

  it('answers ERR008 for a sender not on the account (case-sensitive)', async () => {
    const fake = createFakeGateway();
    expect((await api(fake, 'send', { ...sendFields(KW), sender: 'kwt-sms' })).body.code).toBe('ERR008');
    expect((await api(fake, 'send', { ...sendFields(KW), sender: 'OTHER' })).body.code).toBe('ERR008');
  });

  it.each(['', '   \n'])('answers ERR009 for the empty message %j', async (message) => {
    expect((await api(createFakeGateway(), 'send', sendFields(KW, message))).body.code).toBe('ERR009');
  });

  it('answers ERR007 above 200 numbers and accepts exactly 200', async () => {
    const numbers = Array.from({ length: 201 }, (_, i) => String(96550000000 + i));
    const fake = createFakeGateway();
    expect((await api(fake, 'send', sendFields(numbers.join(',')))).body.code).toBe('ERR007');
    expect((await api(fake, 'send', sendFields(numbers.slice(0, 200).join(',')))).body).toMatchObject({
      result: 'OK',
      numbers: 200,
    });
  });

  it('answers ERR025 when one number is malformed, ERR006 when all are', async () => {
    const fake = createFakeGateway();
    expect((await api(fake, 'send', sendFields(`${KW},12345`))).body.code).toBe('ERR025');
    expect((await api(fake, 'send', sendFields(`${KW},+96550000001`))).body.code).toBe('ERR025');
    expect((await api(fake, 'send', sendFields('123,abcdefgh,1234567890123456'))).body.code).toBe('ERR006');
    expect(fake.state.sent).toEqual([]);
  });

  it('answers ERR026 for a number outside coverage', async () => {
    const fake = createFakeGateway();
    expect((await api(fake, 'send', sendFields(`${KW},966551234567`))).body.code).toBe('ERR026');
    const wider = createFakeGateway({ coverage: ['965', '966'] });
    expect((await api(wider, 'send', sendFields(`${KW},966551234567`))).body.result).toBe('OK');
  });

  it('answers ERR012 above 7 pages and accepts exactly 7', async () => {
    const fake = createFakeGateway();
    expect((await api(fake, 'send', sendFields(KW, 'a'.repeat(153 * 7 + 1)))).body.code).toBe('ERR012');
    expect((await api(fake, 'send', sendFields(KW, 'a'.repeat(153 * 7)))).body).toMatchObject({
      result: 'OK',
      'points-charged': 7,
    });
  });

  it('answers ERR010 at zero balance and ERR011 when short, charging nothing', async () => {
    const fake = createFakeGateway({ balance: 0 });
    expect((await api(fake, 'send', sendFields(KW))).body.code).toBe('ERR010');
    fake.state.balance = 1;
    expect((await api(fake, 'send', sendFields(`${KW},${KW2}`))).body.code).toBe('ERR011');
    expect(fake.state.balance).toBe(1);
    expect((await api(fake, 'send', sendFields(KW))).body).toMatchObject({ result: 'OK', 'balance-after': 0 });
  });

  it('drops the balance across sends', async () => {
    const fake = createFakeGateway({ balance: 3 });
    await api(fake, 'send', sendFields(KW));
    await api(fake, 'send', sendFields(KW2));
    expect((await api(fake, 'balance')).body).toEqual({ result: 'OK', available: 1, purchased: 3 });
  });
});

describe('the 15-second same-number rule', () => {
  it('refuses a number sent less than 15 s ago and accepts it at 15 s', async () => {
    const clock = manualClock();
    const fake = createFakeGateway({ now: clock.now });
    expect((await api(fake, 'send', sendFields(KW))).body.result).toBe('OK');
    clock.advance(14_999);
    const refused = await api(fake, 'send', sendFields(KW));
    expect(refused.body).toMatchObject({ result: 'ERROR', code: 'ERR028' });
    expect(fake.state.balance).toBe(999);
    clock.advance(1);
    expect((await api(fake, 'send', sendFields(KW))).body.result).toBe('OK');
  });

  it('refuses the whole request when any one number is too recent', async () => {
    const clock = manualClock();
    const fake = createFakeGateway({ now: clock.now });
    await api(fake, 'send', sendFields(KW));
    expect((await api(fake, 'send', sendFields(`${KW2},${KW}`))).body.code).toBe('ERR028');
    expect((await api(fake, 'send', sendFields(KW2))).body.result).toBe('OK');
  });

  it('counts test-mode sends too', async () => {
    const clock = manualClock();
    const fake = createFakeGateway({ now: clock.now });
    await api(fake, 'send', sendFields(KW, 'Hi', '1'));
    expect((await api(fake, 'send', sendFields(KW, 'Hi', '1'))).body.code).toBe('ERR028');
  });

  it('is forgotten by reset()', async () => {
    const clock = manualClock();
    const fake = createFakeGateway({ now: clock.now });
    await api(fake, 'send', sendFields(KW));
    fake.state.reset();
    expect((await api(fake, 'send', sendFields(KW))).body.result).toBe('OK');
  });
});

describe('status', () => {
  it('reports a live message as sent', async () => {
    const fake = createFakeGateway();
    const sent = await api(fake, 'send', sendFields(KW));
    expect((await api(fake, 'status', { msgid: sent.body['msg-id'] })).body).toEqual({
      result: 'OK',
      status: 'sent',
      description: 'Message successfully sent to gateway',
    });
  });

  it('answers ERR030 for a test-mode message, which stays queued', async () => {
    const fake = createFakeGateway();
    const sent = await api(fake, 'send', sendFields(KW, 'Hi', '1'));
    const { body } = await api(fake, 'status', { msgid: sent.body['msg-id'] });
    expect(body).toMatchObject({ result: 'ERROR', code: 'ERR030' });
    expect(body.description).toMatch(/^Message is stuck in the send queue/);
  });

  it('answers ERR029 for an unknown id and ERR002 without one', async () => {
    const fake = createFakeGateway();
    expect((await api(fake, 'status', { msgid: 'f'.repeat(32) })).body.code).toBe('ERR029');
    expect((await api(fake, 'status')).body.code).toBe('ERR002');
  });
});

describe('dlr', () => {
  it('reports every non-Kuwait number as received', async () => {
    const fake = createFakeGateway({ coverage: ['965', '966', '44'] });
    const sent = await api(fake, 'send', sendFields(`966551234567,${KW},447911123456`));
    expect((await api(fake, 'dlr', { msgid: sent.body['msg-id'] })).body).toEqual({
      result: 'OK',
      report: [
        { Number: '966551234567', Status: 'Received by recipient' },
        { Number: '447911123456', Status: 'Received by recipient' },
      ],
    });
  });

  it('answers ERR021 when every number is in Kuwait, which sends no reports', async () => {
    const fake = createFakeGateway();
    const sent = await api(fake, 'send', sendFields(KW));
    expect((await api(fake, 'dlr', { msgid: sent.body['msg-id'] })).body.code).toBe('ERR021');
  });

  it('answers ERR030 for a test-mode message', async () => {
    const fake = createFakeGateway({ coverage: ['966'] });
    const sent = await api(fake, 'send', sendFields('966551234567', 'Hi', '1'));
    expect((await api(fake, 'dlr', { msgid: sent.body['msg-id'] })).body.code).toBe('ERR030');
  });

  it('answers ERR020 for an unknown id and ERR002 without one', async () => {
    const fake = createFakeGateway();
    expect((await api(fake, 'dlr', { msgid: 'nope' })).body.code).toBe('ERR020');
    expect((await api(fake, 'dlr')).body.code).toBe('ERR002');
  });
});

describe('state', () => {
  it('logs every request with the password masked', async () => {
    const fake = createFakeGateway();
    await api(fake, 'balance');
    await api(fake, 'send', sendFields(KW));
    expect(fake.state.requests).toEqual([
      { endpoint: 'balance', method: 'POST', body: { username: 'user', password: '***' } },
      { endpoint: 'send', method: 'POST', body: { username: 'user', password: '***', ...sendFields(KW) } },
    ]);
    expect(JSON.stringify(fake.state)).not.toContain('secret');
  });

  it('reset() empties sent and requests in place and keeps the balance', async () => {
    const fake = createFakeGateway();
    const { sent, requests } = fake.state;
    await api(fake, 'send', sendFields(KW));
    fake.state.reset();
    expect(sent).toEqual([]);
    expect(requests).toEqual([]);
    expect(fake.state.sent).toBe(sent);
    expect(fake.state.balance).toBe(999);
  });

  it('forgets msg-ids on reset()', async () => {
    const fake = createFakeGateway();
    const sent = await api(fake, 'send', sendFields(KW));
    fake.state.reset();
    expect((await api(fake, 'status', { msgid: sent.body['msg-id'] })).body.code).toBe('ERR029');
  });

  it('lets a test set balance and purchased, and refuses nonsense', () => {
    const fake = createFakeGateway();
    fake.state.balance = 7;
    fake.state.purchased = 70;
    expect([fake.state.balance, fake.state.purchased]).toEqual([7, 70]);
    expect(() => {
      fake.state.balance = -1;
    }).toThrow(TypeError);
    expect(() => {
      fake.state.balance = Number.NaN;
    }).toThrow(TypeError);
  });

  it.each([
    ['a negative balance', { balance: -1 }],
    ['a non-array senderIds', { senderIds: 'KWT-SMS' as unknown as string[] }],
    ['a non-string coverage entry', { coverage: [965] as unknown as string[] }],
    ['a negative latency', { latencyMs: -5 }],
    ['a non-function clock', { now: 5 as unknown as () => number }],
  ])('createFakeGateway throws a TypeError for %s', (_name, options) => {
    expect(() => createFakeGateway(options)).toThrow(TypeError);
  });
});
