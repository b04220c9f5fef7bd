import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ARABIC_LETTER_RANGES } from '../src/arabic-ranges.js';
import { parseRanges, sortedAndMerged } from './helpers/ranges.js';

// The table is defined by Node 20's Unicode data; other versions may know more letters.
const onNode20 = process.versions.node.startsWith('20.');
const ARABIC_SCRIPT = /^(?=\p{Script_Extensions=Arabic})[\p{L}\p{M}]$/u;
const RANGES = parseRanges(ARABIC_LETTER_RANGES);

describe('ARABIC_LETTER_RANGES', () => {
  it('is sorted, merged and within the BMP', () => {
    expect(RANGES.length).toBe(20);
    expect(sortedAndMerged(RANGES, 0xffff)).toBe(true);
  });

  it('holds the letters of Arabic, Persian and Urdu and leaves digits and punctuation out', () => {
    const holds = (cp: number): boolean => RANGES.some(([from, to]) => cp >= from && cp <= to);
    for (const cp of [0x0627, 0x0645, 0x067e, 0x06af, 0x06cc, 0x0679, 0x064b, 0xfefb]) expect(holds(cp), cp.toString(16)).toBe(true);
    for (const cp of [0x060c, 0x061f, 0x0660, 0x06f5, 0x061c, 0x200c, 0x41]) expect(holds(cp), cp.toString(16)).toBe(false);
  });

  it.runIf(onNode20)('is exactly the BMP Script_Extensions=Arabic letters and marks', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      const expected = cp < 0xd800 || cp > 0xdfff ? ARABIC_SCRIPT.test(String.fromCharCode(cp)) : false;
      if (RANGES.some(([from, to]) => cp >= from && cp <= to) !== expected) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it.runIf(onNode20)('is what scripts/gen-arabic-ranges.mjs writes (the committed file is not stale)', () => {
    const script = fileURLToPath(new URL('../scripts/gen-arabic-ranges.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
