/**
 * Message text: what `send()` does to it before sending (`cleanMessage`) and
 * what it will cost (`messageInfo`). Pure functions, no I/O.
 *
 * cleanMessage runs on every send and in bulk jobs, so it is one pass over
 * char codes with a lookup table per BMP code unit, and returns its input
 * untouched (no copy) when nothing needs removing, which is the common case.
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
/** Needs a look at its neighbours or a replacement: '<', CR, ZWNJ, Arabic/Persian digits, surrogates. */
const SPECIAL = 3;

const LT = 0x3c;
const GT = '>';
const LF = 0x0a;
const CR = 0x0d;
const ZWNJ = 0x200c;
const LATIN_DIGITS = '0123456789';

/** Hidden characters, directional marks and controls, as inclusive [from, to] pairs (API.md). */
const HIDDEN = [
  0x0000, 0x001f, 0x007f, 0x009f, // C0, DEL, C1 (\t and \n are put back below)
  0x00ad, 0x00ad, // soft hyphen
  0x061c, 0x061c, // Arabic letter mark
  0x200b, 0x200b, 0x200d, 0x200f, // zero-width space, ZWJ, LRM, RLM
  0x202a, 0x202e, // embeddings and overrides
  0x2060, 0x2064, // word joiner, invisible operators
  0x2066, 0x2069, // isolates
  0xfeff, 0xfeff, // BOM
  0xfffc, 0xfffc, // object replacement character
];

/**
 * Script_Extensions=Arabic letters and marks in the BMP (test/message.test.ts
 * checks them against Node's Unicode data). Marks count because a vowelled
 * letter is still a letter for the ZWNJ rule. The astral Arabic blocks hold no
 * everyday spelling, so a ZWNJ next to them goes.
 */
const ARABIC_LETTERS = [
  0x0610, 0x061a, 0x0620, 0x065f, 0x066e, 0x06d3, 0x06d5, 0x06dc, 0x06df, 0x06e8,
  0x06ea, 0x06ef, 0x06fa, 0x06fc, 0x06ff, 0x06ff, 0x0750, 0x077f, 0x0870, 0x0887,
  0x0889, 0x088f, 0x0897, 0x08e1, 0x08e3, 0x08ff, 0xfb50, 0xfbb1, 0xfbd3, 0xfd3d,
  0xfd50, 0xfd8f, 0xfd92, 0xfdc7, 0xfdf0, 0xfdfb, 0xfe70, 0xfe74, 0xfe76, 0xfefc,
];

// Built on first use, not at import, so importing the package for something
// else costs nothing and bundlers can drop this module.
let emojiBounds: number[] | undefined;
let classTable: Uint8Array | undefined;
let gsmTable: Uint8Array | undefined;

function emojiRanges(): number[] {
  if (emojiBounds === undefined) {
    let bound = 0;
    emojiBounds = EMOJI_RANGES.split(',').map((delta) => (bound += parseInt(delta, 36)));
  }
  return emojiBounds;
}

function classes(): Uint8Array {
  if (classTable !== undefined) return classTable;
  const table = new Uint8Array(0x10000);
  // fill() ignores the astral ranges: they lie past the end of the table.
  const mark = (bounds: readonly number[], cls: number): void => {
    for (let k = 0; k + 1 < bounds.length; k += 2) table.fill(cls, bounds[k], (bounds[k + 1] ?? 0) + 1);
  };
  mark(ARABIC_LETTERS, ARABIC);
  mark(emojiRanges(), DROP);
  mark(HIDDEN, DROP);
  table[0x09] = KEEP;
  table[LF] = KEEP;
  mark([CR, CR, LT, LT, ZWNJ, ZWNJ, 0x0660, 0x0669, 0x06f0, 0x06f9, 0xd800, 0xdfff], SPECIAL);
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
 * import { isEmojiCodePoint } from './message.js';
 *
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
  const n = text.length;
  let gt = -2; // index of the next '>' at or after the scan, -1 when there is none, -2 not looked up yet
  let i = 0;
  // Find the first code unit that changes; most messages have none.
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = cls[c];
    if (k === DROP) break;
    if (k !== SPECIAL) continue;
    if (c === LT) {
      if (!isTagStart(text.charCodeAt(i + 1))) continue;
      if (gt < i + 1 && gt !== -1) gt = text.indexOf(GT, i + 1);
      if (gt === -1) continue;
      break;
    }
    if (c === ZWNJ) {
      if (cls[text.charCodeAt(i - 1)] === ARABIC && cls[text.charCodeAt(i + 1)] === ARABIC) continue;
      break;
    }
    if (c < 0xd800 || c > 0xdbff) break; // CR, a digit, a lone low surrogate
    const d = text.charCodeAt(i + 1);
    if (d < 0xdc00 || d > 0xdfff || isEmojiCodePoint((c - 0xd800) * 0x400 + d - 0xdc00 + 0x10000)) break;
    i++;
  }
  if (i === n) return text;
  // A run of '<' just before the change may yet open a tag, as in '<\u200Bb>'.
  while (i > 0 && text.charCodeAt(i - 1) === LT) i--;
  return cleanFrom(text, i, cls);
}

