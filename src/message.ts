/**
 * Message text: what `send()` does to it before sending (`cleanMessage`) and
 * what it will cost (`messageInfo`). Pure functions, no I/O.
 *
 * cleanMessage runs on every send and in bulk jobs: one pass over char codes
 * with a lookup table per BMP code unit, copying whole runs of kept text, a
 * second scan for tags only when there is a `<`, and the input itself back
 * (no copy) when nothing needs removing, which is the common case.
 */

import { EMOJI_RANGES } from './emoji-ranges.js';

/**
 * The gateway's page limit: a longer message is refused with ERR012.
 * @example
 * ```ts
 * import { MAX_PAGES, messageInfo } from 'kwtsms';
 *
 * if (messageInfo(text).pages > MAX_PAGES) shorten(text);
 * ```
 */
export const MAX_PAGES = 7;

/** What a message will cost, from {@link messageInfo}. */
export interface MessageInfo {
  /** The cleaned text: exactly what `send()` would send. */
  text: string;
  /** `'UCS-2'` as soon as one character is outside GSM-7 (Arabic always is). */
  encoding: 'GSM-7' | 'UCS-2';
  /** Length in the encoding's units: GSM-7 septets (extension characters count 2) or UTF-16 code units. */
  characters: number;
  /** SMS pages; each costs one credit per recipient. 0 for empty text. */
  pages: number;
  /** Units per page: 160 or 70 for a single page (and for empty text), 153 or 67 once split. */
  perPage: number;
  /** The gateway's limit, {@link MAX_PAGES}. */
  maxPages: 7;
  /** `pages > 7`: `send()` refuses such a message locally with ERR012. */
  tooLong: boolean;
}

// Classes of BMP code units. KEEP and ARABIC pass through; ARABIC marks the
// Arabic-script letters (and their marks) a ZWNJ may sit between.
const KEEP = 0;
const ARABIC = 1;
const DROP = 2;
/** Needs a look at its neighbours or a replacement: CR, ZWNJ, Arabic/Persian digits, surrogates. */
const SPECIAL = 3;

const LF = 0x0a;
const CR = 0x0d;
const ZWNJ = 0x200c;

/**
 * Hidden characters, directional marks and controls (API.md), as inclusive
 * ranges in the format of `EMOJI_RANGES` (base-36 distances from the bound
 * before): U+0000-001F (C0; tab and LF are put back below), U+007F-009F
 * (DEL, C1), U+00AD soft hyphen, U+061C Arabic letter mark, U+200B
 * zero-width space, U+200D-200F ZWJ, LRM, RLM, U+202A-202E embeddings and
 * overrides, U+2060-2064 word joiner and invisible operators, U+2066-2069
 * isolates, U+FEFF BOM, U+FFFC object replacement character.
 */
const HIDDEN = '0,v,2o,w,e,0,12n,0,54f,0,2,2,r,4,1e,4,2,3,17yu,0,71,0';

/**
 * Script_Extensions=Arabic letters and marks in the BMP, in the same format
 * (test/message.test.ts checks them against Node's Unicode data):
 * U+0610-061A U+0620-065F U+066E-06D3 U+06D5-06DC U+06DF-06E8 U+06EA-06EF
 * U+06FA-06FC U+06FF U+0750-077F U+0870-0887 U+0889-088F U+0897-08E1
 * U+08E3-08FF U+FB50-FBB1 U+FBD3-FD3D U+FD50-FD8F U+FD92-FDC7 U+FDF0-FDFB
 * U+FE70-FE74 U+FE76-FEFC. Marks count because a vowelled letter is still a
 * letter for the ZWNJ rule. The astral Arabic blocks hold no everyday
 * spelling, so a ZWNJ next to them goes.
 */
const ARABIC_LETTERS = '174,a,6,1r,f,2t,2,7,3,9,2,5,b,2,3,0,29,1b,6p,n,2,6,8,22,2,s,1bv5,2p,y,a2,j,1r,3,1h,15,b,39,4,2,3q';

// Built on first use, not at import, so importing the package for something
// else costs nothing and bundlers can drop this module.
let emojiBounds: number[] | undefined;
let classTable: Uint8Array | undefined;

/** The bounds [start0, end0, start1, end1, ...] of a range table in the format of `EMOJI_RANGES`. */
function decodeRanges(encoded: string): number[] {
  let bound = 0;
  return encoded.split(',').map((delta) => (bound += parseInt(delta, 36)));
}

function emojiRanges(): number[] {
  return (emojiBounds ??= decodeRanges(EMOJI_RANGES));
}

