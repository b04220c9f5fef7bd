import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PAGES, cleanMessage, isEmojiCodePoint, messageInfo } from '../src/message.js';

const onNode20 = process.versions.node.startsWith('20.');
// Fixed so a failure reproduces; FC_SEED=... tries another.
const SEED = Number(process.env['FC_SEED'] ?? 20_251_124);
const RUNS = 10_000;

describe('cleanMessage', () => {
  it.each([
    // the seed's examples
    ['Hello \u{1F600}', 'Hello '],
    ['<b>Bold</b>', 'Bold'],
    ['\uFEFFHello', 'Hello'],
    ['رمز التحقق: ١٢٣٤٥٦', 'رمز التحقق: 123456'],
    // '<' not followed by a letter, '/' or '!' is text
    ['a < b and c > d', 'a < b and c > d'],
    ['Use code <1234>', 'Use code <1234>'],
  ])('%j -> %j (the documented rules)', (input, expected) => {
    expect(cleanMessage(input)).toBe(expected);
  });

  it.each([
    ['Persian digits', '۰۱۲۳۴۵۶۷۸۹', '0123456789'],
    ['Arabic-Indic digits', '٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['plain text', 'Your OTP is 1234', 'Your OTP is 1234'],
    ['Arabic text', 'مرحبا بكم في الكويت', 'مرحبا بكم في الكويت'],
    ['whitespace is not trimmed', '  hi \n', '  hi \n'],
    ['only an emoji', '\u{1F600}', ''],
    ['tab and LF', 'a\tb\nc', 'a\tb\nc'],
    ['CR LF', 'a\r\nb', 'a\nb'],
    ['lone CR', 'a\rb', 'a\nb'],
    ['CR CR LF', 'a\r\r\nb', 'a\n\nb'],
    ['trailing CR', 'a\r', 'a\n'],
    ['(c) (R) TM', '© ® ™', '© ® ™'],
    ['other symbols', '→ • € ° ½ ✗?', '→ • € ° ½ ?'],
    ['Greek and accents', 'ΔΣ éñü', 'ΔΣ éñü'],
    ['CJK', '验证码', '验证码'],
  ])('%s', (_name, input, expected) => {
    expect(cleanMessage(input)).toBe(expected);
  });

  it.each([
    ['family (ZWJ sequence)', 'a\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}b', 'ab'],
    ['flag (regional indicators)', 'Kuwait \u{1F1F0}\u{1F1FC}!', 'Kuwait !'],
    ['keycap', '1\uFE0F\u20E3', '1'],
    ['keycap without VS16', '#\u20E3', '#'],
    ['skin tone', '\u{1F44D}\u{1F3FD} ok', ' ok'],
    ['skin tone alone', 'x\u{1F3FF}', 'x'],
    ['heart with VS16', 'I \u2764\uFE0F you', 'I  you'],
    ['text-style symbol with VS15', '\u2600\uFE0E sun', ' sun'],
    ['subdivision flag (tag characters)', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}.', '.'],
    ['Dingbats', '\u2713 \u2714 \u2705 \u27BF', '   '],
    ['Miscellaneous Symbols', '\u2605\u263A\u26A0', ''],
    ['BMP pictographs', '\u231A\u2194\u3030\u3297\u2B50', ''],
    ['reserved pictographic code points', '\u{1FAFF}\u{1F000}\u{1FC00}\u{1FFFD}', ''],
    ['legacy computing symbols are not emoji', '\u{1FB00}', '\u{1FB00}'],
    ['math letters are not emoji', '\u{1D49C}', '\u{1D49C}'],
    ['ZWJ between letters', 'a\u200Db', 'ab'],
    ['emoji next to Arabic digits', '\u{1F510}١٢٣', '123'],
  ])('emoji: %s', (_name, input, expected) => {
    expect(cleanMessage(input)).toBe(expected);
  });

  it.each([
    ['lone high surrogate', 'a\uD83Db', 'ab'],
    ['lone low surrogate', 'a\uDE00b', 'ab'],
    ['reversed pair', '\uDE00\uD83D', ''],
    ['high at the end', 'ok\uD83D', 'ok'],
    ['low at the start', '\uDC00ok', 'ok'],
    ['two highs then a low: the pair stays', '\uD835\uD835\uDC9C', '\u{1D49C}'],
    ['halves split by a hidden character', '\uD83D\u200B\uDE00', ''],
  ])('surrogates: %s', (_name, input, expected) => {
    expect(cleanMessage(input)).toBe(expected);
  });

  it.each([
    ['BOM', '\uFEFF'],
    ['zero-width space', '\u200B'],
    ['zero-width joiner', '\u200D'],
    ['word joiner', '\u2060'],
    ['function application', '\u2061'],
    ['invisible times', '\u2062'],
    ['invisible separator', '\u2063'],
    ['invisible plus', '\u2064'],
    ['soft hyphen', '\u00AD'],
    ['object replacement character', '\uFFFC'],
    ['left-to-right mark', '\u200E'],
    ['right-to-left mark', '\u200F'],
    ['LRE', '\u202A'],
    ['RLE', '\u202B'],
    ['PDF', '\u202C'],
    ['LRO', '\u202D'],
    ['RLO', '\u202E'],
    ['LRI', '\u2066'],
    ['RLI', '\u2067'],
    ['FSI', '\u2068'],
    ['PDI', '\u2069'],
    ['Arabic letter mark', '\u061C'],
    ['ZWNJ outside Arabic script', '\u200C'],
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['backspace', '\u0008'],
    ['vertical tab', '\u000B'],
    ['form feed', '\u000C'],
    ['escape', '\u001B'],
    ['unit separator', '\u001F'],
    ['DEL', '\u007F'],
    ['C1 padding', '\u0080'],
    ['NEL', '\u0085'],
    ['C1 APC', '\u009F'],
  ])('removes %s', (_name, hidden) => {
    expect(cleanMessage(`a${hidden}b`)).toBe('ab');
    expect(cleanMessage(`${hidden}م${hidden}`)).toBe('م');
  });

  it('removes every C0 and C1 control except tab and LF', () => {
    for (let c = 0; c <= 0x9f; c++) {
      if (c > 0x1f && c < 0x7f) continue;
      const expected = c === 0x09 || c === 0x0a ? `a${String.fromCharCode(c)}b` : c === 0x0d ? 'a\nb' : 'ab';
      expect(cleanMessage(`a${String.fromCharCode(c)}b`), c.toString(16)).toBe(expected);
    }
  });

  it.each([
    ['inside a Persian word', 'می\u200Cخواهم', 'می\u200Cخواهم'],
    ['Urdu', 'اسلام\u200Cآباد', 'اسلام\u200Cآباد'],
    ['after a vowelled letter', 'مِ\u200Cی', 'مِ\u200Cی'],
    ['two in one text', 'می\u200Cروم و نمی\u200Cدانم', 'می\u200Cروم و نمی\u200Cدانم'],
    ['at the start', '\u200Cمی', 'می'],
    ['at the end', 'می\u200C', 'می'],
    ['before a space', 'می\u200C خواهم', 'می خواهم'],
    ['between Latin letters', 'ab\u200Ccd', 'abcd'],
    ['between Arabic and Latin', 'م\u200Ca', 'مa'],
    ['between an Arabic letter and a digit', 'م\u200C١', 'م1'],
    ['doubled', 'م\u200C\u200Cی', 'می'],
    ['next to a hidden character', 'م\u200C\u200Bی', 'می'],
  ])('ZWNJ %s', (_name, input, expected) => {
    expect(cleanMessage(input)).toBe(expected);
  });

  it.each([
    ['paragraph', '<p>Hello</p>', 'Hello'],
    ['self-closing', 'a<br/>b', 'ab'],
    ['closing tag alone', '</div>x', 'x'],
    ['attributes', '<a href="https://x.kw/?a=1">link</a>', 'link'],
    ['comment', '<!-- x -->', ''],
    ['comment then text', '<!-- hidden -->Hi', 'Hi'],
    ['doctype', '<!DOCTYPE html>ok', 'ok'],
    ['upper case', '<B>Bold</B>', 'Bold'],
    ['tag with newline inside', '<b\nclass="x">y</b>', 'y'],
    ['unclosed tag is text', 'x <b y', 'x <b y'],
    ['"<" before a digit', '5 <10 and 10> 5', '5 <10 and 10> 5'],
    ['"<" before a space', 'a < b>', 'a < b>'],
    ['heart', 'I <3 you', 'I <3 you'],
    ['empty brackets', '<>', '<>'],
    ['a letter right after "<" opens a tag', 'if a<b then b>c', 'if ac'],
    ['a tag ends at the first ">"', '<!-- a > b -->', ' b -->'],
    ['nested opening', '<<b>b>', ''],
    ['tag inside a tag', '<<b>>', '<>'],
    ['three deep', '<<<b>b>b>x', 'x'],
    ['a removal joins a tag', '<\u200Bb>x', 'x'],
    ['an emoji removal joins a tag', '<\u{1F600}/p>x', 'x'],
    ['a removal does not join a digit', '<\u200B1>', '<1>'],
    ['"<" kept before a kept surrogate pair', '<\u{1D49C}>', '<\u{1D49C}>'],
    ['"<" kept before an Arabic digit', '<١>', '<1>'],
    ['"<" at the end', 'a <', 'a <'],
    ['Arabic, emoji and HTML', '<p>مرحبا \u{1F44B} رمزك ١٢٣٤</p>', 'مرحبا  رمزك 1234'],
    ['Arabic inside a tag goes with it', '<span title="مرحبا">نص</span>', 'نص'],
  ])('HTML: %s', (_name, input, expected) => {
    expect(cleanMessage(input)).toBe(expected);
  });

  it.runIf(onNode20)('keeps ZWNJ exactly when the next character is an Arabic-script letter or mark', () => {
    const arabic = /^(?=\p{Script_Extensions=Arabic})[\p{L}\p{M}]$/u;
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      const ch = String.fromCharCode(cp);
      if (cleanMessage(`م\u200C${ch}`).includes('\u200C') !== arabic.test(ch)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});

describe('messageInfo', () => {
  const info = (text: string) => {
    const { pages, perPage, characters, encoding, tooLong } = messageInfo(text);
    return { pages, perPage, characters, encoding, tooLong };
  };

  it.each([
    ['empty', '', 0, 160, 0],
    ['one character', 'a', 1, 160, 1],
    ['160 GSM-7', 'a'.repeat(160), 1, 160, 160],
    ['161 GSM-7', 'a'.repeat(161), 2, 153, 161],
    ['306 GSM-7', 'a'.repeat(306), 2, 153, 306],
    ['307 GSM-7', 'a'.repeat(307), 3, 153, 307],
    ['1,071 GSM-7', 'a'.repeat(1071), 7, 153, 1071],
    ['1,072 GSM-7', 'a'.repeat(1072), 8, 153, 1072],
  ])('GSM-7 %s: %i pages of %i', (_name, text, pages, perPage, characters) => {
    expect(info(text)).toEqual({ pages, perPage, characters, encoding: 'GSM-7', tooLong: pages > 7 });
  });

  it.each([
    ['70 UCS-2', 'ب'.repeat(70), 1, 70, 70],
    ['71 UCS-2', 'ب'.repeat(71), 2, 67, 71],
    ['134 UCS-2', 'ب'.repeat(134), 2, 67, 134],
    ['135 UCS-2', 'ب'.repeat(135), 3, 67, 135],
    ['469 UCS-2', 'ب'.repeat(469), 7, 67, 469],
    ['470 UCS-2', 'ب'.repeat(470), 8, 67, 470],
    ['one Arabic letter in English', `${'a'.repeat(69)}ب`, 1, 70, 70],
    ['astral non-emoji counts 2 units', '\u{1D49C}', 1, 70, 2],
  ])('UCS-2 %s: %i pages of %i', (_name, text, pages, perPage, characters) => {
    expect(info(text)).toEqual({ pages, perPage, characters, encoding: 'UCS-2', tooLong: pages > 7 });
  });

  it.each([
    ['{', 2],
    ['}', 2],
    ['[', 2],
    [']', 2],
    ['~', 2],
    ['^', 2],
    ['|', 2],
    ['\\', 2],
    ['€', 2],
    ['{}[]~^|\\€', 18],
    ['ΔΦΓΛΩΠΨΣΘΞ', 10],
    ['@£$¥èéùìòÇØøÅå_ÆæßÉ!"#¤%&\'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà', 52],
  ])('GSM-7 septets of %j: %i', (text, characters) => {
    expect(info(text)).toMatchObject({ encoding: 'GSM-7', characters });
  });

  it.each([
    ['extension characters fill a page at 80', '{'.repeat(80), 1, 160],
    ['one more septet splits it', `${'{'.repeat(80)}a`, 2, 161],
    ['a euro tips 159 over', `${'a'.repeat(159)}€`, 2, 161],
  ])('%s', (_name, text, pages, characters) => {
    expect(info(text)).toMatchObject({ encoding: 'GSM-7', pages, characters });
  });

  it.each([
    ['a tab', 'a\tb'],
    ['ç (only Ç is GSM-7)', 'ça'],
    ['a backtick', '`x`'],
    ['Arabic', 'مرحبا'],
    ['a kept non-GSM symbol', '© 2025'],
  ])('UCS-2 for %s', (_name, text) => {
    expect(info(text).encoding).toBe('UCS-2');
  });

  it('counts the cleaned text', () => {
    expect(messageInfo('<b>Code</b>: ١٢٣٤ \u{1F600}')).toEqual({
      text: 'Code: 1234 ',
      encoding: 'GSM-7',
      characters: 11,
      pages: 1,
      perPage: 160,
      maxPages: 7,
      tooLong: false,
    });
  });

  it('says maxPages 7, the gateway limit', () => {
    expect(MAX_PAGES).toBe(7);
    expect(messageInfo('x').maxPages).toBe(7);
  });
});

/** Lone surrogates included: fast-check 4's 'binary' unit never produces them. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
/** Characters and tag pieces that exercise every rule, so short strings hit the interesting cases. */
const tricky = fc.constantFrom(
  ...['<', '<', '>', '/', '!', 'b', 'a', '1', ' ', '\r', '\n', '\t', '\u200C', '\u200B', '\u200D', '\uFE0F'],
  ...['\u20E3', 'م', 'ی', '١', '۵', '\u{1F600}', '\u{1F3FD}', '\u{1F1F0}', '©', '™', '\u00AD', '\u0085'],
  ...['\uFEFF', 'é', '€', '{', '\u2764', '\u{E0067}', '\u0651', 'ب'],
  ...['<b>', '</b>', '<!--', '-->', '<<', '<a href="x">', '\r\n'],
);
const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
const messy = fc.string({
  unit: fc.oneof({ arbitrary: tricky, weight: 6 }, { arbitrary: anyChar, weight: 3 }, { arbitrary: loneSurrogate, weight: 1 }),
  maxLength: 40,
});

const hasLoneSurrogate = (s: string): boolean => /\p{Surrogate}/u.test(s);
const codePoints = (s: string): number[] => Array.from(s, (ch) => ch.codePointAt(0) ?? 0);
const ARABIC_LETTER = /[\u0621-\u064A]/g;

const TAG = /<[A-Za-z/!][^>]*>/;
const ARABIC_SCRIPT = /^(?=\p{Script_Extensions=Arabic})[\p{L}\p{M}]$/u;
const isHidden = (cp: number): boolean =>
  (cp <= 0x1f && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) ||
  (cp >= 0x7f && cp <= 0x9f) ||
  [0xad, 0x061c, 0x200b, 0x200d, 0x200e, 0x200f, 0xfeff, 0xfffc].includes(cp) ||
  (cp >= 0x202a && cp <= 0x202e) ||
  (cp >= 0x2060 && cp <= 0x2064) ||
  (cp >= 0x2066 && cp <= 0x2069);

/** cleanMessage's documented rules, written the slow, obvious way: per code point, then tags until none is left. */
function reference(text: string): string {
  const chars = Array.from(text);
  let out = '';
  chars.forEach((ch, k) => {
    const cp = ch.codePointAt(0) ?? 0;
    if (hasLoneSurrogate(ch) || isEmojiCodePoint(cp) || isHidden(cp)) return;
    if (ch === '\r') out += chars[k + 1] === '\n' ? '' : '\n';
    else if (ch === '\u200C') {
      const isArabic = (c: string | undefined) => c !== undefined && c.length === 1 && ARABIC_SCRIPT.test(c);
      if (isArabic(chars[k - 1]) && isArabic(chars[k + 1])) out += ch;
    } else if (cp >= 0x0660 && cp <= 0x0669) out += String(cp - 0x0660);
    else if (cp >= 0x06f0 && cp <= 0x06f9) out += String(cp - 0x06f0);
    else out += ch;
  });
  while (TAG.test(out)) out = out.replace(TAG, '');
  return out;
}

describe(`properties (fast-check seed ${SEED}, ${RUNS} runs each)`, () => {
  const params = { seed: SEED, numRuns: RUNS };

  it('cleanMessage never throws and never returns a lone surrogate or an emoji', () => {
    fc.assert(
      fc.property(messy, (text) => {
        const out = cleanMessage(text);
        expect(hasLoneSurrogate(out)).toBe(false);
        expect(codePoints(out).filter(isEmojiCodePoint)).toEqual([]);
      }),
      params,
    );
  });

  it('cleanMessage is idempotent', () => {
    fc.assert(
      fc.property(messy, (text) => {
        const once = cleanMessage(text);
        expect(cleanMessage(once)).toBe(once);
      }),
      params,
    );
  });

  it('cleanMessage never removes an Arabic letter outside a tag', () => {
    // Without '>' there is no tag, so every Arabic letter must survive, in order.
    const noTags = messy.map((s) => s.replaceAll('>', ''));
    fc.assert(
      fc.property(noTags, (text) => {
        expect(cleanMessage(text).match(ARABIC_LETTER) ?? []).toEqual(text.match(ARABIC_LETTER) ?? []);
      }),
      params,
    );
  });

  it.runIf(onNode20)('cleanMessage agrees with a naive implementation of the rules', () => {
    fc.assert(
      fc.property(messy, (text) => {
        expect(cleanMessage(text)).toBe(reference(text));
      }),
      params,
    );
  });

  const gsmChar = fc.constantFrom(...'@£$¥èéùìòÇ\nØøÅå_ÆæßÉ !"#%&()*+,-./09:;=>?¡AZÄÖÑÜ§¿azäöñüàΔΩ{}[]~^|\\€');
  const ucsChar = fc.constantFrom(...'مرحباًaz 09{€ç\u{1D49C}');

  it.each([
    ['GSM-7', gsmChar, 'GSM-7'],
    ['UCS-2', ucsChar, 'UCS-2'],
  ] as const)('messageInfo pages never drop as a %s text grows', (_name, char, encoding) => {
    fc.assert(
      fc.property(fc.string({ unit: char, maxLength: 1200 }), char, (text, more) => {
        // Prefix one Arabic letter so the UCS-2 case stays UCS-2.
        const base = encoding === 'UCS-2' ? `ب${text}` : text;
        const before = messageInfo(base);
        const after = messageInfo(base + more);
        expect(before.encoding).toBe(encoding);
        expect(after.pages).toBeGreaterThanOrEqual(before.pages);
        expect(after.characters).toBeGreaterThan(before.characters);
      }),
      params,
    );
  });
});
