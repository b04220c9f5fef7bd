import { describe, expect, it } from 'vitest';
import { KwtSMS } from '../../src/index.js';
import { createFakeGateway } from '../../src/testing/index.js';

// The flows a user's own test suite runs offline: the client on the fake's fetch, no network.
describe('the client against createFakeGateway()', () => {
  it('runs verify, send, status, the 15-second rule and balance offline', async () => {
    let now = Date.UTC(2026, 0, 1, 9, 0, 0);
    const fake = createFakeGateway({ balance: 100, senderIds: ['MY-APP'], now: () => now });
    const sms = new KwtSMS('user', 'pass', { fetch: fake.fetch, senderId: 'MY-APP' });

    expect(await sms.verify()).toEqual({ ok: true, balance: 100, purchased: 100, error: null });

    const first = await sms.send('+965 9876 5432', 'Your OTP for MYAPP is: 123456');
    expect(first).toMatchObject({ result: 'OK', numbers: 1, pointsCharged: 1, balanceAfter: 99, batches: 1 });
    expect(first.msgId).toMatch(/^[0-9a-f]{32}$/);
    expect(fake.state.sent).toEqual([
      { msgId: first.msgId, numbers: ['96598765432'], message: 'Your OTP for MYAPP is: 123456', sender: 'MY-APP', test: false },
    ]);
    // GMT+3 server time, as the real gateway answers.
    expect(first.unixTimestamp).toBe(Math.floor(now / 1000) + 3 * 3600);

    expect(await sms.status(first.msgId ?? '')).toMatchObject({ result: 'OK', status: 'sent' });

    const again = await sms.send('96598765432', 'Your OTP for MYAPP is: 654321');
    expect(again).toMatchObject({ result: 'ERROR', code: 'ERR028', batches: 1 });
    expect(again.action).toMatch(/15 seconds/);
    expect(again.errors[0]?.numbers).toEqual(['96598765432']);

    now += 16_000;
    expect((await sms.send('96598765432', 'Your OTP for MYAPP is: 654321')).result).toBe('OK');
    expect(await sms.balance()).toBe(98);
    expect(sms.cachedBalance).toBe(98);
  });

  it('holds credits in test mode and answers ERR030 for the queued message', async () => {
    const fake = createFakeGateway({ balance: 10 });
    const sms = new KwtSMS('user', 'pass', { fetch: fake.fetch, testMode: true });
    const sent = await sms.send('96598765432', 'test message');
    expect(sent).toMatchObject({ result: 'OK', balanceAfter: 9 });
    expect(fake.state.sent[0]?.test).toBe(true);
    expect(await sms.status(sent.msgId ?? '')).toMatchObject({ result: 'ERROR', code: 'ERR030' });
  });

  it('retries a full queue and reports a gateway outage as a result, falling back to the cached balance', async () => {
    const fake = createFakeGateway();
    const sms = new KwtSMS('user', 'pass', { fetch: fake.fetch, retryDelaysMs: [1], batchDelayMs: 0 });
    fake.state.failNext(1, 'ERR013');
    const sent = await sms.send('96598765432', 'Hi');
    expect(sent).toMatchObject({ result: 'OK', batches: 1 });
    expect(fake.state.requests.filter((r) => r.endpoint === 'send')).toHaveLength(2);
    fake.state.failNext(1, 'HTTP_502');
    expect(await sms.balance()).toBe(fake.state.balance);
    fake.state.failNext(1, 'HTTP_502');
    expect(await sms.senderIds()).toMatchObject({ result: 'ERROR', code: 'BAD_RESPONSE' });
  });

  it('rejects a wrong password with ERR003 when the fake has credentials', async () => {
    const fake = createFakeGateway({ username: 'user', password: 'right' });
    const verify = await new KwtSMS('user', 'wrong', { fetch: fake.fetch }).verify();
    expect(verify).toMatchObject({ ok: false, code: 'ERR003' });
    expect(verify.error).toMatch(/KWTSMS_USERNAME/);
  });
});
