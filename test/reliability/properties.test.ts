/**
 * Property tests for the pure functions, 10,000 runs each with a fixed seed (FC_SEED overrides it;
 * fast-check prints the seed and path of a failure, so it replays).
 *
 * test/phone.test.ts and test/message.test.ts already check, on inputs up to 40 characters,
 * that normalizePhone gives digits and is idempotent, that validatePhoneInput agrees with it,
 * that cleanMessage is idempotent and keeps Arabic letters and that messageInfo's pages grow
 * as a one-alphabet text grows. This file adds what they leave out: every pure function on any
 * string (lone surrogates, 10,000-character inputs), GSM-7 characters surviving cleanMessage,
 * messageInfo's arithmetic and monotonicity on any text, the .env round trip, enrichError's
 * immutability, and the recipient accounting.
 *
 * Inside properties the checks are node:assert's: at 10,000 runs a property, vitest's expect()
 * costs more than the functions under test.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  apiErrors,
  chunk,
  cleanMessage,
  deduplicatePhones,
  enrichError,
  findCountryCode,
  maskPhone,
  messageInfo,
  normalizePhone,
  parseEnv,
  phoneRules,
  prepareRecipients,
  splitNumbers,
  validatePhoneFormat,
  validatePhoneInput,
} from '../../src/index.js';
import { actionFor } from '../../src/errors.js';
import { parseFlag } from '../../src/env.js';
import { maskRequest } from '../../src/log.js';
import { readCoverage, readReport, readSend, toNumber, toStringList } from '../../src/results.js';
import { mulberry32, SEED } from './support.js';

const RUNS = 10_000;
const params = { seed: SEED, numRuns: RUNS };
const LONG = 10_000;

// ---------------------------------------------------------------------------
// Strings

/** Any UTF-16 code unit, lone surrogates included (fast-check's 'binary' unit draws whole code points only). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
/** Pieces every rule of phone.ts, message.ts and env.ts reacts to. */
const tricky = fc.constantFrom(
  ...'0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹+-() @#=;,\n\r\t"\''.split(''),
  ...['965', '966', '00', '0', '<b>', '</b>', '<', '>', '<!--', '\r\n', '\u200C', '\u200B', '\u200D', '\uFE0F', '\uFEFF'],
  ...['\u{1F600}', '\u{1F1F0}\u{1F1FC}', 'م', 'ب', 'ی', '€', '{', 'Δ', 'é', '\u00A0', '\u2028', 'export ', 'KEY=', '__proto__'],
);
const short = fc.oneof(
  fc.string({ unit: codeUnit, maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.oneof(tricky, loneSurrogate), maxLength: 40 }),
);


const NOISE_POOL = '0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹+ -<>/!b@#="\'\n\r\t\u200C\u200Dمب€{';

/** 10,000 code units: digits, markup, quotes, surrogates (lone and paired) and any other code unit. */
function noise(seed: number, length: number): string {
  const random = mulberry32(seed);
  const units: number[] = [];
  for (let i = 0; i < length; i++) {
    const r = random();
    if (r < 0.5) units.push(NOISE_POOL.charCodeAt(Math.floor(random() * NOISE_POOL.length)));
    else if (r < 0.6) units.push(0xd800 + Math.floor(random() * 0x800));
    else units.push(Math.floor(random() * 0x10000));
  }
  let out = '';
  for (let i = 0; i < units.length; i += 4096) out += String.fromCharCode(...units.slice(i, i + 4096));
  return out;
}

/** Exactly 10,000 code units: a short piece repeated (the cut may leave half a surrogate pair), or noise. */
const long = fc.oneof(
  short.filter((s) => s.length > 0).map((piece) => piece.repeat(Math.ceil(LONG / piece.length)).slice(0, LONG)),
  fc.integer().map((seed) => noise(seed, LONG)),
);
/** Any string: mostly short, one in twenty-five (some 400 per property) 10,000 code units long. */
const anyString = fc.oneof({ arbitrary: short, weight: 24 }, { arbitrary: long, weight: 1 });

const hasLoneSurrogate = (s: string): boolean => /\p{Surrogate}/u.test(s);
const defaultCode = fc.option(fc.constantFrom('965', '966', '971', '1', '44', '91', '225', '20', '999'), { nil: undefined });

// ---------------------------------------------------------------------------

