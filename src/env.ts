/**
 * `.env` parsing and the environment lookup behind `KwtSMS.fromEnv`.
 * Parsing is pure; reading the file and `process.env` goes through the Node
 * adapter, which answers `undefined` on runtimes without them.
 */
import { processEnv, readTextFile } from './node.js';

/** The variables `KwtSMS.fromEnv` reads. */
export const ENV_VARS = /* @__PURE__ */ Object.freeze({
  username: 'KWTSMS_USERNAME',
  password: 'KWTSMS_PASSWORD',
  senderId: 'KWTSMS_SENDER_ID',
  testMode: 'KWTSMS_TEST_MODE',
  logFile: 'KWTSMS_LOG_FILE',
} as const);

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** The end of a quoted value: the first matching quote followed only by blanks or a `# comment`. */
function closingQuote(line: string, start: number, quote: string): number {
  for (let i = line.indexOf(quote, start); i !== -1; i = line.indexOf(quote, i + 1)) {
    let j = i + 1;
    while (j < line.length && isBlank(line.charCodeAt(j))) j++;
    if (j === line.length || line.charCodeAt(j) === 0x23 /* # */) return i;
  }
  return -1;
}

function unquotedValue(raw: string, blankBefore: boolean): string {
  // A '#' is a comment only after whitespace, so 'p@ss#word' and 'PASS=#abc' survive.
  for (let i = 1; i < raw.length; i++) {
    if (raw.charCodeAt(i) === 0x23 && isBlank(raw.charCodeAt(i - 1))) return raw.slice(0, i).trimEnd();
  }
  return blankBefore && raw.charCodeAt(0) === 0x23 ? '' : raw.trimEnd();
}

/**
 * Parses `.env` text: `KEY=VALUE` lines, `#` comment lines, an optional `export ` prefix,
 * matched single or double quotes kept verbatim inside (`PASS="a#b"` is `a#b`), unquoted values cut
 * only at whitespace followed by `#`, CRLF line ends. Never throws: an unmatched quote is kept as text.
 *
 * @param text the file's contents
 * @returns the variables, later lines winning
 * @example
 * import { parseEnv } from 'kwtsms';
 * parseEnv('export KWTSMS_PASSWORD="p#ss" # note\nKWTSMS_TEST_MODE=1');
 * // { KWTSMS_PASSWORD: 'p#ss', KWTSMS_TEST_MODE: '1' }
 */
export function parseEnv(text: string): Record<string, string> {
  const vars: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let line of text.split('\n')) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    line = line.trimStart();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ') || line.startsWith('export\t')) line = line.slice(7).trimStart();
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (key === '' || /\s/.test(key)) continue;
    const rest = line.slice(eq + 1);
    const raw = rest.trimStart();
    const quote = raw[0];
    if (quote === '"' || quote === "'") {
      const end = closingQuote(raw, 1, quote);
      if (end !== -1) {
        vars[key] = raw.slice(1, end);
        continue;
      }
    }
    vars[key] = unquotedValue(raw, raw.length < rest.length);
  }
  return { ...vars };
}

/**
 * Reads and parses a `.env` file. Returns `{}` when the file is absent or unreadable, or the runtime
 * has no file system (browsers, Workers): it never throws.
 *
 * @param path the file to read
 * @default path '.env'
 * @example
 * import { loadEnvFile } from 'kwtsms';
 * const vars = loadEnvFile('.env');
 * vars.KWTSMS_USERNAME;
 */
export function loadEnvFile(path = '.env'): Record<string, string> {
  if (path === '') return {};
  const text = readTextFile(path);
  return text === undefined ? {} : parseEnv(text);
}

/** Where `lookupEnv` reads from. */
export interface EnvSource {
  /** Bindings to use instead of `process.env` (Workers, Deno); when given, `process.env` is not read. */
  env?: Record<string, string | undefined>;
  /** The `.env` file; `''` skips it. @default '.env' */
  envFile?: string;
}

/**
 * A lookup over the environment, then the `.env` file: an environment variable that is set wins,
 * even when it is the empty string. The file is read at most once, on the first miss.
 *
 * @example
 * import { lookupEnv } from 'kwtsms';
 * const get = lookupEnv({ env: { KWTSMS_USERNAME: 'me' }, envFile: '' });
 * get('KWTSMS_USERNAME'); // 'me'
 */
export function lookupEnv(source: EnvSource = {}): (name: string) => string | undefined {
  const env = source.env ?? processEnv() ?? {};
  let file: Record<string, string> | undefined;
  return (name) => {
    const value = Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined;
    if (value !== undefined) return value;
    file ??= loadEnvFile(source.envFile ?? '.env');
    return Object.prototype.hasOwnProperty.call(file, name) ? file[name] : undefined;
  };
}

/**
 * Reads a yes/no setting: `'1'`, `'true'` and `'yes'` in any case are true, anything else false.
 *
 * @example
 * import { parseFlag } from 'kwtsms';
 * parseFlag('Yes'); // true
 */
export function parseFlag(value: string | undefined): boolean {
  if (value === undefined) return false;
  const v = value.trim().toLowerCase();
  return v === '1' || v === 'true' || v === 'yes';
}
