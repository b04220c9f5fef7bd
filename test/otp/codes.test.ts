/**
 * Codes: the right length, digits only, rejection sampling (no modulo bias), and a chi-square test
 * over 100,000 four-digit codes from a seeded stream standing in for getRandomValues.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mulberry32 } from '../../bench/lib/prng.mjs';
import { generateCode } from '../../src/otp/codes.js';

afterEach(() => vi.restoreAllMocks());

/** getRandomValues answering bytes from a seeded mulberry32 stream. */
function seededBytes(seed: number): void {
  const next = mulberry32(seed);
  vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
    if (array instanceof Uint8Array) for (let i = 0; i < array.length; i++) array[i] = Math.floor(next() * 256);
    return array;
  });
}

/** The upper tail of the chi-square distribution (Wilson-Hilferty), with the normal tail by erfc (A&S 7.1.26). */
function chiSquareP(statistic: number, df: number): number {
  const z = (Math.cbrt(statistic / df) - (1 - 2 / (9 * df))) / Math.sqrt(2 / (9 * df));
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

function chiSquare(counts: number[], expected: number): number {
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

describe('generateCode', () => {
  it.each([4, 6, 8, 10])('gives %i digits, from crypto.getRandomValues', (length) => {
    const spy = vi.spyOn(crypto, 'getRandomValues');
    const code = generateCode(length);
    expect(code).toMatch(new RegExp(`^[0-9]{${length}}$`));
    expect(spy).toHaveBeenCalled();
  });

  it('throws bytes 250-255 away (rejection sampling) and keeps leading zeros', () => {
    const bytes = [250, 251, 255, 0, 249, 252, 10, 17, 253, 254, 3, 200, 99, 98, 97, 96];
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      if (array instanceof Uint8Array) array.set(bytes.slice(0, array.length));
      return array;
    });
    expect(generateCode(6)).toBe('090730');
  });

  it('asks for more bytes when a batch is mostly rejected', () => {
    let call = 0;
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      if (array instanceof Uint8Array) array.fill(call++ === 0 ? 255 : 7);
      return array;
    });
    expect(generateCode(4)).toBe('7777');
    expect(call).toBe(2);
  });

  it('100,000 four-digit codes: chi-square shows no bias (p > 0.001), over codes and over each position', () => {
    seededBytes(965);
    const codes = new Array<number>(10_000).fill(0);
    const positions = Array.from({ length: 4 }, () => new Array<number>(10).fill(0));
    for (let i = 0; i < 100_000; i++) {
      const code = generateCode(4);
      codes[Number(code)] = (codes[Number(code)] ?? 0) + 1;
      [...code].forEach((digit, p) => {
        const row = positions[p] as number[];
        row[Number(digit)] = (row[Number(digit)] ?? 0) + 1;
      });
    }
    expect(chiSquareP(chiSquare(codes, 10), 9_999)).toBeGreaterThan(0.001);
    for (const row of positions) expect(chiSquareP(chiSquare(row, 10_000), 9)).toBeGreaterThan(0.001);
  });

  it('the same test catches modulo bias (byte % 10 without rejection) on the same stream', () => {
    const next = mulberry32(965);
    const digits = new Array<number>(10).fill(0);
    for (let i = 0; i < 400_000; i++) {
      const digit = Math.floor(next() * 256) % 10;
      digits[digit] = (digits[digit] ?? 0) + 1;
    }
    expect(chiSquareP(chiSquare(digits, 40_000), 9)).toBeLessThan(0.001);
  });

  it('chi-square tail: known values', () => {
    expect(chiSquareP(16.919, 9)).toBeCloseTo(0.05, 2);
    expect(chiSquareP(27.877, 9)).toBeCloseTo(0.001, 3);
  });
});
