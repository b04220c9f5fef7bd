import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import {
  deduplicatePhones,
  findCountryCode,
  maskPhone,
  normalizePhone,
  validatePhoneFormat,
  validatePhoneInput,
  type PhoneRules,
} from '../src/phone.js';

const KUWAIT = '96598765432';

describe('normalizePhone', () => {
  it.each([
    // Every format the vendor's README accepts, Arabic and Persian digits included.
    ['96598765432'],
    ['+96598765432'],
    ['0096598765432'],
    ['965 9876 5432'],
    ['965-9876-5432'],
    ['(965) 98765432'],
    ['+965 (9876) 54-32'],
    ['965.9876.5432'],
    ['tel:+965 9876 5432'],
    [' \t+96598765432\n'],
    ['٩٦٥٩٨٧٦٥٤٣٢'],
    ['۹۶۵۹۸۷۶۵۴۳۲'],
    ['+٩٦٥٩٨٧٦٥٤٣٢'],
    ['٠٠٩٦٥٩٨٧٦٥٤٣٢'],
    ['۰۰۹۶۵ ۹۸۷۶ ۵۴۳۲'],
    ['٩٦٥ ٩٨٧٦ ٥٤٣٢'],
    ['٩٦٥-٩٨٧٦-٥٤٣٢'],
    ['965٩٨٧٦٥٤٣٢'],
    ['٩٦٥98765432'],
    ['96۵9876٥432'],
    ['\uD800965 9876 5432'], // a lone high surrogate is just another non-digit
    ['965\uDC0098765432'],
    ['9\u{1F600}6598765432'],
    ['0'.repeat(10_000) + '96598765432'],
  ])('%j -> 96598765432', (input) => {
    expect(normalizePhone(input)).toBe(KUWAIT);
  });

  it.each([
    // Trunk zeros after the code go when the number fails its rule as written.
    ['9660559876543', '966559876543'],
    ['+9660559876543', '966559876543'],
    ['+966 05 5987 6543', '966559876543'],
    ['96600559876543', '966559876543'],
    ['9710501234567', '971501234567'],
    ['+971 050 123 4567', '971501234567'],
    ['٩٧١٠٥٠١٢٣٤٥٦٧', '971501234567'],
    ['97303600 1234', '97336001234'],
    ['9740331234 56', '97433123456'],
    ['96809123 4567', '96891234567'],
    ['965098765432', KUWAIT],
    ['965' + '0'.repeat(10_000) + '98765432', KUWAIT],
    ['4407911123456', '447911123456'],
    // ... whether or not the shorter number then passes (the contract's Egypt example).
    ['20010123456789', '2010123456789'],
    ['9650123', '965123'],
    // A number that passes as written keeps its zero: Ivory Coast numbers start with 0.
    ['2250712345678', '2250712345678'],
    ['+225 07 12 34 56 78', '2250712345678'],
    ['10123456789', '10123456789'],
    // No rule, nothing to compare against: left alone.
    ['99901234567', '99901234567'],
    ['9991234567', '9991234567'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['abc'],
    ['+'],
    ['0'],
    ['000'],
    ['٠٠٠'],
    ['+ ( ) -'],
    ['\uD800'],
    ['\uDFFF\uD800'],
    ['user@example.com'],
    // Only ASCII, Arabic-Indic and Persian digits count; full-width digits are not in the contract.
    ['９６５９８７６５４３２'],
  ])('%j has no significant digit -> ""', (input) => {
    expect(normalizePhone(input)).toBe('');
  });

  it('keeps a very long run of digits whole', () => {
    const long = '9'.repeat(200_000);
    expect(normalizePhone(long)).toBe(long);
    expect(normalizePhone(`+${long} `)).toBe(long);
    expect(normalizePhone('1 2'.repeat(50_000))).toBe('12'.repeat(50_000));
  });

  it('throws a TypeError for a value that is not a string', () => {
    expect(() => normalizePhone(96598765432 as unknown as string)).toThrow(TypeError);
    expect(() => normalizePhone(undefined as unknown as string)).toThrow(TypeError);
  });

  it('uses the table it is given', () => {
    const uk: PhoneRules = { '44': { localLengths: [10], mobileStartDigits: ['7'] } };
    expect(normalizePhone('4407911123456', undefined, uk)).toBe('447911123456');
    // Saudi Arabia is not in that table, so its trunk zero stays.
    expect(normalizePhone('9660559876543', undefined, uk)).toBe('9660559876543');
    expect(normalizePhone('9660559876543', undefined, {})).toBe('9660559876543');
  });

  it('reaches a fixed point even where one code prefixes another', () => {
    const rules: PhoneRules = { '1': { localLengths: [3] }, '12': { localLengths: [2] } };
    // '1' + '0234' fails, '1234' is then read as '12' + '34', which passes.
    expect(normalizePhone('10234', undefined, rules)).toBe('1234');
    expect(normalizePhone('1234', undefined, rules)).toBe('1234');
  });
});

describe('normalizePhone with defaultCountryCode', () => {
  it.each([
    // A bare local number that fits the country's rule gets the code.
    ['98765432', '965', KUWAIT],
    ['9876 5432', '965', KUWAIT],
    ['9876-5432', '965', KUWAIT],
    ['098765432', '965', KUWAIT],
    ['٩٨٧٦٥٤٣٢', '965', KUWAIT],
    ['٠٩٨٧٦ ٥٤٣٢', '965', KUWAIT],
    ['41234567', '965', '96541234567'],
    ['559876543', '966', '966559876543'],
    ['055 987 6543', '966', '966559876543'],
    ['0501234567', '971', '971501234567'],
    ['3600 1234', '973', '97336001234'],
    ['3312 3456', '974', '97433123456'],
    ['9123 4567', '968', '96891234567'],
    ['07911 123456', '44', '447911123456'],
    ['(202) 555-1234', '1', '12025551234'],
    // Ivory Coast keeps the 0 that belongs to its local numbers.
    ['07 12 34 56 78', '225', '2250712345678'],
    // Numbers that already carry a code are left alone.
    [KUWAIT, '965', KUWAIT],
    ['+96598765432', '965', KUWAIT],
    ['0096598765432', '965', KUWAIT],
    ['447911123456', '965', '447911123456'],
    ['+44 7911 123456', '965', '447911123456'],
    ['966559876543', '965', '966559876543'],
    ['9660559876543', '965', '966559876543'],
    ['2250712345678', '225', '2250712345678'],
    // Ambiguous: a valid Indian local number, and valid as written for Lebanon
    // (+961 3456789). A number that fits the local rule is read as local.
    ['9613456789', '91', '919613456789'],
    ['09613456789', '91', '919613456789'],
    // So a Kuwaiti 5005 1234 stays Kuwaiti, though +500 51234 is a Falklands mobile.
    ['50051234', '965', '96550051234'],
    ['+500 51234', '965', '96550051234'],
    ['50051234', '500', '50051234'],
    ['9876543210', '91', '919876543210'],
    // Does not fit the local rule: unchanged (and later rejected by validation).
    ['12345678', '965', '12345678'],
    ['9876543', '965', '9876543'],
    ['987654321', '965', '987654321'],
    ['', '965', ''],
    ['abc', '965', ''],
    // A code without a rule cannot tell local from international: no change.
    ['12345678', '999', '12345678'],
    // Trunk stripping that would make a malformed number look local is not applied.
    ['440512345', '965', '440512345'],
  ])('%j with %s -> %j', (input, code, expected) => {
    expect(normalizePhone(input, { defaultCountryCode: code })).toBe(expected);
    // And normalizing the result again changes nothing.
    expect(normalizePhone(expected, { defaultCountryCode: code })).toBe(expected);
  });

  it('changes nothing when unset', () => {
    expect(normalizePhone('98765432')).toBe('98765432');
    expect(normalizePhone('98765432', {})).toBe('98765432');
    expect(normalizePhone('98765432', { defaultCountryCode: undefined })).toBe('98765432');
  });

  it.each([[''], ['+965'], ['9650'], ['abc'], [' 965'], ['٩٦٥'], [965], [null]])(
    'throws a TypeError naming the option for %j',
    (code) => {
      const options = { defaultCountryCode: code as string };
      expect(() => normalizePhone('98765432', options)).toThrow(TypeError);
      expect(() => normalizePhone('98765432', options)).toThrow(/defaultCountryCode/);
      expect(() => validatePhoneInput('', options)).toThrow(/defaultCountryCode/);
    },
  );
});

describe('validatePhoneInput', () => {
  it.each([
    // Valid: every GCC country, with each mobile start digit.
    ['96598765432', '96598765432'],
    ['96541234567', '96541234567'],
    ['96551234567', '96551234567'],
    ['96561234567', '96561234567'],
    ['966559876543', '966559876543'],
    ['971501234567', '971501234567'],
    ['97336001234', '97336001234'],
    ['97366001234', '97366001234'],
    ['97433123456', '97433123456'],
    ['97455123456', '97455123456'],
    ['97466123456', '97466123456'],
    ['97477123456', '97477123456'],
    ['96871234567', '96871234567'],
    ['96891234567', '96891234567'],
    // Other countries and formats.
    ['+965 9876 5432', '96598765432'],
    ['٩٦٥٩٨٧٦٥٤٣٢', '96598765432'],
    ['+966 05 5987 6543', '966559876543'],
    ['9710501234567', '971501234567'],
    ['2250712345678', '2250712345678'],
    ['+225 07 12 34 56 78', '2250712345678'],
    ['447911123456', '447911123456'],
    ['12025551234', '12025551234'],
    ['9613123456', '9613123456'],
    ['96170123456', '96170123456'],
    ['628123456789', '628123456789'],
    ['96815051234', '96815051234'],
    // Real mobiles the 81-country table refused (issue 12): Argentina, Austria, Chile, Myanmar, Somalia.
    ['+54 9 11 2345 6789', '5491123456789'],
    ['43664123456', '43664123456'],
    ['56221234567', '56221234567'],
    ['9592123456', '9592123456'],
    ['25271123456', '25271123456'],
    // Countries outside the old table.
    ['+7 912 345 67 89', '79123456789'],
    ['+353 85 012 3456', '353850123456'],
    // 7 and 15 digits are the limits: Niue's 4-digit numbers, Austria's 13-digit ones.
    ['+683 5123', '6835123'],
    ['436641234567890', '436641234567890'],
  ])('%j is valid as %j', (input, normalized) => {
    expect(validatePhoneInput(input)).toEqual([true, null, normalized]);
  });

  it.each([
    ['', 'Phone number is required', ''],
    ['   ', 'Phone number is required', ''],
    ['\t\n', 'Phone number is required', ''],
    ['user@example.com', "'user@example.com' is an email address, not a phone number", ''],
    ['  a@b.co  ', "'a@b.co' is an email address, not a phone number", ''],
    ['965@98765432', "'965@98765432' is an email address, not a phone number", ''],
    ['abc', "'abc' is not a valid phone number, no digits found", ''],
    [' +() - ', "'+() -' is not a valid phone number, no digits found", ''],
    ['\uD83D', "'\uD83D' is not a valid phone number, no digits found", ''],
    ['000', "'000' is too short (0 digits, minimum is 7)", ''],
    ['123', "'123' is too short (3 digits, minimum is 7)", '123'],
    ['+965 12', "'+965 12' is too short (5 digits, minimum is 7)", '96512'],
    ['123456', "'123456' is too short (6 digits, minimum is 7)", '123456'],
    ['٠٠١٢٣٤٥٦', "'٠٠١٢٣٤٥٦' is too short (6 digits, minimum is 7)", '123456'],
    ['9991234567890123', "'9991234567890123' is too long (16 digits, maximum is 15)", '9991234567890123'],
    // Kuwait: seed examples.
    ['96512345678', 'Invalid Kuwait mobile number: after +965 must start with 4, 5, 6, 9', '96512345678'],
    ['9651234567', 'Invalid Kuwait number: expected 8 digits after +965, got 7', '9651234567'],
    ['965987654321', 'Invalid Kuwait number: expected 8 digits after +965, got 9', '965987654321'],
    ['96522345678', 'Invalid Kuwait mobile number: after +965 must start with 4, 5, 6, 9', '96522345678'],
    // The other GCC countries.
    ['966459876543', 'Invalid Saudi Arabia mobile number: after +966 must start with 5', '966459876543'],
    ['96655987654', 'Invalid Saudi Arabia number: expected 9 digits after +966, got 8', '96655987654'],
    ['971401234567', 'Invalid UAE mobile number: after +971 must start with 5', '971401234567'],
    ['9715012345678', 'Invalid UAE number: expected 9 digits after +971, got 10', '9715012345678'],
    ['97312345678', 'Invalid Bahrain mobile number: after +973 must start with 3, 6', '97312345678'],
    ['9733600123', 'Invalid Bahrain number: expected 8 digits after +973, got 7', '9733600123'],
    ['97412345678', 'Invalid Qatar mobile number: after +974 must start with 3, 5, 6, 7', '97412345678'],
    ['974331234567', 'Invalid Qatar number: expected 8 digits after +974, got 9', '974331234567'],
    ['96851234567', 'Invalid Oman mobile number: after +968 must start with 15, 7, 9', '96851234567'],
    ['9689123456', 'Invalid Oman number: expected 8 digits after +968, got 7', '9689123456'],
    // Several allowed lengths.
    ['9613123', 'Invalid Lebanon number: expected 7 or 8 digits after +961, got 4', '9613123'],
    ['62812345', 'Invalid Indonesia number: expected 9, 10, 11 or 12 digits after +62, got 6', '62812345'],
    ['1202555123', 'Invalid USA/Canada number: expected 10 digits after +1, got 9', '1202555123'],
    ['225712345678', 'Invalid Ivory Coast number: expected 10 digits after +225, got 9', '225712345678'],
    // Prefixes that depend on the length: Myanmar's 7-digit numbers start with 17, its longer ones with 9.
    ['959123456', 'Invalid Myanmar mobile number: after +95 must start with 17', '959123456'],
    ['959123456789012', 'Invalid Myanmar number: expected 7, 8, 9 or 10 digits after +95, got 13', '959123456789012'],
    ['435012345678', 'Invalid Austria mobile number: after +43 must start with 6', '435012345678'],
    // No country has the code; calling codes have at most 3 digits, and those are quoted.
    ['9991234', 'Invalid number: no country has calling code +999', '9991234'],
    ['+999 123 456 789 012', 'Invalid number: no country has calling code +999', '999123456789012'],
    ['2101234567', 'Invalid number: no country has calling code +210', '2101234567'],
    // The trunk zero goes even though the result still fails.
    ['20010123456789', 'Invalid Egypt number: expected 10 digits after +20, got 11', '2010123456789'],
  ])('%j -> %j', (input, error, normalized) => {
    expect(validatePhoneInput(input)).toEqual([false, error, normalized]);
  });

  it('reports a very long input by its digit count', () => {
    const long = '9'.repeat(100_000);
    expect(validatePhoneInput(long)).toEqual([
      false,
      `'${long}' is too long (100000 digits, maximum is 15)`,
      long,
    ]);
  });

  it.each([
    ['98765432', KUWAIT],
    ['9876 5432', KUWAIT],
    ['098765432', KUWAIT],
    [KUWAIT, KUWAIT],
    ['447911123456', '447911123456'],
  ])('accepts %j with defaultCountryCode 965 as %j', (input, normalized) => {
    expect(validatePhoneInput(input, { defaultCountryCode: '965' })).toEqual([true, null, normalized]);
  });

  it('throws a TypeError for a value that is not a string', () => {
    expect(() => validatePhoneInput(null as unknown as string)).toThrow(TypeError);
  });
});

describe('findCountryCode', () => {
  it.each([
    ['96598765432', '965'],
    ['201012345678', '20'],
    ['12025551234', '1'],
    ['9991234567', null],
    ['2250712345678', '225'],
    ['380501234567', '380'],
    ['447911123456', '44'],
    ['965', '965'],
    ['96', null],
    ['1', '1'],
    ['', null],
    ['0965', null],
    ['+965', null],
    ['abc', null],
  ])('%j -> %j', (input, code) => {
    expect(findCountryCode(input)).toBe(code);
  });

  it('takes the longest match in the table it is given', () => {
    const rules: PhoneRules = { '1': { localLengths: [10] }, '12': { localLengths: [9] }, '123': { localLengths: [8] } };
    expect(findCountryCode('1234567890', rules)).toBe('123');
    expect(findCountryCode('1244567890', rules)).toBe('12');
    expect(findCountryCode('1344567890', rules)).toBe('1');
    expect(findCountryCode('96598765432', rules)).toBeNull();
  });
});

describe('validatePhoneFormat', () => {
  it.each([
    ['96598765432', true, null],
    ['96512345678', false, 'Invalid Kuwait mobile number: after +965 must start with 4, 5, 6, 9'],
    ['9651234567', false, 'Invalid Kuwait number: expected 8 digits after +965, got 7'],
    ['9991234567', false, 'Invalid number: no country has calling code +999'],
    ['4791234567', true, null],
    ['12025551234', true, null],
    ['32412345678', true, null],
  ])('%j -> %s %j', (input, valid, error) => {
    expect(validatePhoneFormat(input)).toEqual([valid, error]);
  });

  it('names a code the names table lacks by its number', () => {
    const rules: PhoneRules = { '999': { localLengths: [3], mobileStartDigits: ['1', '2'] } };
    expect(validatePhoneFormat('99912', rules)).toEqual([false, 'Invalid +999 number: expected 3 digits after +999, got 2']);
    expect(validatePhoneFormat('999312', rules)).toEqual([false, 'Invalid +999 mobile number: after +999 must start with 1, 2']);
    expect(validatePhoneFormat('999123', rules)).toEqual([true, null]);
  });

  it('refuses a number whose code the table it is given lacks', () => {
    const rules: PhoneRules = { '44': { localLengths: [10] } };
    expect(validatePhoneFormat('96598765432', rules)).toEqual([false, 'Invalid number: no country has calling code +965']);
    expect(validatePhoneFormat('96', rules)).toEqual([false, 'Invalid number: no country has calling code +96']);
  });

  it('reads prefixes by length where the table has them', () => {
    const rules: PhoneRules = {
      '43': { localLengths: [7, 10], mobileStartDigits: ['6'], mobileStartDigitsByLength: { 7: ['64', '65'] } },
    };
    expect(validatePhoneFormat('436412345', rules)).toEqual([true, null]);
    expect(validatePhoneFormat('436612345', rules)).toEqual([false, 'Invalid Austria mobile number: after +43 must start with 64, 65']);
    expect(validatePhoneFormat('436012345678', rules)).toEqual([true, null]);
    expect(validatePhoneFormat('435012345678', rules)).toEqual([false, 'Invalid Austria mobile number: after +43 must start with 6']);
  });

  it('refuses every number of a code with no mobile numbers', () => {
    const rules: PhoneRules = { '800': { localLengths: [] } };
    expect(validatePhoneFormat('80012345678', rules)).toEqual([false, 'Invalid International Freephone number: +800 numbers are not mobile numbers']);
  });

  it('matches start prefixes longer than one digit', () => {
    const rules: PhoneRules = { '44': { localLengths: [10], mobileStartDigits: ['71', '8'] } };
    expect(validatePhoneFormat('447112345678', rules)).toEqual([true, null]);
    expect(validatePhoneFormat('448112345678', rules)).toEqual([true, null]);
    expect(validatePhoneFormat('447212345678', rules)[0]).toBe(false);
  });
});

describe('deduplicatePhones', () => {
  it.each([
    [[], []],
    [[KUWAIT], [KUWAIT]],
    [[KUWAIT, '96512345678', KUWAIT], [KUWAIT, '96512345678']],
    [['b', 'a', 'b', 'c', 'a'], ['b', 'a', 'c']],
    // Compared as given: normalize first.
    [['+96598765432', KUWAIT], ['+96598765432', KUWAIT]],
  ])('%j -> %j', (input, expected) => {
    expect(deduplicatePhones(input)).toEqual(expected);
  });

  it('never changes its input and returns a new array', () => {
    const input = Object.freeze([KUWAIT, KUWAIT]);
    const output = deduplicatePhones(input);
    expect(output).toEqual([KUWAIT]);
    expect(input).toEqual([KUWAIT, KUWAIT]);
    const unique = [KUWAIT];
    expect(deduplicatePhones(unique)).not.toBe(unique);
  });
});

describe('maskPhone', () => {
  it.each([
    ['96598765432', '9659****432'],
    ['966559876543', '9665*****543'],
    ['999123456789012', '9991********012'],
    ['12345678', '1234*678'],
    ['1234567', '1234567'],
    ['123456', '****'],
    ['1', '****'],
    ['', '****'],
  ])('%j -> %j', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });
});

