import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EMOJI_RANGES } from '../src/emoji-ranges.js';
import { cleanMessage, isEmojiCodePoint } from '../src/message.js';
import { parseRanges, sortedAndMerged } from './helpers/ranges.js';

// The set is defined against Node 20's \p{Extended_Pictographic}; other
// Node versions may know more emoji, so the exact comparison only runs there.
const onNode20 = process.versions.node.startsWith('20.');

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const KEPT_SYMBOLS = new Set([0xa9, 0xae, 0x2122]);
const BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0x2600, 0x27bf],
  [0x1f000, 0x1faff],
  [0x1fc00, 0x1fffd],
  [0x1f3fb, 0x1f3ff],
  [0x1f1e6, 0x1f1ff],
  [0x20e3, 0x20e3],
  [0xfe00, 0xfe0f],
  [0xe0000, 0xe007f],
  [0x200d, 0x200d],
];

const isSurrogate = (cp: number): boolean => cp >= 0xd800 && cp <= 0xdfff;

/** The documented definition (cleanMessage's JSDoc), written the obvious way. */
function expectedEmoji(cp: number): boolean {
  if (BLOCKS.some(([from, to]) => cp >= from && cp <= to)) return true;
  if (isSurrogate(cp) || KEPT_SYMBOLS.has(cp)) return false;
  return PICTOGRAPHIC.test(String.fromCodePoint(cp));
}

/** Hidden characters and controls (CR aside: it becomes LF). */
const isHidden = (cp: number): boolean =>
  (cp <= 0x1f && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) ||
  (cp >= 0x7f && cp <= 0x9f) ||
  [0xad, 0x061c, 0xfeff, 0xfffc].includes(cp) ||
  (cp >= 0x200b && cp <= 0x200f) ||
  (cp >= 0x202a && cp <= 0x202e) ||
  (cp >= 0x2060 && cp <= 0x2064) ||
  (cp >= 0x2066 && cp <= 0x2069);

describe('EMOJI_RANGES', () => {
  it('is sorted, merged and within Unicode', () => {
    const ranges = parseRanges(EMOJI_RANGES);
    expect(ranges.length).toBe(31);
    expect(sortedAndMerged(ranges, 0x10ffff)).toBe(true);
  });

  it('keeps (c) (R) TM and ordinary symbols out', () => {
    for (const cp of [0xa9, 0xae, 0x2122, 0x2192, 0x2022, 0x20ac, 0x1fb00, 0x1fffe, 0x41, 0x0645]) {
      expect(isEmojiCodePoint(cp), cp.toString(16)).toBe(false);
    }
  });

  it.each(BLOCKS.map(([from, to]) => [from.toString(16), to.toString(16), from, to] as const))(
    'holds all of U+%s-U+%s',
    (_a, _b, from, to) => {
      for (let cp = from; cp <= to; cp++) expect(isEmojiCodePoint(cp)).toBe(true);
    },
  );

  it.runIf(onNode20)('Node 20 knows the 2,848 Extended_Pictographic code points the definition speaks of', () => {
    let count = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (!isSurrogate(cp) && PICTOGRAPHIC.test(String.fromCodePoint(cp))) count++;
    }
    expect(count).toBe(2848);
  });

  it.runIf(onNode20)('is exactly the defined set, for every code point 0..0x10FFFF', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (isEmojiCodePoint(cp) !== expectedEmoji(cp)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it.runIf(onNode20)('is what scripts/gen-emoji-ranges.mjs writes (the committed file is not stale)', () => {
    const script = fileURLToPath(new URL('../scripts/gen-emoji-ranges.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});

describe('cleanMessage applies the table to every code point', () => {
  // cleanMessage reads the table through its own pattern, so check it too, not just isEmojiCodePoint.
  it.runIf(onNode20)('removes a lone BMP code point exactly when it is an emoji or hidden', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      const ch = String.fromCharCode(cp);
      const out = cleanMessage(ch);
      let expected: string;
      if (isSurrogate(cp) || expectedEmoji(cp) || isHidden(cp) || cp === 0x200c) expected = '';
      else if (cp === 0x0d) expected = '\n';
      else if (cp >= 0x0660 && cp <= 0x0669) expected = String(cp - 0x0660);
      else if (cp >= 0x06f0 && cp <= 0x06f9) expected = String(cp - 0x06f0);
      else expected = ch;
      if (out !== expected) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it.runIf(onNode20)('removes an astral code point exactly when it is an emoji', () => {
    const wrong: string[] = [];
    for (let cp = 0x10000; cp <= 0x10ffff; cp++) {
      const ch = String.fromCodePoint(cp);
      if (cleanMessage(`a${ch}b`) !== (expectedEmoji(cp) ? 'ab' : `a${ch}b`)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});
