/** Types for the seeded PRNG in prng.mjs, so that TypeScript tests can share it. */

/** Default seed of every corpus. */
export const DEFAULT_SEED: number;

/** mulberry32: floats in [0, 1), the same sequence for the same seed everywhere. */
export function mulberry32(seed: number): () => number;

/** Helpers over one PRNG stream. */
export class Random {
  constructor(seed: number);
  next: () => number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One item of an array. */
  pick<T>(items: readonly T[]): T;
  /** One key of `{ key: weight }`, proportionally to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** A string of n random ASCII digits. */
  digits(n: number): string;
}
