import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { countryNames, phoneRules } from '../src/phone-rules.js';

// The table every kwtSMS client shares lives outside the repo; CI checks out
// ../shared beside the clone. The count is kept here too, so a truncated or
// missing file cannot make the comparison pass vacuously.
const EXPECTED_COUNT = 81;
const TSV_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/phone-rules.tsv');

type Row = [code: string, name: string, lengths: string, starts: string];

function readRows(): { rows: Row[]; error: Error | null } {
  let text: string;
  try {
    text = readFileSync(TSV_PATH, 'utf8');
  } catch (cause) {
    const error = new Error(
      `phone-rules.tsv is missing at ${TSV_PATH}: check out the shared folder beside this repository (../shared)`,
      { cause },
    );
    return { rows: [], error };
  }
  const rows = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [code = '', name = '', lengths = '', starts = ''] = line.split('\t');
      return [code, name, lengths, starts] as Row;
    });
  return { rows, error: null };
}

const { rows, error } = readRows();

describe('phone-rules.tsv', () => {
  it('is found beside the repository', () => {
    if (error) throw error;
  });

  it(`holds ${String(EXPECTED_COUNT)} distinct countries, as the table does`, () => {
    expect(rows).toHaveLength(EXPECTED_COUNT);
    expect(new Set(rows.map(([code]) => code)).size).toBe(EXPECTED_COUNT);
    expect(Object.keys(phoneRules)).toHaveLength(EXPECTED_COUNT);
    expect(Object.keys(countryNames)).toHaveLength(EXPECTED_COUNT);
  });

  it.each(rows)('+%s %s matches the shared table', (code, name, lengths, starts) => {
    const expected =
      starts === ''
        ? { localLengths: lengths.split(',').map(Number) }
        : { localLengths: lengths.split(',').map(Number), mobileStartDigits: starts.split(',') };
    // toStrictEqual: an empty column must mean no mobileStartDigits key at all.
    expect(phoneRules[code]).toStrictEqual(expected);
    expect(countryNames[code]).toBe(name);
  });
});

describe('phoneRules', () => {
  it.each([
    ['965', { localLengths: [8], mobileStartDigits: ['4', '5', '6', '9'] }],
    ['966', { localLengths: [9], mobileStartDigits: ['5'] }],
    ['971', { localLengths: [9], mobileStartDigits: ['5'] }],
    ['973', { localLengths: [8], mobileStartDigits: ['3', '6'] }],
    ['974', { localLengths: [8], mobileStartDigits: ['3', '5', '6', '7'] }],
    ['968', { localLengths: [8], mobileStartDigits: ['7', '9'] }],
    ['1', { localLengths: [10] }],
    ['225', { localLengths: [10] }],
    ['62', { localLengths: [9, 10, 11, 12], mobileStartDigits: ['8'] }],
  ])('phoneRules[%s] is exactly %o', (code, rule) => {
    expect(phoneRules[code]).toStrictEqual(rule);
  });

  it.each([
    ['965', 'Kuwait'],
    ['966', 'Saudi Arabia'],
    ['971', 'UAE'],
    ['44', 'UK'],
    ['1', 'USA/Canada'],
    ['225', 'Ivory Coast'],
  ])('countryNames[%s] is %s', (code, name) => {
    expect(countryNames[code]).toBe(name);
  });

  it('names exactly the countries it has rules for', () => {
    expect(Object.keys(countryNames).sort()).toEqual(Object.keys(phoneRules).sort());
  });

  it('keys are 1 to 3 digit calling codes, none a prefix of another', () => {
    // findCountryCode takes the longest match; a prefix-free table (as ITU's is)
    // means that choice is never ambiguous.
    const codes = Object.keys(phoneRules);
    for (const code of codes) {
      expect(code).toMatch(/^[1-9]\d{0,2}$/);
      for (const other of codes) {
        if (other !== code) expect(other.startsWith(code), `${code} prefixes ${other}`).toBe(false);
      }
    }
  });

  it('has no valid number of 8 or 9 digits, so Gulf local numbers are never read as international', () => {
    // normalizePhone's defaultCountryCode relies on this (see its JSDoc).
    const shortest = Math.min(
      ...Object.entries(phoneRules).map(([code, rule]) => code.length + Math.min(...rule.localLengths)),
    );
    expect(shortest).toBe(10);
  });

  it('rules are well formed: sorted positive lengths, single start digits', () => {
    for (const rule of Object.values(phoneRules)) {
      expect(rule.localLengths.length).toBeGreaterThan(0);
      expect([...rule.localLengths].sort((a, b) => a - b)).toEqual(rule.localLengths);
      for (const length of rule.localLengths) expect(Number.isInteger(length) && length > 0).toBe(true);
      for (const digit of rule.mobileStartDigits ?? []) expect(digit).toMatch(/^\d$/);
    }
  });

  it('is deep-frozen, so one caller cannot change validation for all', () => {
    expect(Object.isFrozen(phoneRules)).toBe(true);
    expect(Object.isFrozen(countryNames)).toBe(true);
    for (const rule of Object.values(phoneRules)) {
      expect(Object.isFrozen(rule)).toBe(true);
      expect(Object.isFrozen(rule.localLengths)).toBe(true);
      if (rule.mobileStartDigits) expect(Object.isFrozen(rule.mobileStartDigits)).toBe(true);
    }
    const kuwait = phoneRules['965'];
    expect(() => (kuwait?.localLengths as number[]).push(9)).toThrow(TypeError);
    expect(() => {
      (phoneRules as Record<string, unknown>)['999'] = { localLengths: [1] };
    }).toThrow(TypeError);
    expect(() => {
      (countryNames as Record<string, string>)['965'] = 'Elsewhere';
    }).toThrow(TypeError);
    expect(phoneRules['965']).toStrictEqual({ localLengths: [8], mobileStartDigits: ['4', '5', '6', '9'] });
  });
});
