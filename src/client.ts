/**
 * The `KwtSMS` client: option checks, credentials kept private, and one
 * method per endpoint. The work is delegated: recipients, message cleaning,
 * batching, transport and result reading live in their own modules.
 */
import { chunk, MAX_BATCH_SIZE, runBatches } from './batch.js';
import { ENV_VARS, lookupEnv, parseFlag, type EnvSource } from './env.js';
import { cleanMessage, messageInfo } from './message.js';
import { prepareRecipients } from './recipients.js';
import { callApi, failure, type ApiFailure, type ApiOutcome, type TransportConfig } from './request.js';
import { assembleSend, readCoverage, readReport, toNumber, toStringList } from './results.js';
import { DEFAULT_RETRY_DELAYS_MS } from './retry.js';
import type {
  CallOptions,
  CoverageResult,
  DeliveryReportResult,
  KwtSMSOptions,
  SendBulkOptions,
  SendOptions,
  SendResult,
  SenderIdResult,
  StatusResult,
  ValidateResult,
  VerifyResult,
} from './types.js';

/** The gateway's address. */
export const DEFAULT_BASE_URL = 'https://www.kwtsms.com/API/';
/** The shared test sender every account has; register your own for production. */
export const DEFAULT_SENDER_ID = 'KWT-SMS';

const DEFAULTS = { timeoutMs: 15_000, batchDelayMs: 500 } as const;

function fail(option: string, allowed: string, got: unknown): never {
  const shown = typeof got === 'string' ? JSON.stringify(got) : typeof got === 'number' ? String(got) : typeof got;
  throw new TypeError(`KwtSMS: option \`${option}\` must be ${allowed}, got ${shown}`);
}

function checkSender(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim().length < 1 || value.length > 11) {
    fail(option, 'a string of 1 to 11 characters', value);
  }
  return value;
}

function checkMs(option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) fail(option, 'a number of milliseconds >= 0', value);
  return value;
}

function checkBaseUrl(value: unknown): string {
  if (value === undefined) return DEFAULT_BASE_URL;
  if (typeof value !== 'string' || !URL.canParse(value)) fail('baseUrl', 'an absolute http(s) URL', value);
  const { protocol } = new URL(value);
  if (protocol !== 'https:' && protocol !== 'http:') fail('baseUrl', 'an absolute http(s) URL', value);
  return value.endsWith('/') ? value : `${value}/`;
}

function joinError(failed: { description: string; action: string }): string {
  return `${failed.description.replace(/[.\s]+$/, '')}. ${failed.action}`;
}

function errorFields({ ok: _ok, data: _data, ...fields }: ApiFailure): Omit<ApiFailure, 'ok' | 'data'> {
  return fields;
}

/** A send refused before any request: every valid number goes in one error, so none is lost. */
function refused(code: string, description: string, numbers: string[], invalid: SendResult['invalid']): SendResult {
  const { action } = failure(code, description);
  return {
    result: 'ERROR',
    code,
    description,
    action,
    msgIds: [],
    numbers: 0,
    pointsCharged: 0,
    batches: 0,
    errors: numbers.length > 0 ? [{ batch: 0, code, description, action, numbers }] : [],
    invalid,
  };
}

/**
 * The kwtSMS client. Methods resolve to results and never reject for API, network or data faults;
 * they throw only for programmer errors (wrong argument types). The password stays in a private
 * field: it is never in `JSON.stringify`, `util.inspect`, `String()`, a result, an error, a log
 * entry or a URL.
 *
 * @example
 * import { KwtSMS } from 'kwtsms';
 * const sms = new KwtSMS('api_user', 'api_pass', { senderId: 'MY-APP', testMode: true });
 * const result = await sms.send('96598765432', 'Your code is 123456');
 * if (result.result === 'OK') console.log(result.msgId, result.balanceAfter);
 */
export class KwtSMS {
  /** The API username (not secret). */
  readonly username: string;
  readonly #password: string;
  /** The default sender ID. */
  readonly senderId: string;
  readonly testMode: boolean;
  readonly baseUrl: string;
  readonly #transport: TransportConfig;
  readonly #batchSize: number;
  readonly #batchDelayMs: number;
  readonly #retryDelaysMs: readonly number[];
  readonly #defaultCountryCode: string | undefined;
  #cachedBalance: number | null = null;
  #cachedPurchased: number | null = null;

