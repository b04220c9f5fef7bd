// The one scenario every runtime runs against the packed package (see run.mjs).
//
// It imports nothing: each runtime's entry file imports `kwtsms` and
// `kwtsms/testing` its own way (ESM import, CJS require, a Worker or browser
// bundle) and hands the module objects in, so the code under test is always
// the published build and this file stays plain ES2022 with web globals only.

/** Phone inputs whose normalization must not differ between runtimes. */
export const PHONES = [
  '+965 9876 5432',
  '0096598765432',
  '965-9876-5432',
  '(965) 98765432',
  '٩٦٥٩٨٧٦٥٤٣٢', // Arabic-Indic digits
  '۹۶۵۹۸۷۶۵۴۳۲', // Extended Arabic-Indic (Persian) digits
  '+٩٦٥ ۹۸۷۶ 5432', // all three digit sets at once
  '۰۰۹۶۵۹۸۷۶۵۴۳۲',
  '٠٠٩٦٦٠٥٥٩٨٧٦٥٤٣',
  '9660559876543', // Saudi trunk zero after the country code
  '966559876543',
  '20010123456789', // Egypt trunk zero
  '2010123456789',
  '2250712345678', // Ivory Coast: the 0 is part of the number
  '+225 07 12 34 56 78',
  '225712345678',
  '9710501234567',
  '971501234567',
  '98765432', // bare local numbers (defaultCountryCode)
  '9876 5432',
  '+44 7700 900123',
  '00447700900123',
  '+1 (415) 555-2671',
  '96512345678',
  '+965 12',
  '123',
  '1234567890123456',
  '',
  '   ',
  'user@example.com',
  'abc',
  '96598765432\u200B',
  '\u202A+965 9876 5432\u202C',
  '+965 ９８７６ ５４３２', // full-width digits are not Latin digits
  '96598765432 ext 1',
  '\u{1F4DE} 96598765432',
];

/** Messages whose cleaning and cost must not differ between runtimes. */
export const MESSAGES = [
  'Your code is 1234',
  'مرحبا',
  '<b>رمز التحقق</b>: ١٢٣٤٥٦ \u{1F600}',
  'Hello 👋🏽 world',
  '👨‍👩‍👧‍👦 family',
  '🇰🇼 Kuwait 🇰🇼',
  '1️⃣2️⃣3️⃣ #️⃣ *️⃣',
  '🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland',
  '© ® ™ ©️ ®️ ™️',
  '☀️☁️ ✅ ❤️ ✈ ➿',
  '\u{1FAE8} \u{1FA89} \u{1FAFA} \u{1FAEF}', // Emoji 15-16 and reserved code points
  '\u{1FC00}\u{1FFFD}\u{1F000}\u{1FAFF}',
  'Persian ۰۱۲۳۴۵۶۷۸۹ Arabic ٠١٢٣٤٥٦٧٨٩',
  'می\u200Cخواهم', // ZWNJ between Arabic-script letters: spelling, kept
  'کتاب\u200Cها',
  'Urdu: ہے\u200Cکہ',
  'a\u200Cb',
  'ب\u200C1',
  '\u200Cب',
  'ب\u200C',
  'ب\u200C\u200Cب',
  '<script>alert(1)</script>hi',
  'a < b and c > d',
  'Use code <1234>',
  '<!-- note -->text',
  '<<b>b>',
  '<\u200Bb>x',
  '<p>para</p><br/>end',
  '<',
  'x <b',
  'line1\r\nline2\rline3\n',
  '\uFEFFBOM',
  'zero\u200Bwidth\u2060joiner\u00ADsoft\u200D',
  '\u200Eltr\u200Frtl\u202Aemb\u202C\u2066iso\u2069\u061Calm',
  'ctrl\u0000\u0007\u001B\u007F\u0085\u009F\ttab',
  'obj\uFFFC\u2061\u2064',
  'lone \uD83D high',
  'lone \uDE00 low',
  '\uDE00\uD83D reversed',
  '{}[]~^|\\€',
  'ΔΦΓΛΩΠΨΣΘΞ',
  'çé\t',
  '\u{E0001}\u{E0020}\u{E007F}',
  '\uFE0F\uFE0E\u20E3',
  '',
  '   ',
  '😀',
  'x'.repeat(160),
  'x'.repeat(161),
  '€'.repeat(80),
  '€'.repeat(81),
  'ع'.repeat(70),
  'ع'.repeat(71),
  'ع'.repeat(469),
  'ع'.repeat(470),
  'a'.repeat(1071),
  'a'.repeat(1072),
  '😀'.repeat(500) + 'ok',
];