describe(`every pure function on any string (seed ${SEED}, ${RUNS} runs each, inputs up to ${LONG} code units)`, () => {
  const calls: [string, (s: string) => unknown][] = [
    ['normalizePhone', (s) => normalizePhone(s)],
    ['normalizePhone with defaultCountryCode', (s) => normalizePhone(s, { defaultCountryCode: '965' })],
    ['validatePhoneInput', (s) => validatePhoneInput(s)],
    ['validatePhoneInput with defaultCountryCode', (s) => validatePhoneInput(s, { defaultCountryCode: '225' })],
    ['findCountryCode', (s) => findCountryCode(s)],
    ['validatePhoneFormat', (s) => validatePhoneFormat(s)],
    ['maskPhone', (s) => maskPhone(s)],
    ['deduplicatePhones', (s) => deduplicatePhones([s, s.slice(1), s])],
    ['cleanMessage', (s) => cleanMessage(s)],
    ['messageInfo', (s) => messageInfo(s)],
    ['parseEnv', (s) => parseEnv(s)],
    ['parseFlag', (s) => parseFlag(s)],
    ['splitNumbers', (s) => splitNumbers(s)],
    ['prepareRecipients (a string)', (s) => prepareRecipients(s)],
    ['prepareRecipients (an array)', (s) => prepareRecipients([s, s], { defaultCountryCode: '965' })],
    ['enrichError', (s) => enrichError({ result: 'ERROR', code: s, description: s })],
    ['actionFor', (s) => actionFor(s)],
    ['maskRequest', (s) => maskRequest({ username: s, password: s })],
    ['toNumber', (s) => toNumber(s)],
    ['toStringList', (s) => toStringList([s, s.length])],
    ['readSend', (s) => readSend({ 'msg-id': s, numbers: s, 'points-charged': s, 'balance-after': s })],
    ['readCoverage', (s) => readCoverage({ coverage: [s, { prefix: s }, { Prefix: s }] })],
    ['readReport', (s) => readReport({ report: [{ Number: s, Status: s }, { number: s, status: s }] })],
    ['chunk', (s) => chunk([...s], 7)],
  ];

  it(`none of the ${calls.length} throws: ${calls.map(([name]) => name).join(', ')}`, () => {
    fc.assert(
      fc.property(anyString, (s) => {
        for (const [name, call] of calls) {
          try {
            call(s);
          } catch (error) {
            throw new Error(`${name} threw on a string of ${s.length} code units`, { cause: error });
          }
        }
      }),
      params,
    );
  });
});

describe(`phone numbers (seed ${SEED}, ${RUNS} runs each)`, () => {
  it('normalizePhone returns only ASCII digits and is idempotent, on any string, with or without defaultCountryCode', () => {
    fc.assert(
      fc.property(anyString, defaultCode, (s, code) => {
        const options = { defaultCountryCode: code };
        const once = normalizePhone(s, options);
        assert.match(once, code === undefined ? /^(?:[1-9][0-9]*)?$/ : /^[0-9]*$/);
        assert.equal(normalizePhone(once, options), once);
      }),
      params,
    );
  });

  it("validatePhoneInput's normalized number is normalizePhone's when there is no '@', and its verdicts hold together", () => {
    fc.assert(
      fc.property(anyString, defaultCode, (s, code) => {
        const options = { defaultCountryCode: code };
        const [valid, error, normalized] = validatePhoneInput(s, options);
        assert.equal(valid, error === null);
        if (s.trim() === '') assert.equal(error, 'Phone number is required');
        else if (s.includes('@')) assert.deepEqual([valid, normalized], [false, '']);
        else assert.equal(normalized, normalizePhone(s, options));
        if (valid) {
          assert.match(normalized, /^[0-9]{7,15}$/);
          assert.deepEqual(validatePhoneFormat(normalized), [true, null]);
        }
      }),
      params,
    );
  });

  it('findCountryCode answers the longest prefix (3, 2, 1 digits) that is in phoneRules, or null', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 16 });
    fc.assert(
      fc.property(fc.oneof(digits, anyString), (s) => {
        const expected = [3, 2, 1].map((n) => s.slice(0, n)).find((p) => /^[0-9]+$/.test(p) && Object.hasOwn(phoneRules, p)) ?? null;
        assert.equal(findCountryCode(s), expected);
      }),
      params,
    );
  });

  it('maskPhone shows at most the first 4 and last 3 characters and keeps the length', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const masked = maskPhone(s);
        if (s.length < 7) {
          assert.equal(masked, '****');
          return;
        }
        assert.equal(masked.length, s.length);
        assert.equal(masked, s.slice(0, 4) + '*'.repeat(s.length - 7) + s.slice(-3));
      }),
      params,
    );
  });

  it('deduplicatePhones keeps the first of each, in order, and never touches its input', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('96598765432', '96550000000', '+96598765432', '', 'x'), { maxLength: 30 }), (list) => {
        const frozen = Object.freeze([...list]);
        const out = deduplicatePhones(frozen);
        assert.deepEqual(frozen, list);
        assert.equal(new Set(out).size, out.length);
        assert.deepEqual(out, list.filter((p, i) => list.indexOf(p) === i));
      }),
      params,
    );
  });
});