function classes(): Uint8Array {
  if (classTable !== undefined) return classTable;
  const table = new Uint8Array(0x10000);
  // fill() ignores the astral ranges: they lie past the end of the table.
  const mark = (bounds: readonly number[], cls: number): void => {
    for (let k = 0; k + 1 < bounds.length; k += 2) table.fill(cls, bounds[k], (bounds[k + 1] ?? 0) + 1);
  };
  mark(decodeRanges(ARABIC_LETTERS), ARABIC);
  mark(emojiRanges(), DROP);
  mark(decodeRanges(HIDDEN), DROP);
  table[0x09] = KEEP;
  table[LF] = KEEP;
  mark([CR, CR, ZWNJ, ZWNJ, 0x0660, 0x0669, 0x06f0, 0x06f9, 0xd800, 0xdfff], SPECIAL);
  return (classTable = table);
}

/**
 * Whether `cleanMessage` removes this code point as an emoji: a binary search
 * of the committed range table. Internal (not in the package's exports); the
 * tests check it against API.md's definition for every code point.
 * @internal
 * @param codePoint Any code point, 0 to 0x10FFFF.
 * @returns True when the code point is in the removal table.
 * @example
 * ```ts
 * // internal: not exported from 'kwtsms'
 * isEmojiCodePoint(0x1f600); // true
 * isEmojiCodePoint(0x00a9); // false: (c) is text
 * ```
 */
export function isEmojiCodePoint(codePoint: number): boolean {
  const bounds = emojiRanges();
  let lo = 0;
  let hi = bounds.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (codePoint < (bounds[2 * mid] ?? 0)) hi = mid - 1;
    else if (codePoint > (bounds[2 * mid + 1] ?? 0)) lo = mid + 1;
    else return true;
  }
  return false;
}

/** '<' followed by one of these starts an HTML tag (when a '>' follows somewhere). */
function isTagStart(c: number): boolean {
  return ((c | 0x20) - 0x61) >>> 0 < 26 || c === 0x2f || c === 0x21;
}

/**
 * Removes HTML tags, leftmost first until none is left, in one scan: a '<'
 * is held back until the next character shows whether it opens a tag, as
 * removing a tag after '<<' leaves a '<' that the next character may open
 * again (`'<<b>b>'` gives `''`).
 */
function stripTags(text: string): string {
  if (!text.includes('<')) return text;
  let out = '';
  let runStart = 0; // text[runStart, i) is kept as is and not yet copied to `out`
  let pendingLt = 0;
  let gt = -2; // index of the next '>' at or after the scan, -1 when there is none, -2 not looked up yet
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3c) {
      out += text.slice(runStart, i);
      runStart = i + 1;
      pendingLt++;
    } else if (pendingLt > 0) {
      if (isTagStart(c)) {
        if (gt < i && gt !== -1) gt = text.indexOf('>', i);
        if (gt !== -1) {
          pendingLt--;
          i = gt;
          runStart = gt + 1;
          continue;
        }
      }
      out += '<'.repeat(pendingLt);
      pendingLt = 0;
    }
  }
  return out + text.slice(runStart) + '<'.repeat(pendingLt);
}

/**
 * Make a message safe to send: Arabic-Indic and Persian digits become Latin;
 * emoji, hidden characters, directional marks, controls and HTML tags go.
 *
 * - Emoji are removed as whole code points (the table in `emoji-ranges.ts`):
 *   pictographs, symbols U+2600-U+27BF, flags, keycaps, skin tones, variation
 *   selectors, tag characters and ZWJ. (c) (R) TM stay. A lone surrogate is
 *   removed too, so the result is always well-formed UTF-16.
 * - Removed: BOM, zero-width space, word joiner, soft hyphen, U+FFFC,
 *   U+2061-U+2064, U+200E/F, U+202A-U+202E, U+2066-U+2069, U+061C, and
 *   U+0000-U+001F, U+007F-U+009F except `\n` and `\t`.
 * - Line ends: CR LF and a lone CR both become LF.
 * - ZWNJ (U+200C) is Persian and Urdu spelling: kept when the characters on
 *   both sides of it in the input are Arabic-script letters, removed elsewhere.
 * - An HTML tag is '<' then an ASCII letter, '/' or '!', up to the next '>'.
 *   Without a closing '>' it is text, and so is '<' before anything else:
 *   `'a < b and c > d'` and `'Use code <1234>'` stay as they are. Tags are
 *   matched after the other removals and until none is left, so
 *   `'<\u200Bb>'` and `'<<b>b>'` both give `''`.
 *
 * Whitespace is not trimmed; the caller decides what an empty message is
 * (`send()` refuses an empty or whitespace-only result with ERR009).
 * Idempotent: cleaning a cleaned message changes nothing.
 *
 * @param text The message as the user wrote it.
 * @returns The cleaned text; the very same string when nothing had to change.
 * @example
 * ```ts
 * import { cleanMessage } from 'kwtsms';
 *
 * cleanMessage('<b>رمز التحقق</b>: ١٢٣٤٥٦ \u{1F600}'); // 'رمز التحقق: 123456 '
 * ```
 */