/** A UTF-16LE byte sink: it hashes exactly the code units a runtime produced, lone surrogates included. */
class Utf16Sink {
  constructor() {
    this.bytes = new Uint8Array(1 << 22);
    this.length = 0;
  }

  unit(u) {
    if (this.length + 2 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = u & 0xff;
    this.bytes[this.length++] = u >>> 8;
  }

  /** Writes the string with its length first, so the concatenation is unambiguous. */
  string(s) {
    this.unit(s.length & 0xffff);
    this.unit(s.length >>> 16);
    for (let i = 0; i < s.length; i++) this.unit(s.charCodeAt(i));
  }

  view() {
    return this.bytes.subarray(0, this.length);
  }
}

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

function codePointString(cp) {
  // Lone surrogates are included on purpose: cleanMessage must treat them the same everywhere.
  return cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
}

/**
 * SHA-256 digests of the pure helpers' answers on every code point and on the tricky inputs.
 * @param k the `kwtsms` module
 */
export async function determinismHashes(k) {
  // 1. cleanMessage on each code point 0..0x10FFFF alone.
  const each = new Utf16Sink();
  for (let cp = 0; cp <= 0x10ffff; cp++) each.string(k.cleanMessage(codePointString(cp)));
  // 2. cleanMessage on runs of 64 neighbouring code points, so context rules (ZWNJ, '<', CR LF) see neighbours.
  const runs = new Utf16Sink();
  for (let start = 0; start <= 0x10ffff; start += 64) {
    let s = '';
    for (let cp = start; cp < start + 64 && cp <= 0x10ffff; cp++) s += codePointString(cp);
    runs.string(k.cleanMessage(s));
  }
  // 3. The phone helpers on the tricky numbers.
  const phones = new Utf16Sink();
  phones.string(
    JSON.stringify(
      PHONES.map((p) => [
        p,
        k.normalizePhone(p),
        k.normalizePhone(p, { defaultCountryCode: '965' }),
        k.validatePhoneInput(p),
        k.findCountryCode(k.normalizePhone(p)),
        k.maskPhone(k.normalizePhone(p)),
      ]),
    ),
  );
  // 4. cleanMessage and messageInfo on the tricky messages.
  const messages = new Utf16Sink();
  messages.string(JSON.stringify(MESSAGES.map((m) => [m, k.cleanMessage(m), k.messageInfo(m)])));
  return {
    cleanEachCodePoint: await sha256(each.view()),
    cleanCodePointRuns: await sha256(runs.view()),
    phones: await sha256(phones.view()),
    messages: await sha256(messages.view()),
  };
}

/** What this code is running on, as the runtime itself says. */
function selfReportedRuntime() {
  const g = globalThis;
  if (g.Deno?.version?.deno) return `deno ${g.Deno.version.deno}`;
  if (g.Bun?.version) return `bun ${g.Bun.version}`;
  if (typeof navigator === 'object' && navigator.userAgent === 'Cloudflare-Workers') return 'workerd';
  if (g.process?.versions?.node && typeof g.window === 'undefined') return `node ${g.process.versions.node}`;
  if (typeof navigator === 'object') return navigator.userAgent;
  return 'unknown';
}

/** The message the scenario sends, and what the gateway must receive after cleaning. */
export const SENT_TEXT = 'Your code is ١٢٣٤ ✅';
export const EXPECTED_TEXT = 'Your code is 1234 ';
export const PHONE_INPUT = '+965 9876 5432';
export const PHONE = '96598765432';
export const FAKE_BALANCE = 250;

/**
 * Runs the scenario. Never throws: every failed expectation goes to `failures`.
 * @param k the `kwtsms` module
 * @param options `{ testing?, otp?, baseUrl, env? }`: the `kwtsms/testing` and `kwtsms/otp`
 *   modules, the local fake gateway's URL, and the environment to hand to `KwtSMS.fromEnv`
 *   (undefined: the runtime's own).
 */
export async function runScenario(k, { testing, otp, baseUrl, env } = {}) {
  const failures = [];
  const expect = (name, actual, expected) => {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a !== e) failures.push(`${name}: expected ${e}, got ${a}`);
  };
  const step = async (name, fn) => {
    try {
      await fn();
    } catch (error) {
      failures.push(`${name} threw: ${error && error.stack ? error.stack : String(error)}`);
    }
  };
  const result = { runtime: selfReportedRuntime(), failures, hashes: null, msgId: null };

