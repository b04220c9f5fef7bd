/**
 * Message text: what `send()` does to it before sending (`cleanMessage`) and
 * what it will cost (`messageInfo`). Pure functions, no I/O.
 *
 * cleanMessage is one regular-expression replace built from the range tables
 * (emoji-ranges.ts and arabic-ranges.ts are generated; the hidden characters
 * are listed below), then a scan for HTML tags when there is a `<`.
 */

import { ARABIC_LETTER_RANGES } from './arabic-ranges.js';
import { ARABIC_DIGITS, latinDigit } from './digits.js';
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

/**
 * What a message will cost, from {@link messageInfo}.
 *
 * @example
 * import { messageInfo, type MessageInfo } from 'kwtsms';
 * const info: MessageInfo = messageInfo('Your code is 1234');
 * info.pages; // 1
 */
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

/**
 * Hidden characters, directional marks and controls: removed. A range table in the format of
 * `EMOJI_RANGES` (hex code points, `a-b` inclusive). Tab and LF are kept; CR becomes LF.
 */
const HIDDEN_RANGES =
  '0-8 ' + // C0 controls before the tab
  'b-c ' + // vertical tab, form feed
  'e-1f ' + // the rest of C0
  '7f-9f ' + // DEL and the C1 controls
  'ad ' + // soft hyphen
  '61c ' + // Arabic letter mark
  '200b ' + // zero-width space (the ZWJ, 200d, is in the emoji table)
  '200e-200f ' + // left-to-right and right-to-left marks
  '202a-202e ' + // embeddings and overrides
  '2060-2064 ' + // word joiner and the invisible operators
  '2066-2069 ' + // isolates
  'feff ' + // byte order mark
  'fffc'; // object replacement character

/** Half of a surrogate pair: in a `u` regex a whole pair never matches it, so only lone halves go. */
const LONE_SURROGATES = 'd800-dfff';

const ZWNJ = '\u200c';

/** Range tables as the character class of a `u` regex: `'61c 200e-200f'` → `[\u{61c}\u{200e}-\u{200f}]`. */
function characterClass(...tables: string[]): string {
  return `[${tables.join(' ').replace(/[0-9a-f]+/g, '\\u{$&}').replaceAll(' ', '')}]`;
}

// Built on first use, not at import, so importing the package for something else costs nothing.
let patterns: { clean: RegExp; arabicLetter: RegExp } | undefined;

function compiled(): { clean: RegExp; arabicLetter: RegExp } {
  return (patterns ??= {
    // Everything cleanMessage replaces, in one pattern: line ends, digits, every ZWNJ (kept or
    // not by its neighbours), and the removed code points.
    clean: new RegExp(`\\r\\n?|${ARABIC_DIGITS.source}|${ZWNJ}|${characterClass(HIDDEN_RANGES, EMOJI_RANGES, LONE_SURROGATES)}`, 'gu'),
    arabicLetter: new RegExp(characterClass(ARABIC_LETTER_RANGES), 'u'),
  });
}

/**
 * Whether `cleanMessage` removes this code point as an emoji (the table in `emoji-ranges.ts`).
 * Internal (not in the package's exports); the tests check it against the definition for every
 * code point.
 *
 * @example
 * // internal: not exported from 'kwtsms'
 * isEmojiCodePoint(0x1f600); // true
 * isEmojiCodePoint(0x00a9); // false: (c) is text
 */
export function isEmojiCodePoint(codePoint: number): boolean {
  emojiPattern ??= new RegExp(characterClass(EMOJI_RANGES), 'u');
  return emojiPattern.test(String.fromCodePoint(codePoint));
}

let emojiPattern: RegExp | undefined;

/** What one match of the clean pattern becomes. */
function replacement(match: string, offset: number, text: string): string {
  if (match.startsWith('\r')) return '\n';
  if (match === ZWNJ) {
    // Persian and Urdu spelling: kept between two Arabic-script letters of the input.
    const { arabicLetter } = compiled();
    return arabicLetter.test(text.charAt(offset - 1)) && arabicLetter.test(text.charAt(offset + 1)) ? match : '';
  }
  return latinDigit(match) ?? '';
}

/** '<' followed by one of these starts an HTML tag (when a '>' follows somewhere). */
function isTagStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2f || c === 0x21; // A-Z a-z / !
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
  // The index of the next '>' at or after the scan: -1 when there is none, -2 not looked up yet.
  // Remembered so that a text of many '<a' and no '>' is searched once, not once per '<': for
  // 500,000 of them (1 MB), 0.1 s instead of 6.4 s.
  let gt = -2;
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
  // Tags are matched after the other removals, so '<\u200Bb>' is a tag.
  return stripTags(text.replace(compiled().clean, replacement));
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
