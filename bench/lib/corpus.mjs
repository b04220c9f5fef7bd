/**
 * The seeded benchmark corpus: phone inputs in every format users really
 * type, and SMS messages in the languages and with the debris kwtSMS users
 * really send. Deterministic: the same seed and sizes give the same corpus.
 *
 * Run alone to look at it: `node bench/lib/corpus.mjs [--seed N] [--sample 40]`.
 */
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SEED, Random } from './prng.mjs';

/** Share of the phone inputs per country code: the Gulf first, the rest of the table after. */
const GCC_WEIGHTS = { 965: 34, 966: 14, 971: 8, 973: 4, 974: 5, 968: 4 }; // 69 %
const OTHER_TABLE_WEIGHT = 29; // spread evenly over the table's other codes
const UNLISTED_WEIGHT = 2; // codes outside the vendor's old 81-country table
const UNLISTED = ['359', '351', '353', '358', '370', '852', '994', '995', '998'];

/** How a number is written. Weights are percentages of the non-duplicate inputs. */
const FORMATS = {
  plain: 20, // 96598765432
  plus: 11, // +96598765432
  intl00: 7, // 0096598765432
  spaced: 12, // +965 9876 5432
  dashed: 6, // +965-987-65432, 965-9876-5432
  dotted: 3, // 965.9876.5432
  parens: 5, // (+965) 9876-5432, +965 (98) 765 432
  trunk: 5, // 9660559876543, +966 0 55 987 6543
  arabic: 6, // +٩٦٥ ٩٨٧٦ ٥٤٣٢, ٠٠٩٦٥٩٨٧٦٥٤٣٢
  persian: 3, // ۹۶۵۹۸۷۶۵۴۳۲
  mixedDigits: 1, // 965٩٨٧٦5432
  local: 6, // 98765432, 0501234567 (no country code)
  padded: 2, // '  +965 98765432\t'
  email: 2,
  letters: 2,
  tooShort: 2,
  tooLong: 2,
  zeros: 1,
};

const ARABIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

function toScript(text, zero) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 48 && c <= 57 ? String.fromCharCode(zero + c - 48) : text[i];
  }
  return out;
}

/** Splits digits into groups of 2 to 4, joined by `sep`. */
function group(rng, digits, sep) {
  const parts = [];
  let i = 0;
  while (i < digits.length) {
    const size = digits.length - i <= 4 ? digits.length - i : rng.int(2, 4);
    parts.push(digits.slice(i, i + size));
    i += size;
  }
  return parts.join(sep);
}

/** A (country code, local part) pair: valid for its rule about 94 % of the time. */
function makeNumber(rng, rules, otherCodes) {
  const bucket = rng.weighted({ gcc: 69, other: OTHER_TABLE_WEIGHT, unlisted: UNLISTED_WEIGHT });
  if (bucket === 'unlisted') return { cc: rng.pick(UNLISTED), local: String(rng.int(1, 9)) + rng.digits(rng.int(7, 9)) };
  const cc = bucket === 'gcc' ? rng.weighted(GCC_WEIGHTS) : rng.pick(otherCodes);
  const rule = rules[cc];
  let length = rng.pick(rule.localLengths);
  const starts = rule.mobileStartDigitsByLength?.[length] ?? rule.mobileStartDigits ?? [];
  let start = starts.length > 0 ? rng.pick(starts) : String(rng.int(1, 9));
  if (rng.chance(0.06)) {
    // Invalid for the rule: a digit missing or extra, or a landline first digit.
    if (rng.chance(0.5) || starts.length === 0) length += rng.chance(0.5) ? 1 : -1;
    else {
      const wrong = '123456789'.split('').filter((d) => !starts.includes(d));
      if (wrong.length > 0) start = rng.pick(wrong);
    }
  }
  return { cc, local: start + rng.digits(Math.max(0, length - start.length)) };
}