// ---------------------------------------------------------------------------
// Messages

/** GSM 03.38, written out from the standard rather than from message.ts: the basic set (ESC aside) and the extension table. */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('\f^{}\\[~]|€');
const ARABIC_LETTER = /^(?=\p{Script=Arabic})\p{L}$/u;

describe(`messages (seed ${SEED}, ${RUNS} runs each)`, () => {
  it('cleanMessage on any string: idempotent, no lone surrogate, never longer', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const once = cleanMessage(s);
        assert.equal(hasLoneSurrogate(once), false);
        assert.ok(once.length <= s.length);
        assert.equal(cleanMessage(once), once);
      }),
      params,
    );
  });

  // Text between tags, with no '<' or '>' of its own: every Arabic letter and GSM-7 character in
  // it must come out, in order. Two exceptions, both in the contract: CR is a line end and becomes
  // LF (CR LF becomes one LF), and form feed, though in GSM-7's extension table, is a C0 control
  // and is removed. Arabic-Indic and Persian digits come out as Latin digits.
  const BMP_ARABIC_LETTERS = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter((ch) => ARABIC_LETTER.test(ch));
  const plainChar = fc.oneof(
    fc.constantFrom(...[...GSM_BASIC, ...GSM_EXTENDED].filter((ch) => ch !== '<' && ch !== '>')),
    fc.constantFrom(...BMP_ARABIC_LETTERS, '\u{1EE00}', '\u{1EE21}'),
    fc.constantFrom('\u{1F600}', '\u{1F3FD}', '\u200B', '\u200C', '\u200D', '\u00AD', '\uFEFF', '\u202E', '\u0085', '\u2764', '\uFE0F', '٣', '۷'),
    loneSurrogate,
    codeUnit.filter((ch) => ch !== '<' && ch !== '>'),
  );
  const segment = fc.string({ unit: plainChar, maxLength: 20 });
  const tag = fc.constantFrom('<b>', '</b>', '<br/>', '<!-- note -->', '<a href="https://x.y/?a=1&b=2">', '<p class=x>');
  const tagged = fc.tuple(segment, fc.array(fc.tuple(tag, segment), { maxLength: 4 }));

  const keptChars = (text: string): string[] =>
    Array.from(text).filter((ch) => (GSM_BASIC.has(ch) || GSM_EXTENDED.has(ch) || ARABIC_LETTER.test(ch)) && ch !== '\r' && ch !== '\f');
  const asSent = (segment: string): string =>
    segment.replace(/\r\n?/g, '\n').replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) & 0x0f) % 10));

  it('cleanMessage never removes an Arabic letter or a GSM-7 character that is not part of a tag', () => {
    fc.assert(
      fc.property(tagged, ([first, rest]) => {
        const text = first + rest.map(([t, s]) => t + s).join('');
        const expected = [first, ...rest.map(([, s]) => s)].flatMap((s) => keptChars(asSent(s)));
        assert.deepEqual(keptChars(cleanMessage(text)), expected);
      }),
      params,
    );
  });

  it('messageInfo on any string: the cleaned text, its encoding, its length and its pages add up', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const info = messageInfo(s);
        assert.equal(info.text, cleanMessage(s));
        // Every GSM-7 character is in the BMP, so code units will do.
        let septets = 0;
        for (const ch of info.text) {
          if (GSM_EXTENDED.has(ch)) septets += 2;
          else if (GSM_BASIC.has(ch)) septets += 1;
          else {
            septets = -1;
            break;
          }
        }
        const gsm = septets !== -1;
        assert.equal(info.encoding, gsm ? 'GSM-7' : 'UCS-2');
        assert.equal(info.characters, gsm ? septets : info.text.length);
        const [single, multi] = gsm ? [160, 153] : [70, 67];
        const pages = info.characters === 0 ? 0 : info.characters <= single ? 1 : Math.ceil(info.characters / multi);
        assert.equal(info.pages, pages);
        assert.equal(info.perPage, pages > 1 ? multi : single);
        assert.equal(info.maxPages, 7);
        assert.equal(info.tooLong, pages > 7);
      }),
      params,
    );
  });

  it('messageInfo pages are monotonic in length: no prefix of a cleaned text costs more pages than the whole', () => {
    const text = fc.oneof(anyString, fc.string({ unit: fc.constantFrom('a', '{', '€', 'ب', ' ', 'Δ', '\u{1D49C}'), maxLength: 1200 }));
    fc.assert(
      fc.property(text, fc.double({ min: 0, max: 1, noNaN: true }), (s, cut) => {
        const whole = messageInfo(s);
        const prefix = messageInfo(whole.text.slice(0, Math.floor(whole.text.length * cut)));
        assert.ok(prefix.pages <= whole.pages);
        if (prefix.encoding === whole.encoding) assert.ok(prefix.characters <= whole.characters);
      }),
      params,
    );
  });
});