export function cleanMessage(text: string): string {
  const cls = classes();
  let out = '';
  let runStart = 0; // text[runStart, i) is kept as is and not yet copied to `out`
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = cls[c] ?? KEEP;
    if (k < DROP) continue; // KEEP or ARABIC
    const at = i;
    let replacement = ''; // what c becomes; removed when ''
    if (k === SPECIAL) {
      if (c === ZWNJ) {
        if (cls[text.charCodeAt(i - 1)] === ARABIC && cls[text.charCodeAt(i + 1)] === ARABIC) continue;
      } else if (c === CR) {
        // CR LF: the LF that follows is kept.
        if (text.charCodeAt(i + 1) !== LF) replacement = '\n';
      } else if (c < 0xd800) {
        // U+0660-0669 Arabic-Indic or U+06F0-06F9 Persian digit: the low 4 bits are its value.
        replacement = String.fromCharCode(0x30 + (c & 0x0f));
      } else {
        const d = text.charCodeAt(i + 1);
        // A whole pair is kept unless it is an emoji; a lone surrogate goes.
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          i++;
          if (!isEmojiCodePoint((c - 0xd800) * 0x400 + d - 0xdc00 + 0x10000)) continue;
        }
      }
    }
    out += text.slice(runStart, at) + replacement;
    runStart = i + 1;
  }
  // Tags are matched after the other removals, so '<\u200Bb>' is a tag.
  return stripTags(runStart === 0 ? text : out + text.slice(runStart));
}

/**
 * The GSM 03.38 default alphabet (escape excluded) and its extension table
 * (`\f ^ { } \\ [ ~ ] | €`): a message made only of these is sent as GSM-7.
 */
const GSM_7 = /^[@£$¥èéùìòÇ\nØø\rÅå_ÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüàΔΦΓΛΩΠΨΣΘΞ\f^{}\\[~\]|€]*$/;
/** The extension table: each is sent as ESC + char, so it costs 2 septets. */
const GSM_EXTENSION = /[\f^{}\\[~\]|€]/g;

/**
 * What a message will cost before sending it: the cleaned text, its encoding,
 * its length in that encoding and the number of SMS pages.
 *
 * GSM-7 when every character is in the GSM 03.38 alphabet or its extension
 * table (`{ } [ ] ~ ^ | \ €` count as 2 septets), UCS-2 otherwise (a tab, an
 * Arabic letter or a `ç` is enough). One page holds 160 GSM-7 septets or 70
 * UCS-2 units; a longer message goes in pages of 153 or 67. Empty text is
 * 0 pages.
 *
 * @param text The message as the user wrote it; it is cleaned first, as `send()` does.
 * @returns `{ text, encoding, characters, pages, perPage, maxPages: 7, tooLong }`.
 * @example
 * ```ts
 * import { messageInfo } from 'kwtsms';
 *
 * messageInfo('Your code is 1234');
 * // { text: 'Your code is 1234', encoding: 'GSM-7', characters: 17, pages: 1,
 * //   perPage: 160, maxPages: 7, tooLong: false }
 * messageInfo('رمز التحقق: ١٢٣٤').encoding; // 'UCS-2'
 * ```
 */
export function messageInfo(text: string): MessageInfo {
  const cleaned = cleanMessage(text);
  const isGsm = GSM_7.test(cleaned);
  const characters = isGsm ? cleaned.length + (cleaned.match(GSM_EXTENSION)?.length ?? 0) : cleaned.length;
  const single = isGsm ? 160 : 70;
  const multi = isGsm ? 153 : 67;
  const pages = characters === 0 ? 0 : characters <= single ? 1 : Math.ceil(characters / multi);
  return {
    text: cleaned,
    encoding: isGsm ? 'GSM-7' : 'UCS-2',
    characters,
    pages,
    perPage: pages > 1 ? multi : single,
    maxPages: MAX_PAGES,
    tooLong: pages > MAX_PAGES,
  };
}