/** One way of writing (cc, local). */
function format(rng, kind, { cc, local }) {
  switch (kind) {
    case 'plain':
      return cc + local;
    case 'plus':
      return `+${cc}${local}`;
    case 'intl00':
      return `00${cc}${local}`;
    case 'spaced':
      return `${rng.pick(['+', '+', '00', ''])}${cc} ${group(rng, local, ' ')}`;
    case 'dashed':
      return `${rng.pick(['+', ''])}${cc}-${group(rng, local, '-')}`;
    case 'dotted':
      return `${cc}.${group(rng, local, '.')}`;
    case 'parens':
      return rng.chance(0.5)
        ? `(+${cc}) ${group(rng, local, '-')}`
        : `+${cc} (${local.slice(0, 2)}) ${group(rng, local.slice(2), ' ')}`;
    case 'trunk':
      // The domestic trunk zero written after the country code.
      return rng.chance(0.6) ? `${cc}0${local}` : `+${cc} 0${group(rng, local, ' ')}`;
    case 'arabic':
      return toScript(rng.chance(0.5) ? `+${cc} ${group(rng, local, ' ')}` : `00${cc}${local}`, ARABIC_ZERO);
    case 'persian':
      return toScript(rng.chance(0.5) ? `${cc}${local}` : `+${cc}-${group(rng, local, '-')}`, PERSIAN_ZERO);
    case 'mixedDigits': {
      const cut = rng.int(1, local.length - 1);
      return cc + toScript(local.slice(0, cut), ARABIC_ZERO) + local.slice(cut);
    }
    case 'local':
      // What a user types in their own country: no code, often a trunk 0 (Kuwait has none).
      return cc !== '965' && rng.chance(0.6) ? `0${local}` : rng.chance(0.5) ? local : group(rng, local, ' ');
    case 'padded':
      return `${rng.pick([' ', '  ', '\t'])}+${cc} ${local}${rng.pick([' ', '\t', ''])}`;
    default:
      throw new Error(`unknown format ${kind}`);
  }
}

/** An input that is not a phone number, or not a usable one. */
function junk(rng, kind) {
  switch (kind) {
    case 'email':
      return `${rng.pick(['user', 'info', 'ahmad.k', 'sales', 'm.alsabah'])}${rng.digits(rng.int(0, 3))}@${rng.pick(['example.com', 'mail.kw', 'gmail.com'])}`;
    case 'letters':
      return rng.pick(['N/A', 'none', 'call me', 'abc-def', 'phone', 'TBD', 'لا يوجد', '-', '+', '(  )']);
    case 'tooShort':
      return rng.pick(['', '+', '+965 ', '00']) + rng.digits(rng.int(1, 5)).replace(/^0+/, '1');
    case 'tooLong':
      return `+${rng.int(1, 9)}${rng.digits(rng.int(15, 19))}`;
    case 'zeros':
      return '0'.repeat(rng.int(1, 12));
    default:
      throw new Error(`unknown junk ${kind}`);
  }
}

const JUNK = new Set(['email', 'letters', 'tooShort', 'tooLong', 'zeros']);

/**
 * Fresh flat copies of the strings. Built by concatenation, they would be V8
 * rope (cons) strings, and every read of a character would go through an
 * extra indirection that real inputs do not have: numbers and messages reach
 * the library from JSON.parse, an HTTP body or a file, as flat strings. This
 * makes a measurable difference (normalizePhone runs ~1.6x faster on flat
 * strings), so the corpus is what a parsed request would hold.
 */
function flat(strings) {
  return JSON.parse(JSON.stringify(strings));
}

/**
 * Phone inputs as users type them. About 10 % repeat an earlier number: half
 * the very same string, half the same number written another way (so only
 * normalization finds the duplicate). No input holds ',', ';' or a newline,
 * so joining with ',' and splitting again gives the same list.
 *
 * @param {number} count
 * @param {number} seed
 * @param {Record<string, { localLengths: readonly number[], mobileStartDigits?: readonly string[], mobileStartDigitsByLength?: Readonly<Record<number, readonly string[]>> }>} rules the package's phoneRules
 * @returns {string[]}
 */