// ---------------------------------------------------------------------------
// .env, errors, recipients, chunks

describe(`.env files (seed ${SEED}, ${RUNS} runs)`, () => {
  // Keys: no whitespace, '=' or '#', and not 'export' (`export = "v"` reads as an export prefix).
  const key = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'ABCKWTSMS_xyz0129.-:'.split('')), minLength: 1, maxLength: 12 }),
    fc.constantFrom('KWTSMS_PASSWORD', 'KWTSMS_USERNAME', '__proto__', 'constructor', 'toString', 'hasOwnProperty'),
  );
  // Values: anything but a newline, with quotes, '#', blanks and CRs likely. The one restriction the
  // format imposes: the value must not hold its own quote character followed by optional blanks and
  // then '#' or the end of the line, as that reads as the closing quote and a comment. The generator
  // enforces it by putting an 'x' after any such quote (parseEnv's rule is tested case by case in
  // test/env.test.ts).
  const valueUnit = fc.oneof(
    { arbitrary: fc.constantFrom('"', "'", '#', ' ', '\t', '=', '\r', '\\', '$', '`', 'export '), weight: 3 },
    { arbitrary: codeUnit.filter((c) => c !== '\n'), weight: 3 },
    { arbitrary: loneSurrogate, weight: 1 },
  );
  const value = fc.string({ unit: valueUnit, maxLength: 30 });
  const quote = fc.constantFrom('"', "'");
  const fit = (raw: string, q: string): string => raw.replace(new RegExp(`${q}(?=[ \\t]*(?:#|$))`, 'g'), `${q}x`);
  const entry = fc.record({
    key,
    value,
    quote,
    indent: fc.constantFrom('', ' ', '\t'),
    exported: fc.constantFrom('', 'export ', 'export\t'),
    beforeEq: fc.constantFrom('', ' '),
    afterEq: fc.constantFrom('', ' ', '\t'),
    trail: fc.constantFrom('', '  ', ' # note', '\t#c "x" \'y\'', '#', ' #'),
  });
  const filler = fc.constantFrom('', '# a comment', '  # KWTSMS_PASSWORD="no"', '   ', 'not a line');
  const file = fc.record({ entries: fc.array(fc.tuple(entry, filler), { maxLength: 8 }), eol: fc.constantFrom('\n', '\r\n') });

  it('parseEnv round-trips any quoted value (later lines win)', () => {
    fc.assert(
      fc.property(file, ({ entries, eol }) => {
        const expected = new Map<string, string>();
        const lines: string[] = [];
        for (const [e, comment] of entries) {
          const v = fit(e.value, e.quote);
          lines.push(`${e.indent}${e.exported}${e.key}${e.beforeEq}=${e.afterEq}${e.quote}${v}${e.quote}${e.trail}`, comment);
          expected.set(e.key, v);
        }
        const parsed = parseEnv(lines.join(eol));
        assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
        const sort = (pairs: [string, string][]): [string, string][] => pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        assert.deepEqual(sort(Object.entries(parsed)), sort([...expected]));
        assert.equal(({} as Record<string, unknown>).KWTSMS_PASSWORD, undefined);
      }),
      params,
    );
  });
});