  /**
   * @param username API username (kwtsms.com > Account > API), not the account's mobile number
   * @param password API password
   * @param options see `KwtSMSOptions`
   * @throws TypeError when a credential is missing or an option is out of range
   * @example
   * import { KwtSMS } from 'kwtsms';
   * const sms = new KwtSMS('api_user', 'api_pass', { testMode: true });
   */
  constructor(username: string, password: string, options: KwtSMSOptions = {}) {
    if (typeof username !== 'string' || username.trim() === '') {
      throw new TypeError('KwtSMS: username is required (the API username from kwtsms.com > Account > API)');
    }
    if (typeof password !== 'string' || password === '') {
      throw new TypeError('KwtSMS: password is required (the API password from kwtsms.com > Account > API)');
    }
    if (typeof options !== 'object' || options === null) fail('options', 'an object', options);
    this.username = username;
    this.#password = password;
    this.senderId = options.senderId === undefined ? DEFAULT_SENDER_ID : checkSender('senderId', options.senderId);
    if (options.testMode !== undefined && typeof options.testMode !== 'boolean') fail('testMode', 'a boolean', options.testMode);
    this.testMode = options.testMode ?? false;
    this.baseUrl = checkBaseUrl(options.baseUrl);
    if (options.fetch !== undefined && typeof options.fetch !== 'function') fail('fetch', 'a fetch function', options.fetch);
    if (options.logger !== undefined && typeof options.logger !== 'function') fail('logger', 'a function', options.logger);
    if (options.logFile !== undefined && typeof options.logFile !== 'string') fail('logFile', 'a file path string', options.logFile);
    const batchSize = options.batchSize ?? MAX_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      fail('batchSize', `a whole number from 1 to ${MAX_BATCH_SIZE}`, batchSize);
    }
    this.#batchSize = batchSize;
    this.#batchDelayMs = checkMs('batchDelayMs', options.batchDelayMs, DEFAULTS.batchDelayMs);
    const retries = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    if (!Array.isArray(retries)) fail('retryDelaysMs', 'an array of milliseconds >= 0', retries);
    this.#retryDelaysMs = Object.freeze(retries.map((ms: unknown, i) => checkMs(`retryDelaysMs[${i}]`, ms, 0)));
    const cc = options.defaultCountryCode;
    if (cc !== undefined && (typeof cc !== 'string' || !/^[1-9]\d{0,2}$/.test(cc))) {
      fail('defaultCountryCode', "a country calling code of 1 to 3 digits, such as '965'", cc);
    }
    this.#defaultCountryCode = cc;
    this.#transport = {
      baseUrl: this.baseUrl,
      timeoutMs: checkMs('timeoutMs', options.timeoutMs, DEFAULTS.timeoutMs),
      fetch: options.fetch,
      logger: options.logger,
      logFile: options.logFile,
    };
  }

  /**
   * A client from `KWTSMS_USERNAME`, `KWTSMS_PASSWORD`, `KWTSMS_SENDER_ID`, `KWTSMS_TEST_MODE` and
   * `KWTSMS_LOG_FILE`. Precedence: explicit option > environment (an empty string counts) > `.env` > default.
   * Pass `env` on Workers or Deno to use their bindings instead of `process.env`.
   *
   * @throws Error naming the missing variables (never their values)
   * @example
   * import { KwtSMS } from 'kwtsms';
   * const sms = KwtSMS.fromEnv();                      // Node, Bun: process.env, then .env
   * const worker = KwtSMS.fromEnv({ env });            // Cloudflare Workers: the Worker's bindings
   */
  static fromEnv(options: KwtSMSOptions & EnvSource = {}): KwtSMS {
    const { env, envFile, ...clientOptions } = options;
    const source: EnvSource = {};
    if (env !== undefined) source.env = env;
    if (envFile !== undefined) source.envFile = envFile;
    const get = lookupEnv(source);
    const username = get(ENV_VARS.username) ?? '';
    const password = get(ENV_VARS.password) ?? '';
    const missing = [username === '' && ENV_VARS.username, password === '' && ENV_VARS.password].filter(Boolean);
    if (missing.length > 0) {
      throw new Error(
        `KwtSMS.fromEnv: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set. ` +
          'Set them in the environment or in a .env file (or pass `env` on Workers and Deno).',
      );
    }
    const resolved: KwtSMSOptions = { ...clientOptions };
    const sender = get(ENV_VARS.senderId);
    const test = get(ENV_VARS.testMode);
    const logFile = get(ENV_VARS.logFile);
    if (resolved.senderId === undefined && sender) resolved.senderId = sender;
    if (resolved.testMode === undefined && test !== undefined) resolved.testMode = parseFlag(test);
    if (resolved.logFile === undefined && logFile !== undefined) resolved.logFile = logFile;
    return new KwtSMS(username, password, resolved);
  }

  /** The balance from the last verify(), balance() or accepted send; `null` before any. */
  get cachedBalance(): number | null {
    return this.#cachedBalance;
  }

  /** The purchased credits from the last verify() or balance(); `null` before any. */
  get cachedPurchased(): number | null {
    return this.#cachedPurchased;
  }

  #call(endpoint: string, fields: Record<string, unknown>, signal?: AbortSignal): Promise<ApiOutcome> {
    return callApi(this.#transport, endpoint, { username: this.username, password: this.#password, ...fields }, signal);
  }

  async #fetchBalance(options: CallOptions): Promise<{ value: { available: number; purchased: number | null } } | ApiFailure> {
    const read = await this.#read('balance', {}, options, (data) => {
      const available = toNumber(data.available);
      return available === undefined ? undefined : { available, purchased: toNumber(data.purchased) ?? null };
    });
    if ('value' in read) {
      this.#cachedBalance = read.value.available;
      this.#cachedPurchased = read.value.purchased ?? this.#cachedPurchased;
    }
    return read;
  }

  /**
   * Checks the credentials and reads the balance.
   *
   * @returns `{ ok: true, balance, purchased, error: null }`, or `ok: false` with `error` (description and action) and `code`
   * @example
   * import { KwtSMS } from 'kwtsms';
   * const { ok, balance, error } = await KwtSMS.fromEnv().verify();
   */
  async verify(options: CallOptions = {}): Promise<VerifyResult> {
    const read = await this.#fetchBalance(options);
    return 'ok' in read
      ? { ok: false, balance: null, purchased: null, error: joinError(read), code: read.code }
      : { ok: true, balance: read.value.available, purchased: read.value.purchased, error: null };
  }

  /**
   * The live balance; on failure the cached one (`null` if none yet).
   *
   * @example
   * import { KwtSMS } from 'kwtsms';
   * const credits = await KwtSMS.fromEnv().balance();
   */
  async balance(options: CallOptions = {}): Promise<number | null> {
    const read = await this.#fetchBalance(options);
    return 'ok' in read ? this.#cachedBalance : read.value.available;
  }

  /**
   * Sends a message. `mobile` is one number, a string of numbers separated by commas, semicolons or
   * newlines, or an array. Numbers are normalized, validated locally (rejects go to `invalid`, never
   * sent) and deduplicated; the message is cleaned. More than `batchSize` numbers go through `sendBulk`.
   * ERR013 (queue full) is retried after `retryDelaysMs`; a timeout or network error never is.
   *
   * @example
   * import { KwtSMS } from 'kwtsms';
   * const result = await KwtSMS.fromEnv().send('+965 9876 5432', 'Your OTP for MYAPP is: 123456');
   * if (result.result === 'OK') save(result.msgId, result.balanceAfter);
   * else console.error(result.code, result.description, result.action);
   */
  send(mobile: string | readonly string[], message: string, options: SendOptions = {}): Promise<SendResult> {
    return this.#send(mobile, message, options);
  }

  /**
   * Sends one message to many numbers in batches of `batchSize`: request starts at least
   * `batchDelayMs` apart, at most two in flight. ERR013 pauses the whole send and retries that batch;
   * any other failed batch is recorded in `errors` with its numbers and the rest go on.
   *
   * @example
   * import { KwtSMS } from 'kwtsms';
   * const result = await KwtSMS.fromEnv().sendBulk(numbers, 'Campaign text', {
   *   onProgress: (p) => console.log(`${p.numbersDone}/${p.numbersTotal}`),
   * });
   * // result.result: 'OK' | 'PARTIAL' | 'ERROR'; result.errors lists failed batches with their numbers
   */
  sendBulk(mobiles: readonly string[], message: string, options: SendBulkOptions = {}): Promise<SendResult> {
    // Rejects like send() does, rather than throwing synchronously, so callers handle both alike.
    if (!Array.isArray(mobiles)) return Promise.reject(new TypeError('KwtSMS.sendBulk: mobiles must be an array of strings'));
    return this.#send(mobiles, message, options);
  }

  async #send(mobile: string | readonly string[], message: string, options: SendBulkOptions): Promise<SendResult> {
    if (typeof mobile !== 'string' && !Array.isArray(mobile)) {
      throw new TypeError('KwtSMS.send: mobile must be a string or an array of strings');
    }
    if (typeof message !== 'string') throw new TypeError('KwtSMS.send: message must be a string');
    if (typeof options !== 'object' || options === null) throw new TypeError('KwtSMS.send: options must be an object');
    const sender = options.sender === undefined ? this.senderId : checkSender('sender', options.sender);
    const { valid, invalid } = prepareRecipients(mobile, { defaultCountryCode: this.#defaultCountryCode });
    if (valid.length === 0) {
      return refused('ERR_INVALID_INPUT', 'No valid phone number to send to.', [], invalid);
    }
    const text = cleanMessage(message);
    if (text.trim() === '') {
      return refused('ERR009', 'The message is empty after removing emojis, HTML and hidden characters.', valid, invalid);
    }
    const info = messageInfo(text);
    if (info.tooLong) {
      return refused('ERR012', `The message is ${info.pages} pages long (${info.encoding}); the limit is ${info.maxPages}.`, valid, invalid);
    }

    const batches = chunk(valid, this.#batchSize);
    let sent = 0;
    let lastBalance: number | undefined;
    const progress = { batchesDone: 0, batchesTotal: batches.length, numbersDone: 0, numbersTotal: valid.length };
    const outcomes = await runBatches({
      batches,
      delayMs: this.#batchDelayMs,
      retryDelaysMs: this.#retryDelaysMs,
      signal: options.signal,
      send: (numbers, signal) =>
        this.#call('send', { sender, mobile: numbers.join(','), message: text, test: this.testMode ? '1' : '0' }, signal),
      onDone: (index, outcome, wasSent) => {
        if (wasSent) sent++;
        if (outcome.ok) {
          const after = toNumber(outcome.data['balance-after']);
          if (after !== undefined) this.#cachedBalance = lastBalance = after;
        }
        if (options.onProgress === undefined) return;
        progress.batchesDone++;
        progress.numbersDone += batches[index]?.length ?? 0;
        try {
          options.onProgress({ ...progress });
        } catch {
          // A failing progress display must not lose the send's result.
        }
      },
    });
    const result = assembleSend(batches, outcomes, invalid, sent);
    // Answers can arrive out of batch order; the last one received is the freshest balance.
    if (lastBalance !== undefined) result.balanceAfter = lastBalance;
    return result;
  }

  /**
   * Checks numbers with the gateway: locally valid ones are sent to `/validate/` in batches of 200
   * and come back as `ok` (routable), `er` (malformed) or `nr` (no route); local rejects are only in
   * `rejected`.
   *
   * @example
   * import { KwtSMS } from 'kwtsms';
   * const { ok, er, nr, rejected } = await KwtSMS.fromEnv().validate(['96598765432', '123', 'a@b.com']);
   */
  async validate(phones: readonly string[], options: CallOptions = {}): Promise<ValidateResult> {
    if (!Array.isArray(phones)) throw new TypeError('KwtSMS.validate: phones must be an array of strings');
    const { valid, invalid } = prepareRecipients(phones, { defaultCountryCode: this.#defaultCountryCode });
    const result: ValidateResult = { ok: [], er: [], nr: [], rejected: invalid, error: null, raw: [] };
    if (valid.length === 0) {
      result.error = 'No valid phone number to validate; see `rejected` for the reasons.';
      result.code = 'ERR_INVALID_INPUT';
      return result;
    }
    const batches = chunk(valid, MAX_BATCH_SIZE);
    const outcomes = await runBatches({
      batches,
      delayMs: this.#batchDelayMs,
      retryDelaysMs: this.#retryDelaysMs,
      signal: options.signal,
      send: (numbers, signal) => this.#call('validate', { mobile: numbers.join(',') }, signal),
    });
    for (const outcome of outcomes) {
      if (!outcome.ok) {
        if (outcome.data !== undefined) result.raw.push(outcome.data);
        if (result.error === null) {
          result.error = joinError(outcome);
          result.code = outcome.code;
        }
        continue;
      }
      result.raw.push(outcome.data);
      const mobile = outcome.data.mobile;
      const lists = typeof mobile === 'object' && mobile !== null ? (mobile as Record<string, unknown>) : undefined;
      const ok = toStringList(lists?.OK);
      const er = toStringList(lists?.ER);
      const nr = toStringList(lists?.NR);
      if (ok === undefined && er === undefined && nr === undefined) {
        const bad = failure('BAD_RESPONSE', 'The validate answer has no mobile.OK/ER/NR lists.');
        result.error ??= joinError(bad);
        result.code ??= bad.code;
        continue;
      }
      result.ok.push(...(ok ?? []));
      result.er.push(...(er ?? []));
      result.nr.push(...(nr ?? []));
    }
    return result;
  }

  /** One call whose OK answer must hold a value `pick` can read; anything else is BAD_RESPONSE. */
  async #read<T>(
    endpoint: string,
    fields: Record<string, unknown>,
    options: CallOptions,
    pick: (data: Record<string, unknown>) => T | undefined,
  ): Promise<{ value: T } | ApiFailure> {
    const outcome = await this.#call(endpoint, fields, options.signal);
    if (!outcome.ok) return outcome;
    const value = pick(outcome.data);
    return value === undefined
      ? failure('BAD_RESPONSE', `The ${endpoint} answer is not in the documented shape.`)
      : { value };
  }

  /**
   * The sender IDs registered on the account.
   *
   * @example
   * import { KwtSMS } from 'kwtsms';
   * const { result, senderIds } = await KwtSMS.fromEnv().senderIds();
   */
  async senderIds(options: CallOptions = {}): Promise<SenderIdResult> {
    const read = await this.#read('senderid', {}, options, (data) => toStringList(data.senderid));
    return 'ok' in read ? { result: 'ERROR', senderIds: [], ...errorFields(read) } : { result: 'OK', senderIds: read.value };
  }

  /**
   * The country prefixes active on the account. Cache them at startup and check numbers against them.
   *
   * @example
   * import { KwtSMS } from 'kwtsms';
   * const { prefixes } = await KwtSMS.fromEnv().coverage();
   * const covered = prefixes.some((p) => '96598765432'.startsWith(p));
   */
  async coverage(options: CallOptions = {}): Promise<CoverageResult> {
    const read = await this.#read('coverage', {}, options, readCoverage);
    return 'ok' in read ? { result: 'ERROR', prefixes: [], ...errorFields(read) } : { result: 'OK', prefixes: read.value };
  }

  /**
   * The queue status of a sent message.
   *
   * @param msgId the `msgId` saved from a send result
   * @example
   * import { KwtSMS } from 'kwtsms';
   * const { result, status, statusDescription } = await KwtSMS.fromEnv().status('f4c841adee210f31307633ceaebff2ec');
   */
  async status(msgId: string, options: CallOptions = {}): Promise<StatusResult> {
    if (typeof msgId !== 'string') throw new TypeError('KwtSMS.status: msgId must be a string');
    // An OK answer without a `status` string is not the documented shape: BAD_RESPONSE, as on every other endpoint.
    const read = await this.#read('status', { msgid: msgId }, options, (data) => (typeof data.status === 'string' ? data : undefined));
    if ('ok' in read) return { result: 'ERROR', ...errorFields(read) };
    const result: StatusResult = { result: 'OK' };
    if (typeof read.value.status === 'string') result.status = read.value.status;
    if (typeof read.value.description === 'string') result.statusDescription = read.value.description;
    return result;
  }

  /**
   * Per-number delivery reports (international numbers; Kuwait numbers have none). Ask 5 minutes or more after sending.
   *
   * @param msgId the `msgId` saved from a send result
   * @example
   * import { KwtSMS } from 'kwtsms';
   * const { report } = await KwtSMS.fromEnv().deliveryReport('f4c841adee210f31307633ceaebff2ec');
   * for (const { number, status } of report) console.log(number, status);
   */
  async deliveryReport(msgId: string, options: CallOptions = {}): Promise<DeliveryReportResult> {
    if (typeof msgId !== 'string') throw new TypeError('KwtSMS.deliveryReport: msgId must be a string');
    const read = await this.#read('dlr', { msgid: msgId }, options, readReport);
    return 'ok' in read ? { result: 'ERROR', report: [], ...errorFields(read) } : { result: 'OK', report: read.value };
  }

  /** What is safe to show of the client: never the password. */
  toJSON(): { username: string; senderId: string; testMode: boolean; baseUrl: string } {
    return { username: this.username, senderId: this.senderId, testMode: this.testMode, baseUrl: this.baseUrl };
  }

  /** `KwtSMS { username: '…', senderId: '…', testMode: …, baseUrl: '…' }`, without the password. */
  toString(): string {
    return `KwtSMS ${JSON.stringify(this.toJSON())}`;
  }
}
