/**
 * Text layout for the terminal (aligned tables and key/value lines) and the
 * one JSON document of `--json`. Pure: strings in, a string out.
 */

/** A cell value: `undefined` and `null` print as empty. */
type Cell = string | number | boolean | null | undefined;

function show(cell: Cell): string {
  if (cell === undefined || cell === null) return '';
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return String(cell);
}

// Widths count code points, so a number or an Arabic word is not padded by its surrogate halves.
function width(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * Lays rows out in aligned columns, two spaces apart, with an optional header row. Trailing spaces
 * are trimmed. Returns '' for no rows (and no header).
 *
 * @param rows the cells, row by row; rows may have different lengths
 * @param header column titles, printed first
 * @param indent spaces before each line
 * @example
 * formatTable([['96598765432', 'OK'], ['123', 'too short']], ['NUMBER', 'STATUS']);
 * // 'NUMBER       STATUS\n96598765432  OK\n123          too short\n'
 */
export function formatTable(rows: readonly (readonly Cell[])[], header?: readonly string[], indent = 0): string {
  const all = header === undefined ? rows.map((row) => row.map(show)) : [header.map(show), ...rows.map((row) => row.map(show))];
  if (all.length === 0) return '';
  const widths: number[] = [];
  for (const row of all) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(cell));
    });
  }
  const pad = ' '.repeat(indent);
  return all
    .map((row) => pad + row.map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - width(cell))).join('  ').trimEnd() + '\n')
    .join('');
}

/**
 * Key/value lines with the values aligned; pairs whose value is `undefined` are left out.
 *
 * @example
 * formatPairs([['result', 'OK'], ['msg-id', 'f4c8'], ['balance', undefined]]);
 * // 'result  OK\nmsg-id  f4c8\n'
 */
export function formatPairs(pairs: readonly (readonly [string, Cell])[], indent = 0): string {
  return formatTable(pairs.filter(([, value]) => value !== undefined), undefined, indent);
}

/**
 * The `--json` document: 2-space indented, newline-terminated. Errors (a `cause` such as a fetch
 * `TypeError`) become their `String()` form, since `JSON.stringify` would print them as `{}`;
 * bigints become strings.
 *
 * @example
 * toJson({ result: 'ERROR', cause: new TypeError('fetch failed') });
 * // '{\n  "result": "ERROR",\n  "cause": "TypeError: fetch failed"\n}\n'
 */
export function toJson(value: unknown): string {
  const text = JSON.stringify(
    value,
    (_key, item: unknown) => {
      if (item instanceof Error) return String(item);
      if (typeof item === 'bigint') return item.toString();
      return item;
    },
    2,
  );
  // JSON.stringify(undefined) is undefined: a document must still be printed.
  return `${text ?? 'null'}\n`;
}

/**
 * An error as two lines for stderr: what went wrong, then what to do about it.
 *
 * @example
 * formatError({ code: 'ERR003', description: 'Authentication error', action: 'Check KWTSMS_USERNAME.' });
 * // 'Error ERR003: Authentication error\nAction: Check KWTSMS_USERNAME.\n'
 */
export function formatError(fields: { code?: string | undefined; description?: string | undefined; action?: string | undefined }): string {
  const head = fields.code === undefined ? 'Error' : `Error ${fields.code}`;
  const lines = [`${head}: ${fields.description ?? 'The call failed.'}`];
  if (fields.action !== undefined && fields.action !== '') lines.push(`Action: ${fields.action}`);
  return lines.join('\n') + '\n';
}
