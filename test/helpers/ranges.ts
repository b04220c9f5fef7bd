/**
 * Reads a range table of src/ (hex code points separated by spaces, `a-b` inclusive) into
 * [from, to] pairs, written apart from the library's own reader so the tests check the format too.
 */
export function parseRanges(table: string): [from: number, to: number][] {
  return table.split(' ').map((word) => {
    const match = /^([0-9a-f]+)(?:-([0-9a-f]+))?$/.exec(word);
    if (match === null) throw new Error(`not a range: ${JSON.stringify(word)}`);
    const from = Number.parseInt(match[1] ?? '', 16);
    return [from, match[2] === undefined ? from : Number.parseInt(match[2], 16)];
  });
}

/** Whether the ranges are sorted, inside 0..max, and merged (no two touch or overlap). */
export function sortedAndMerged(ranges: readonly (readonly [number, number])[], max: number): boolean {
  return ranges.every(([from, to], k) => to >= from && to <= max && (k === 0 || from > (ranges[k - 1]?.[1] ?? -2) + 1));
}
