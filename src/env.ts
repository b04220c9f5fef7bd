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

/**
 * Parses `.env` text: `KEY=VALUE` lines, `#` comment lines, an optional `export ` prefix,
 * matched single or double quotes kept verbatim inside (`PASS="a#b"` is `a#b`), unquoted values cut
 * only at whitespace followed by `#`, CRLF line ends. Never throws: an unmatched quote is kept as text.
 *
 * Public so that runtimes without a file system (Workers, browsers) can read `.env` text they hold
 * by other means the same way `KwtSMS.fromEnv` reads the file. It deliberately differs from Node's
 * `util.parseEnv`, which starts a comment at any `#` and so cuts the password `p@ss#word` to `p@ss`;
 * here `#` starts a comment only at the start of a line or after whitespace.
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
    line = line.replace(/\r$/, '').trimStart();
    if (line.startsWith('#')) continue;
    // `export A=1` is A; `export = 1` is a key named export.
    if (/^export[ \t]+[^=\s]/.test(line)) line = line.slice(7).trimStart();
    const eq = line.indexOf('=');
    const key = line.slice(0, eq).trim();
    // The line starts with a non-blank, so a key before a first '=' is never empty.
    if (eq < 1 || /\s/.test(key)) continue;
    const rest = line.slice(eq + 1);
    const raw = rest.trimStart();
    // Quoted: up to the first matching quote followed only by blanks or a '# comment'.
    const quoted = /^(["'])(.*?)\1[ \t]*(?:#.*)?$/s.exec(raw);
    // Unquoted: a '#' is a comment only after whitespace, so 'p@ss#word' and 'PASS=#abc' survive.
    vars[key] =
      quoted?.[2] ?? (raw.length < rest.length && raw.startsWith('#') ? '' : raw.replace(/[ \t]#.*/s, '').trimEnd());
  }
  return { ...vars };
}

/**
 * Reads and parses a `.env` file with {@link parseEnv}. Returns `{}` when the file is absent or
 * unreadable, or the runtime has no file system (browsers, Workers): it never throws. Public, as in
 * the kwtSMS clients for other languages, for apps that keep more settings than the kwtSMS ones in `.env`.
 *
 * @param path the file to read
 * @default path '.env'
 * @example
 * import { loadEnvFile } from 'kwtsms';
 * const vars = loadEnvFile('.env');
 * vars.KWTSMS_USERNAME;
 */
export function loadEnvFile(path = '.env'): Record<string, string> {
  // '' is never a readable file, so it is {} too.
  const text = readTextFile(path);
  return text === undefined ? {} : parseEnv(text);
}

/**
 * Where `KwtSMS.fromEnv` reads its variables from.
 *
 * @example
 * import { KwtSMS, type EnvSource } from 'kwtsms';
 * const source: EnvSource = { env: { KWTSMS_USERNAME: 'api_user', KWTSMS_PASSWORD: 'api_pass' }, envFile: '' };
 * const sms = KwtSMS.fromEnv(source);
 */
export interface EnvSource {
  /**
   * Bindings to use instead of `process.env` (a Worker's `env`, `Deno.env.toObject()`); when given,
   * `process.env` is not read. Any object fits, so a generated Worker `Env` interface with KV or
   * Durable Object bindings can be passed as is; only string values are read.
   */
  env?: object;
  /** The `.env` file; `''` skips it. @default '.env' */
  envFile?: string;
}

/**
 * A lookup over the environment, then the `.env` file: an environment variable that is set wins,
 * even when it is the empty string. The file is read at most once, on the first miss.
 *
 * @example
 * // internal: not exported from 'kwtsms'
 * const get = lookupEnv({ env: { KWTSMS_USERNAME: 'me' }, envFile: '' });
 * get('KWTSMS_USERNAME'); // 'me'
 */
export function lookupEnv(source: EnvSource = {}): (name: string) => string | undefined {
  const env = source.env ?? processEnv() ?? {};
  let file: Record<string, string> | undefined;
  return (name) => {
    const value = Object.hasOwn(env, name) ? (env as Record<string, unknown>)[name] : undefined;
    if (typeof value === 'string') return value;
    file ??= loadEnvFile(source.envFile ?? '.env');
    return Object.hasOwn(file, name) ? file[name] : undefined;
  };
}

/**
 * Reads a yes/no setting: `'1'`, `'true'` and `'yes'` in any case are true, `'0'`, `'false'` and
 * `'no'` are false, and anything else (unset, blank, a typo) is `fallback`.
 *
 * @param fallback the answer when the setting says neither yes nor no
 * @default fallback false
 * @example
 * // internal: not exported from 'kwtsms'
 * parseFlag('Yes'); // true
 * parseFlag(undefined, true); // true
 */
export function parseFlag(value: string | undefined, fallback = false): boolean {
  const word = value?.trim() ?? '';
  if (/^(?:1|true|yes)$/i.test(word)) return true;
  if (/^(?:0|false|no)$/i.test(word)) return false;
  return fallback;
}