  await step('exports', () => {
    for (const name of ['KwtSMS', 'normalizePhone', 'cleanMessage', 'messageInfo', 'validatePhoneInput', 'enrichError']) {
      expect(`typeof ${name}`, typeof k[name], 'function');
    }
    if (testing !== undefined) expect('typeof createFakeGateway', typeof testing.createFakeGateway, 'function');
    if (otp === undefined) failures.push('kwtsms/otp was not loaded');
    else for (const name of ['createOtp', 'memoryOtpStore', 'redisOtpStore', 'otpStoreConformance']) expect(`typeof ${name}`, typeof otp[name], 'function');
  });

  await step('pure helpers', () => {
    expect('normalizePhone', k.normalizePhone(PHONE_INPUT), PHONE);
    expect('normalizePhone arabic', k.normalizePhone('٩٦٥٩٨٧٦٥٤٣٢'), PHONE);
    expect('normalizePhone ivory coast', k.normalizePhone('2250712345678'), '2250712345678');
    expect('normalizePhone trunk zero', k.normalizePhone('9660559876543'), '966559876543');
    expect('cleanMessage', k.cleanMessage('<b>رمز التحقق</b>: ١٢٣٤٥٦ \u{1F600}'), 'رمز التحقق: 123456 ');
    expect('cleanMessage text', k.cleanMessage('a < b and c > d'), 'a < b and c > d');
    expect('messageInfo gsm', k.messageInfo('Your code is 1234'), {
      text: 'Your code is 1234',
      encoding: 'GSM-7',
      characters: 17,
      pages: 1,
      perPage: 160,
      maxPages: 7,
      tooLong: false,
    });
    const arabic = k.messageInfo('مرحبا');
    expect('messageInfo ucs2', [arabic.encoding, arabic.characters, arabic.pages, arabic.perPage], ['UCS-2', 5, 1, 70]);
  });

  await step('hashes', async () => {
    result.hashes = await determinismHashes(k);
  });

  // The client against the fake gateway on a real local HTTP server.
  await step('client flow', async () => {
    const sms = k.KwtSMS.fromEnv(env === undefined ? { baseUrl } : { env, baseUrl });
    const password = env === undefined ? undefined : env.KWTSMS_PASSWORD;
    if (password !== undefined && JSON.stringify(sms).includes(password)) failures.push('JSON.stringify(sms) shows the password');

    const verified = await sms.verify();
    expect('verify', [verified.ok, verified.balance, verified.error], [true, FAKE_BALANCE, null]);

    const sent = await sms.send(PHONE_INPUT, SENT_TEXT);
    expect(
      'send',
      [sent.result, sent.numbers, sent.pointsCharged, sent.balanceAfter, sent.batches, sent.invalid, sent.errors],
      ['OK', 1, 1, FAKE_BALANCE - 1, 1, [], []],
    );
    if (typeof sent.msgId !== 'string' || sent.msgId === '') {
      failures.push(`send: no msgId in ${JSON.stringify(sent)}`);
      return;
    }
    expect('send msgIds', sent.msgIds, [sent.msgId]);
    expect('cachedBalance', sms.cachedBalance, FAKE_BALANCE - 1);
    result.msgId = sent.msgId;

    const status = await sms.status(sent.msgId);
    expect('status', [status.result, status.code], ['OK', undefined]);
  });

