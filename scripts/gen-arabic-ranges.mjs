// Writes src/arabic-ranges.ts: the Arabic-script letters and marks between which cleanMessage keeps
// a zero-width non-joiner (Persian and Urdu spelling).
//
//   npm run gen:arabic-ranges             regenerate the file
//   node scripts/gen-arabic-ranges.mjs --check   exit 1 if the committed file is stale
//
// Script_Extensions=Arabic letters (\p{L}) and marks (\p{M}) in the BMP, as Node 20 knows them.
// Marks count because a vowelled letter is still a letter; the astral Arabic blocks hold no
// everyday spelling, so a ZWNJ next to them goes.
import { rangesOf, requireNode20, writeRanges } from './lib/unicode-ranges.mjs';

requireNode20('gen-arabic-ranges');

const arabic = /^(?=\p{Script_Extensions=Arabic})[\p{L}\p{M}]$/u;
const inSet = new Uint8Array(0x10000);
for (let cp = 0; cp <= 0xffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  if (arabic.test(String.fromCharCode(cp))) inSet[cp] = 1;
}

writeRanges({
  file: 'arabic-ranges.ts',
  script: 'gen-arabic-ranges.mjs',
  name: 'ARABIC_LETTER_RANGES',
  doc: [
    'The Arabic-script letters and marks of the BMP (Script_Extensions=Arabic, \\p{L} or \\p{M}, as',
    'Node 20 knows them): `cleanMessage` keeps a zero-width non-joiner only between two of these.',
  ],
  ranges: rangesOf(inSet),
});