// The seed is fixed, so a failure reproduces; fast-check prints it with any counterexample.
describe('properties (fast-check seed 20260401, 10,000 runs each)', () => {
  const SEED = 20_260_401;
  const NUM_RUNS = 10_000;
  const params = { numRuns: NUM_RUNS, seed: SEED };

  // Any code unit at all, so lone surrogates are drawn too ('binary' draws only whole code points).
  const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
  // Strings shaped like phone input, so the country rules are really exercised.
  const phoneChar = fc.constantFrom(
    ...'0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹'.split(''),
    '0',
    '0',
    '9',
    '6',
    '5',
    '+',
    ' ',
    '-',
    '(',
    ')',
    '@',
    'x',
    '\uD800',
    '\uDC00',
  );
  const input = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: anyCodeUnit, maxLength: 40 }),
    fc.string({ unit: phoneChar, maxLength: 24 }),
  );
  const defaultCode = fc.constantFrom('965', '966', '971', '973', '974', '968', '1', '44', '91', '225', '62', '999');

  it('normalizePhone never throws and returns ASCII digits without a leading zero', () => {
    fc.assert(
      fc.property(input, (s) => {
        const out = normalizePhone(s);
        expect(out).toMatch(/^(?:[1-9][0-9]*)?$/);
      }),
      params,
    );
  });

  it('normalizePhone is idempotent', () => {
    fc.assert(
      fc.property(input, (s) => {
        const once = normalizePhone(s);
        expect(normalizePhone(once)).toBe(once);
      }),
      params,
    );
  });

  it('normalizePhone with defaultCountryCode is idempotent too', () => {
    fc.assert(
      fc.property(input, defaultCode, (s, code) => {
        const options = { defaultCountryCode: code };
        const once = normalizePhone(s, options);
        expect(once).toMatch(/^[0-9]*$/);
        expect(normalizePhone(once, options)).toBe(once);
      }),
      params,
    );
  });

  it('validatePhoneInput never throws and agrees with normalizePhone', () => {
    fc.assert(
      fc.property(input, fc.option(defaultCode, { nil: undefined }), (s, code) => {
        const options = { defaultCountryCode: code };
        const [valid, error, normalized] = validatePhoneInput(s, options);
        expect(valid).toBe(error === null);
        if (!s.includes('@')) expect(normalized).toBe(normalizePhone(s, options));
        if (valid) {
          expect(normalized.length).toBeGreaterThanOrEqual(7);
          expect(normalized.length).toBeLessThanOrEqual(15);
          expect(validatePhoneFormat(normalized)).toEqual([true, null]);
        }
      }),
      params,
    );
  });
});
