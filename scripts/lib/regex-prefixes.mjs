// The exact set of (length, leading digits) of the numbers a libphonenumber
// national-number pattern matches, computed from the pattern's syntax tree
// rather than by sampling, so no valid range can be missed.
//
// The patterns use a small regular-expression subset: digits, `\d`, classes
// such as `[2-46-9]`, groups `(?:...)` and `(...)`, alternation `|`, and the
// bounded quantifiers `?`, `{n}`, `{n,m}`. Anything else throws, so a new
// construct in a future metadata release is noticed instead of misread.

/**
 * A language summary: local length -> the set of its numbers' first
 * `depth` digits (all digits for numbers shorter than `depth`).
 * @typedef {Map<number, Set<string>>} Summary
 */

const ALL_DIGITS = '0123456789';

/** Parses `source` into a tree of `{ kind: 'set' | 'seq' | 'alt' | 'repeat', ... }` nodes. */
export function parsePattern(source) {
  let at = 0;
  const peek = () => source[at];
  const fail = (what) => {
    throw new Error(`unsupported pattern at ${at} (${what}): ${source}`);
  };

  function alternation() {
    const options = [sequence()];
    while (peek() === '|') {
      at++;
      options.push(sequence());
    }
    return options.length === 1 ? options[0] : { kind: 'alt', options };
  }

  function sequence() {
    const items = [];
    while (at < source.length && peek() !== '|' && peek() !== ')') items.push(quantified(atom()));
    return { kind: 'seq', items };
  }

  function atom() {
    const c = source[at++];
    if (c >= '0' && c <= '9') return { kind: 'set', digits: c };
    if (c === '\\') {
      if (source[at++] !== 'd') fail('escape');
      return { kind: 'set', digits: ALL_DIGITS };
    }
    if (c === '[') return digitClass();
    if (c === '(') {
      if (source.startsWith('?:', at)) at += 2;
      const inner = alternation();
      if (source[at++] !== ')') fail('unclosed group');
      return inner;
    }
    return fail(`character ${JSON.stringify(c)}`);
  }

  function digitClass() {
    if (peek() === '^') fail('negated class');
    let digits = '';
    while (peek() !== ']') {
      const from = source[at++];
      if (from === undefined || from < '0' || from > '9') fail('class member');
      if (peek() === '-' && source[at + 1] !== ']') {
        const to = source[at + 1];
        at += 2;
        for (let d = Number(from); d <= Number(to); d++) digits += String(d);
      } else digits += from;
    }
    at++;
    return { kind: 'set', digits: [...new Set(digits)].sort().join('') };
  }

  function quantified(node) {
    if (peek() === '?') {
      at++;
      return { kind: 'repeat', node, min: 0, max: 1 };
    }
    if (peek() !== '{') {
      if (peek() === '*' || peek() === '+') fail('unbounded quantifier');
      return node;
    }
    const match = /^\{(\d+)(?:(,)(\d*))?\}/.exec(source.slice(at));
    if (match === null) fail('quantifier');
    at += match[0].length;
    const min = Number(match[1]);
    if (match[2] !== undefined && match[3] === '') fail('unbounded quantifier');
    const max = match[3] === undefined ? min : Number(match[3]);
    return { kind: 'repeat', node, min, max };
  }

  const tree = alternation();
  if (at !== source.length) fail('trailing text');
  return tree;
}

function addAll(summary, length, prefixes) {
  let set = summary.get(length);
  if (set === undefined) summary.set(length, (set = new Set()));
  for (const p of prefixes) set.add(p);
}

/** The summary of `a` followed by `b`. */
function concat(a, b, depth) {
  const out = new Map();
  for (const [la, pa] of a) {
    for (const [lb, pb] of b) {
      const prefixes = new Set();
      for (const x of pa) {
        if (x.length >= depth) prefixes.add(x);
        else for (const y of pb) prefixes.add((x + y).slice(0, depth));
      }
      addAll(out, la + lb, prefixes);
    }
  }
  return out;
}

function union(a, b) {
  const out = new Map();
  for (const [l, p] of a) addAll(out, l, p);
  for (const [l, p] of b) addAll(out, l, p);
  return out;
}

const EMPTY_STRING = () => new Map([[0, new Set([''])]]);

function summarize(node, depth) {
  switch (node.kind) {
    case 'set':
      return new Map([[1, new Set(node.digits.split(''))]]);
    case 'seq':
      return node.items.reduce((acc, item) => concat(acc, summarize(item, depth), depth), EMPTY_STRING());
    case 'alt':
      return node.options.map((o) => summarize(o, depth)).reduce(union);
    case 'repeat': {
      const once = summarize(node.node, depth);
      let power = EMPTY_STRING();
      let out = new Map();
      for (let k = 0; k <= node.max; k++) {
        if (k >= node.min) out = union(out, power);
        power = concat(power, once, depth);
      }
      return out;
    }
    default:
      throw new Error(`unknown node ${node.kind}`);
  }
}

/**
 * Every length of the numbers `pattern` matches (as a whole), with the set of
 * their first `depth` digits.
 * @param {string} pattern
 * @param {number} depth
 * @returns {Summary}
 */
export function lengthsAndPrefixes(pattern, depth) {
  return summarize(parsePattern(pattern), depth);
}