export function generatePhones(count, seed, rules) {
  const rng = new Random(seed);
  // Codes with no mobile numbers (+800 freephone) have no lengths to draw from.
  const otherCodes = Object.keys(rules).filter((cc) => !(cc in GCC_WEIGHTS) && rules[cc].localLengths.length > 0);
  const inputs = [];
  const numbers = [];
  for (let i = 0; i < count; i++) {
    if (i > 100 && rng.chance(0.1)) {
      if (rng.chance(0.5)) inputs.push(inputs[rng.int(0, i - 1)]);
      else inputs.push(format(rng, rng.pick(['plain', 'plus', 'spaced', 'intl00', 'arabic']), rng.pick(numbers)));
      continue;
    }
    const kind = rng.weighted(FORMATS);
    if (JUNK.has(kind)) {
      inputs.push(junk(rng, kind));
      continue;
    }
    const number = makeNumber(rng, rules, otherCodes);
    numbers.push(number);
    inputs.push(format(rng, kind, number));
  }
  return flat(inputs);
}

/**
 * `count` distinct, valid Kuwait mobile numbers (normalized), for the pacing bench.
 * @returns {string[]}
 */
export function generateKuwaitNumbers(count, seed) {
  const rng = new Random(seed);
  const seen = new Set();
  while (seen.size < count) seen.add(`965${rng.pick(['4', '5', '6', '9'])}${rng.digits(7)}`);
  return flat([...seen]);
}

const ENGLISH = [
  () => 'Your verification code is {d6}. It expires in {n} minutes.',
  () => 'Hi {name}, your order #{d5} has shipped and arrives on {date}.',
  () => 'Reminder: your appointment is tomorrow at {time}.',
  () => 'Payment of {n}.{d3} KWD received. Thank you!',
  () => 'Reply STOP to opt out.',
  () => 'Do not share this code with anyone.',
  () => 'Your balance is {n}.{d3} KWD.',
  () => 'Flight KU{d3} is now boarding at gate {n}.',
  () => 'Visit us at the Avenues, phase {n}.',
];
/** '<' and '>' as plain text: must survive cleaning. */
const ANGLE_TEXT = [
  () => 'Use code <{d4}> at checkout.',
  () => 'If total < 50 KWD and points > 100, delivery is free.',
  () => 'a < b and c > d',
  () => 'Temp <30C today -> stay cool',
];
const HTML = [
  () => '<b>Sale</b> ends <i>tonight</i>!',
  () => '<a href="https://example.com/t/{d5}">Track your order</a>',
  () => '<p>Hello {name}</p><br/>',
  () => '<!-- promo --><strong>50% off</strong>',
  () => '<span style="color:red">Urgent</span>',
];
const ARABIC = [
  () => 'رمز التحقق الخاص بك هو {a6}',
  () => 'مرحباً {aname}، تم شحن طلبك رقم {a5}.',
  () => 'شكراً لتسوقكم معنا. العرض ساري حتى نهاية الأسبوع.',
  () => 'لا تشارك هذا الرمز مع أي شخص.',
  () => 'موعدك غداً الساعة {a2}:{a2}.',
  () => 'تم استلام مبلغ {n} د.ك بنجاح.',
];
const PERSIAN = [
  () => 'کد تأیید شما {p5} است.',
  () => 'می\u200Cخواهید سفارش\u200Cتان را پیگیری کنید؟',
  () => 'نامه\u200Cها ارسال شد.',
  () => 'لطفاً این کد را به کسی نگویید.',
  () => 'خرید شما با موفقیت انجام شد، متشکریم.',
];
const EMOJI = [
  '😀', '👍', '👍🏽', '👋🏿', '❤️', '🎉', '🔥', '👨‍👩‍👧‍👦', '👩🏽‍💻', '🇰🇼', '🇸🇦', '🏳️‍🌈', '1️⃣', '✅', '☀️', '✨', '©', '™', '☎', '📱',
];
const HIDDEN = [
  '\u200B', '\u200E', '\u200F', '\u202B', '\u202C', '\uFEFF', '\u00AD', '\u2066', '\u2069', '\u2060', '\r\n', '\u0007', 'x\u200Cy',
];
const NAMES = ['Ahmad', 'Fatima', 'Sara', 'John', 'Noura', 'Ali', 'Priya'];
const ARABIC_NAMES = ['أحمد', 'فاطمة', 'سارة', 'علي', 'نورة'];