/** The slow path of cleanMessage: `text` up to `start` is known to be kept as it is. */
function cleanFrom(text: string, start: number, cls: Uint8Array): string {
  const n = text.length;
  let out = '';
  let runStart = 0; // text[runStart, i) is kept as is and not yet copied to `out`
  // '<' written to the output only once we know no tag starts there: a tag
  // removed after '<<' leaves a '<' that the next character may open again.
  let pendingLt = 0;
  let gt = -2;
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = cls[c];
    if (k === DROP) {
      if (runStart < i) out += text.slice(runStart, i);
      runStart = i + 1;
      continue;
    }
    let replacement = ''; // what c becomes, when it is not kept as it is
    if (k === SPECIAL) {
      if (c === LT) {
        if (runStart < i) out += text.slice(runStart, i);
        runStart = i + 1;
        pendingLt++;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = text.charCodeAt(i + 1);
        const paired = c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff;
        if (!paired || isEmojiCodePoint((c - 0xd800) * 0x400 + d - 0xdc00 + 0x10000)) {
          if (runStart < i) out += text.slice(runStart, i);
          if (paired) i++;
          runStart = i + 1;
          continue;
        }
        // A kept pair: it cannot open a tag, so pending '<' are text.
        if (pendingLt > 0) {
          out += '<'.repeat(pendingLt);
          pendingLt = 0;
        }
        i++;
        continue;
      }
      if (c === ZWNJ) {
        if (cls[text.charCodeAt(i - 1)] !== ARABIC || cls[text.charCodeAt(i + 1)] !== ARABIC) {
          if (runStart < i) out += text.slice(runStart, i);
          runStart = i + 1;
          continue;
        }
      } else if (c === CR) {
        if (text.charCodeAt(i + 1) === LF) {
          if (runStart < i) out += text.slice(runStart, i);
          runStart = i + 1;
          continue;
        }
        replacement = '\n';
      } else {
        // U+0660-0669 Arabic-Indic or U+06F0-06F9 Persian digit
        replacement = LATIN_DIGITS.charAt(c & 0x0f);
      }
    }
    if (pendingLt > 0) {
      if (replacement === '' && isTagStart(c)) {
        if (gt < i && gt !== -1) gt = text.indexOf(GT, i);
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
    if (replacement !== '') {
      if (runStart < i) out += text.slice(runStart, i);
      out += replacement;
      runStart = i + 1;
    }
  }
  if (runStart < n) out += text.slice(runStart);
  return pendingLt > 0 ? out + '<'.repeat(pendingLt) : out;
}

/** GSM 03.38 default alphabet (the part below U+0100), escape excluded. */
const GSM_LATIN =
  '@£$¥èéùìòÇ\nØø\rÅå_ÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The GSM-7 Greek capitals. */
const GSM_GREEK = 'ΔΦΓΛΩΠΨΣΘΞ';
/** GSM 03.38 extension table: each is sent as ESC + char, so it costs 2 septets. */
const GSM_EXTENSION = '\f^{}\\[~]|';
const EURO = 0x20ac;

function gsm(): Uint8Array {
  if (gsmTable !== undefined) return gsmTable;
  const table = new Uint8Array(0x100);
  for (let k = 0; k < GSM_LATIN.length; k++) table[GSM_LATIN.charCodeAt(k)] = 1;
  for (let k = 0; k < GSM_EXTENSION.length; k++) table[GSM_EXTENSION.charCodeAt(k)] = 2;
  return (gsmTable = table);
}

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
  const table = gsm();
  let septets = 0;
  for (let i = 0; i < cleaned.length && septets !== -1; i++) {
    const c = cleaned.charCodeAt(i);
    if (c < 0x100) {
      const cost = table[c] ?? 0;
      septets = cost === 0 ? -1 : septets + cost;
    } else if (c === EURO) {
      septets += 2;
    } else {
      septets = GSM_GREEK.includes(cleaned.charAt(i)) ? septets + 1 : -1;
    }
  }
  const isGsm = septets !== -1;
  const characters = isGsm ? septets : cleaned.length;
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
