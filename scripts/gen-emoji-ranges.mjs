// Writes src/emoji-ranges.ts: the code points cleanMessage removes as emoji.
//
//   npm run gen:emoji-ranges             regenerate the file
//   node scripts/gen-emoji-ranges.mjs --check   exit 1 if the committed file is stale
//
// It must run under Node 20: the set is \p{Extended_Pictographic} "as Node 20 knows it", and other
// runtimes answer differently (Deno 2.9 matches 3,537 code points, Node 20 2,848).
import { rangesOf, requireNode20, writeRanges } from './lib/unicode-ranges.mjs';

requireNode20('gen-emoji-ranges');

/** The blocks and single characters added to \p{Extended_Pictographic}. */
const EXTRA = [
  [0x2600, 0x27bf], // Miscellaneous Symbols, Dingbats: messages with them get stuck
  [0x1f000, 0x1faff], // pictographic blocks, assigned or reserved for future emoji
  [0x1fc00, 0x1fffd],
  [0x1f3fb, 0x1f3ff], // skin-tone modifiers
  [0x1f1e6, 0x1f1ff], // regional indicators (flags)
  [0x20e3, 0x20e3], // combining enclosing keycap
  [0xfe00, 0xfe0f], // variation selectors
  [0xe0000, 0xe007f], // tag characters (subdivision flags)
  [0x200d, 0x200d], // zero-width joiner
];
/** (c) (R) TM are Extended_Pictographic but ordinary text in an SMS. */
const KEEP = [0xa9, 0xae, 0x2122];

const inSet = new Uint8Array(0x110000);
const pictographic = /\p{Extended_Pictographic}/u;
let pictographicCount = 0;
for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  if (pictographic.test(String.fromCodePoint(cp))) {
    inSet[cp] = 1;
    pictographicCount++;
  }
}
for (const cp of KEEP) inSet[cp] = 0;
for (const [from, to] of EXTRA) inSet.fill(1, from, to + 1);

writeRanges({
  file: 'emoji-ranges.ts',
  script: 'gen-emoji-ranges.mjs',
  name: 'EMOJI_RANGES',
  doc: [
    'The code points `cleanMessage` removes as emoji: every \\p{Extended_Pictographic} code point',
    `in Node 20 (${pictographicCount} of them) except U+00A9 U+00AE U+2122, plus U+2600-U+27BF,`,
    'U+1F000-U+1FAFF, U+1FC00-U+1FFFD, skin tones, regional indicators, U+20E3, U+FE00-U+FE0F,',
    'U+E0000-U+E007F and U+200D. Committed as data because runtimes disagree on \\p{...}.',
  ],
  ranges: rangesOf(inSet),
});