function fill(rng, template) {
  return template.replace(/\{(\w+)\}/g, (_, key) => {
    switch (key) {
      case 'name':
        return rng.pick(NAMES);
      case 'aname':
        return rng.pick(ARABIC_NAMES);
      case 'n':
        return String(rng.int(1, 99));
      case 'date':
        return `${rng.int(1, 28)}/${rng.int(1, 12)}`;
      case 'time':
        return `${rng.int(1, 12)}:${rng.digits(2)}`;
      default: {
        const n = Number(key.slice(1));
        const digits = rng.digits(n);
        if (key[0] === 'a') return toScript(digits, ARABIC_ZERO);
        if (key[0] === 'p') return toScript(digits, PERSIAN_ZERO);
        return digits;
      }
    }
  });
}

/** Inserts `piece` at a random space (never inside a surrogate pair), or at the end. */
function insert(rng, text, piece) {
  const spaces = [];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) spaces.push(i);
  if (spaces.length === 0) return text + piece;
  const at = rng.pick(spaces);
  return text.slice(0, at) + piece + text.slice(at);
}

/**
 * SMS messages averaging about 80 UTF-16 units: English, Arabic, Persian with
 * ZWNJ, and mixes; some with emoji sequences (ZWJ families, flags, skin
 * tones, keycaps), HTML tags, hidden and bidi characters, or '<'/'>' in text.
 *
 * @param {number} count
 * @param {number} seed
 * @returns {string[]}
 */
export function generateMessages(count, seed) {
  const rng = new Random(seed ^ 0x5eed);
  const messages = [];
  for (let i = 0; i < count; i++) {
    const profile = rng.weighted({ english: 45, arabic: 28, persian: 12, mixed: 15 });
    const pool =
      profile === 'english' ? ENGLISH : profile === 'arabic' ? ARABIC : profile === 'persian' ? PERSIAN : [...ENGLISH, ...ARABIC];
    const target = rng.int(12, 92);
    let text = '';
    while (text.length < target) text += (text === '' ? '' : ' ') + fill(rng, rng.pick(pool)());
    if (rng.chance(0.1)) text += ` ${fill(rng, rng.pick(ANGLE_TEXT)())}`;
    if (rng.chance(0.12)) text = rng.chance(0.5) ? `${fill(rng, rng.pick(HTML)())} ${text}` : insert(rng, text, ` ${fill(rng, rng.pick(HTML)())}`);
    if (rng.chance(0.3)) {
      for (let k = rng.int(1, 3); k > 0; k--) text = insert(rng, text, ` ${rng.pick(EMOJI)}`);
    }
    if (rng.chance(0.1)) {
      for (let k = rng.int(1, 3); k > 0; k--) text = insert(rng, text, rng.pick(HIDDEN));
    }
    messages.push(text);
  }
  return flat(messages);
}

/** Counts for the report. */
export function describeMessages(messages) {
  let units = 0;
  for (const m of messages) units += m.length;
  return { count: messages.length, averageUnits: messages.length === 0 ? 0 : units / messages.length };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { phoneRules } = await import('../../dist/index.js');
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at === -1 ? fallback : Number(args[at + 1]);
  };
  const seed = option('--seed', DEFAULT_SEED);
  const sample = option('--sample', 30);
  console.log(`seed ${seed}`);
  const phones = generatePhones(Math.max(sample, 2000), seed, phoneRules);
  const messages = generateMessages(Math.max(sample, 2000), seed);
  for (const p of phones.slice(0, sample)) console.log(JSON.stringify(p));
  for (const m of messages.slice(0, sample)) console.log(JSON.stringify(m));
  console.log(describeMessages(messages));
}