describe(`enrichError (seed ${SEED}, ${RUNS} runs)`, () => {
  const code = fc.oneof(
    fc.constantFrom(...Object.keys(apiErrors), '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'ERR014', 'ERR999'),
    short,
  );
  const response = fc
    .record(
      {
        result: fc.constantFrom('OK', 'ERROR', 'error', '', 'PARTIAL'),
        code,
        description: short,
        action: short,
        extra: fc.oneof(fc.integer(), short, fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(short, fc.integer(), { maxKeys: 3 })),
      },
      { requiredKeys: [] },
    )
    .map((r) => r as { result?: string; code?: string; [key: string]: unknown });

  const deepFreeze = <T>(value: T): T => {
    if (typeof value === 'object' && value !== null) {
      for (const inner of Object.values(value)) deepFreeze(inner);
      Object.freeze(value);
    }
    return value;
  };

  it('never mutates its input, and adds the action exactly when the code is an own key of apiErrors', () => {
    fc.assert(
      fc.property(response, (input) => {
        const before = JSON.stringify(input);
        const frozen = deepFreeze(input);
        const out = enrichError(frozen);
        assert.equal(JSON.stringify(frozen), before);
        const known = frozen.result !== 'OK' && typeof frozen.code === 'string' && Object.hasOwn(apiErrors, frozen.code);
        if (!known) {
          assert.equal(out, frozen);
          return;
        }
        assert.notEqual(out, frozen);
        assert.deepEqual(out, { ...frozen, action: apiErrors[frozen.code as string] });
      }),
      params,
    );
  });
});

describe(`recipients (seed ${SEED}, ${RUNS} runs each)`, () => {
  const local = fc.integer({ min: 0, max: 40 }).map((n) => `9${String(5_000_000 + n * 7919).padStart(7, '0')}`);
  const arabic = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
  const phone = fc.oneof(
    fc.tuple(local, fc.constantFrom('plain', '+', '00', 'spaced', 'arabic', 'local', 'trunk')).map(([n, style]) => {
      const full = `965${n}`;
      if (style === '+') return `+${full}`;
      if (style === '00') return `00${full}`;
      if (style === 'spaced') return ` +965 ${n.slice(0, 4)}-${n.slice(4)} `;
      if (style === 'arabic') return arabic(`00${full}`);
      if (style === 'local') return n;
      if (style === 'trunk') return `0${n}`;
      return full;
    }),
    fc.constantFrom('', ' ', '123', 'a@b.com', 'abc', '96512345678', '+965 1234', '٠٠٠', '0000000', '1234567890123456', '447911123456'),
    short,
  );
  const splitModel = (s: string): string[] => {
    const pieces = s
      .split(/[,;\n]/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    return pieces.length > 0 ? pieces : [s];
  };

  it('splitNumbers splits on , ; and newline, trims, skips blanks, and never loses a number', () => {
    const list = fc.array(phone, { maxLength: 12 }).chain((items) =>
      fc.array(fc.constantFrom(',', ';', '\n', ', ', ' ;\r\n', ',,'), { minLength: items.length, maxLength: items.length }).map((seps) =>
        items.map((item, i) => item + (seps[i] ?? '')).join(''),
      ),
    );
    fc.assert(
      fc.property(fc.oneof(list, anyString), (s) => {
        assert.deepEqual(splitNumbers(s), splitModel(s));
      }),
      params,
    );
  });

  it('prepareRecipients never loses an input: valid + invalid + duplicates === inputs', () => {
    fc.assert(
      fc.property(fc.array(phone, { maxLength: 40 }), defaultCode, fc.boolean(), (inputs, code, asString) => {
        const options = { defaultCountryCode: code };
        const frozen = Object.freeze([...inputs]);
        const given = asString ? frozen.join(',') : frozen;
        const items = asString ? splitNumbers(given as string) : frozen;
        const r = prepareRecipients(given, options);
        assert.deepEqual(frozen, inputs);
        assert.equal(r.valid.length + r.invalid.length + r.duplicates, items.length);

        const expectedValid: string[] = [];
        const expectedInvalid: { input: string; error: string }[] = [];
        for (const item of items) {
          const [ok, error, normalized] = validatePhoneInput(item, options);
          if (!ok) expectedInvalid.push({ input: item, error: error ?? '' });
          else if (!expectedValid.includes(normalized)) expectedValid.push(normalized);
        }
        assert.deepEqual(r.valid, expectedValid);
        assert.deepEqual(r.invalid, expectedInvalid);
      }),
      params,
    );
  });

  it('chunk keeps every item, in order, in pieces of at most `size`, only the last shorter', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 300 }), fc.integer({ min: 1, max: 200 }), (items, size) => {
        const pieces = chunk(items, size);
        assert.deepEqual(pieces.flat(), items);
        pieces.forEach((piece, i) => {
          assert.ok(piece.length > 0);
          if (i < pieces.length - 1) assert.equal(piece.length, size);
          else assert.ok(piece.length <= size);
        });
      }),
      params,
    );
  });
});
