import { describe, expect, it } from 'vitest';
import { generatePhones } from '../bench/lib/corpus.mjs';
import { validatePhoneInput } from '../src/phone.js';
import { phoneRules } from '../src/phone-rules.js';
import { prepareRecipients, splitNumbers } from '../src/recipients.js';

describe('splitNumbers', () => {
  it.each([
    ['96598765432', ['96598765432']],
    ['96598765432,96550000000', ['96598765432', '96550000000']],
    ['96598765432;96550000000', ['96598765432', '96550000000']],
    ['96598765432\n96550000000', ['96598765432', '96550000000']],
    ['96598765432, 96550000000;\n96560000000', ['96598765432', '96550000000', '96560000000']],
    ['96598765432\r\n96550000000\r\n', ['96598765432', '96550000000']],
    ['  96598765432  ', ['96598765432']],
    ['96598765432,', ['96598765432']],
    [',96598765432,,;\n', ['96598765432']],
    ['+965 9876 5432', ['+965 9876 5432']],
    ['', ['']],
    ['   ', ['   ']],
    [',;\n', [',;\n']],
  ])('%j -> %j', (input, expected) => {
    expect(splitNumbers(input)).toEqual(expected);
  });
});

describe('prepareRecipients', () => {
  it('normalizes +, 00, spaces and Arabic digits, then deduplicates in input order', () => {
    const inputs = ['+965 9876 5432', '0096598765432', '٩٦٥٩٨٧٦٥٤٣٢', '96550000000', '+96550000000'];
    expect(prepareRecipients(inputs)).toEqual({ valid: ['96598765432', '96550000000'], invalid: [], duplicates: 3 });
  });

  it('splits a string on commas, semicolons and newlines', () => {
    expect(prepareRecipients('96598765432, 96550000000;\n96560000000').valid).toEqual([
      '96598765432',
      '96550000000',
      '96560000000',
    ]);
  });

  it('takes each array item as one number (no splitting)', () => {
    const { valid, invalid } = prepareRecipients(['96598765432,96550000000']);
    expect(valid).toEqual([]);
    expect(invalid).toEqual([{ input: '96598765432,96550000000', error: validatePhoneInput('96598765432,96550000000')[1] }]);
  });

  it.each(['123', 'a@b.com', 'abc', '', '96512345678', '9659876543', '+965 12'])(
    "rejects %j with validatePhoneInput's exact message",
    (input) => {
      const [, error] = validatePhoneInput(input);
      expect(error).toEqual(expect.any(String));
      expect(prepareRecipients([input])).toEqual({ valid: [], invalid: [{ input, error }], duplicates: 0 });
    },
  );

  it.each([
    ['123', "'123' is too short (3 digits, minimum is 7)"],
    ['a@b.com', "'a@b.com' is an email address, not a phone number"],
    ['', 'Phone number is required'],
    ['+965 12', "'+965 12' is too short (5 digits, minimum is 7)"],
  ])('reports %j as %j, in the documented words', (input, error) => {
    expect(prepareRecipients([input]).invalid).toEqual([{ input, error }]);
  });

  it('reports an empty string as one required number rather than dropping it', () => {
    expect(prepareRecipients('')).toEqual({ valid: [], invalid: [{ input: '', error: 'Phone number is required' }], duplicates: 0 });
  });

  it('uses defaultCountryCode for bare local numbers', () => {
    expect(prepareRecipients(['98765432', '9876 5432'], { defaultCountryCode: '965' })).toEqual({
      valid: ['96598765432'],
      invalid: [],
      duplicates: 1,
    });
    expect(prepareRecipients(['98765432']).valid).toEqual([]);
  });

  it('treats defaultCountryCode: undefined as unset', () => {
    expect(prepareRecipients(['96598765432'], { defaultCountryCode: undefined }).valid).toEqual(['96598765432']);
  });

  it('accounts for every input: valid + invalid + duplicates', () => {
    const inputs = ['96598765432', '123', '+96598765432', 'x@y.z', '96550000000', '0096550000000', '', '96560000000'];
    const r = prepareRecipients(inputs);
    expect(r.valid.length + r.invalid.length + r.duplicates).toBe(inputs.length);
    expect(r.valid).toEqual(['96598765432', '96550000000', '96560000000']);
    expect(r.invalid.map((i) => i.input)).toEqual(['123', 'x@y.z', '']);
    expect(r.duplicates).toBe(2);
  });

  it('never mutates the caller array', () => {
    const inputs = Object.freeze(['+965 9876 5432', '123']);
    prepareRecipients(inputs);
    expect(inputs).toEqual(['+965 9876 5432', '123']);
  });

  it('throws a TypeError for a non-string item', () => {
    expect(() => prepareRecipients([96598765432 as unknown as string])).toThrow(TypeError);
  });
});

describe('prepareRecipients against a naive reference', () => {
  // What prepareRecipients promises, written the slow, obvious way.
  function reference(mobile: string | readonly string[], options?: { defaultCountryCode?: string }) {
    const pieces = typeof mobile === 'string' ? splitNumbers(mobile) : mobile;
    const valid: string[] = [];
    const invalid: { input: string; error: string }[] = [];
    const seen = new Set<string>();
    let duplicates = 0;
    for (const input of pieces) {
      const [ok, error, normalized] = validatePhoneInput(input, options);
      if (!ok) invalid.push({ input, error: error as string });
      else if (seen.has(normalized)) duplicates++;
      else {
        seen.add(normalized);
        valid.push(normalized);
      }
    }
    return { valid, invalid, duplicates };
  }

  const corpus = generatePhones(20_000, 965, phoneRules);

  it.each([undefined, { defaultCountryCode: '965' }])('matches on the bench corpus, options %j', (options) => {
    expect(prepareRecipients(corpus.join(','), options)).toEqual(reference(corpus.join(','), options));
    expect(prepareRecipients(corpus, options)).toEqual(reference(corpus, options));
  });

  it.each([
    '',
    ' ',
    ',;\n',
    '\n',
    '\r\n',
    '96598765432\r\n96550000000\r\n',
    '  +965 9876 5432 ,\t0096598765432 ; ٩٦٥٩٨٧٦٥٤٣٢\n',
    '123456789012345, 1234567890123456, 999123456789012',
    '+966 0 55 987 6543, 966559876543, 9660559876543',
    'a1234567@x.com, 96598765432@, 0, 000, abc, +',
    '\u00a096598765432\u00a0,\ufeff96550000000',
  ])('matches on the edge case %j', (text) => {
    for (const options of [undefined, { defaultCountryCode: '965' }]) {
      expect(prepareRecipients(text, options)).toEqual(reference(text, options));
      const items = text.split(',');
      expect(prepareRecipients(items, options)).toEqual(reference(items, options));
    }
  });

  it('checks defaultCountryCode at the first number, as validatePhoneInput does', () => {
    const bad = { defaultCountryCode: 'x' };
    expect(prepareRecipients([], bad)).toEqual({ valid: [], invalid: [], duplicates: 0 });
    expect(() => prepareRecipients('96598765432', bad)).toThrow(/defaultCountryCode/);
    expect(() => prepareRecipients([5 as unknown as string], bad)).toThrow(/every phone number must be a string/);
  });
});
