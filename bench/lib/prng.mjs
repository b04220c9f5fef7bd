/**
 * mulberry32: a tiny, fast, seeded 32-bit PRNG. The same seed gives the same
 * corpus on every machine and Node version, so figures from two runs are
 * comparable and a surprising input can be regenerated.
 */

/** Default seed of every corpus; override with `--seed N`. */
export const DEFAULT_SEED = 965;

/**
 * @param {number} seed any integer
 * @returns {() => number} a function returning floats in [0, 1)
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over one PRNG stream. */
export class Random {
  /** @param {number} seed */
  constructor(seed) {
    this.next = mulberry32(seed);
  }

  /** Integer in [min, max]. */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p) {
    return this.next() < p;
  }

  /** One item of an array. */
  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One key of `{ key: weight }`, proportionally to its weight. */
  weighted(weights) {
    let total = 0;
    for (const key in weights) total += weights[key];
    let r = this.next() * total;
    for (const key in weights) {
      r -= weights[key];
      if (r < 0) return key;
    }
    return Object.keys(weights).at(-1);
  }

  /** A string of n random ASCII digits. */
  digits(n) {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(48 + Math.floor(this.next() * 10));
    return s;
  }
}