  // The in-memory fake from kwtsms/testing must run here too: users' tests run on every runtime.
  if (testing !== undefined) {
    await step('in-memory fake', async () => {
      const fake = testing.createFakeGateway({ balance: 10 });
      const sms = new k.KwtSMS('user', 'pass', { fetch: fake.fetch, testMode: true });
      const sent = await sms.send(['96598765432', '+965 5555 1234', 'nope'], 'Hi 👋');
      expect('fake send', [sent.result, sent.numbers, sent.invalid.length], ['OK', 2, 1]);
      expect('fake state', [fake.state.sent.length, fake.state.sent[0] && fake.state.sent[0].message, fake.state.balance], [1, 'Hi ', 8]);
    });

    // Calls sharing one signal share one abort listener on it, read back from the abort event.
    await step('shared AbortSignal', async () => {
      const fake = testing.createFakeGateway();
      const sms = new k.KwtSMS('user', 'pass', { fetch: fake.fetch });
      const controller = new AbortController();
      const done = await sms.send('96598765432', 'Hi', { signal: controller.signal });
      expect('send with a live signal', done.result, 'OK');
      fake.state.failNext(3, 'TIMEOUT');
      const hanging = ['96550000001', '96550000002', '96550000003'].map((n) => sms.send(n, 'Hi', { signal: controller.signal }));
      setTimeout(() => controller.abort(), 20);
      const aborted = await Promise.all(hanging);
      expect('sends aborted by one signal', aborted.map((r) => r.code), ['ABORTED', 'ABORTED', 'ABORTED']);
    });
  }

  // kwtsms/otp: send and verify on the in-memory fake with the memory store (WebCrypto HMAC, getRandomValues).
  if (testing !== undefined && otp !== undefined) {
    await step('otp send + verify', async () => {
      const fake = testing.createFakeGateway();
      const logs = [];
      const sms = new k.KwtSMS('user', 'pass', { fetch: fake.fetch, logger: (entry) => logs.push(entry) });
      const service = otp.createOtp({ sms, secret: 'the runtime matrix secret, 32 bytes or more', store: otp.memoryOtpStore(), appName: 'MYAPP' });
      const sent = await service.send({ phone: PHONE_INPUT, ip: '203.0.113.7', purpose: 'login' });
      expect('otp send', [sent.result, sent.phone, typeof sent.expiresAt, sent.resendAt < sent.expiresAt], ['OK', PHONE, 'number', true]);
      const message = fake.state.sent[0] ? fake.state.sent[0].message : '';
      const match = /^Your OTP for MYAPP is: (\d{6})$/.exec(message);
      if (match === null) {
        failures.push(`otp message: ${JSON.stringify(message)}`);
        return;
      }
      const code = match[1];
      expect('otp log redacted', logs.map((entry) => entry.request.message), ['***']);
      const wrong = await service.verify({ phone: PHONE, code: code === '000000' ? '111111' : '000000', purpose: 'login' });
      expect('otp wrong code', [wrong.result, wrong.code, wrong.attemptsLeft], ['ERROR', 'OTP_WRONG_CODE', 2]);
      const arabic = [...code].map((d) => String.fromCharCode(0x0660 + Number(d))).join('');
      const verified = await service.verify({ phone: PHONE_INPUT, code: arabic, purpose: 'login' });
      expect('otp verify', verified, { result: 'OK', phone: PHONE });
      const again = await service.verify({ phone: PHONE, code, purpose: 'login' });
      expect('otp single use', again.code, 'OTP_NOT_FOUND');
      const cooldown = await service.send({ phone: PHONE, purpose: 'reset' });
      expect('otp cooldown', [cooldown.code, cooldown.retryAfterMs > 0], ['OTP_COOLDOWN', true]);
      expect('otp sms count', fake.state.sent.length, 1);
    });
  }
  return result;
}
