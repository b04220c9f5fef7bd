/**
 * The `KwtSMS` client: option checks, credentials kept private, and one
 * method per endpoint. The work is delegated: recipients, message cleaning,
 * batching, transport and result reading live in their own modules.
 */
import { chunk, MAX_BATCH_SIZE, runBatches, type BatchPlan } from './batch.js';
import { ENV_VARS, lookupEnv, parseFlag, type EnvSource } from './env.js';
import { messageInfo } from './message.js';
import { prepareRecipients } from './recipients.js';
import { failure, type ApiFailure, type ApiOutcome } from './errors.js';
import { isObject, isRecord } from './guards.js';
import { openCampaign, type SendFields } from './journal.js';
import { callApi, type TransportConfig } from './request.js';
import { assembleSend, readCoverage, readReport, readStatus, toNumber, toStringList } from './results.js';
import { DEFAULT_RETRY_DELAYS_MS } from './retry.js';
import type {
  CallOptions,
  CoverageResult,
  DeliveryReportResult,
  ErrorFields,
  KwtSMSOptions,
  ResultStatus,
  SendBulkOptions,
  SendOptions,
  SendResult,
  SenderIdResult,
  StatusResult,
  ValidateResult,
  VerifyResult,
} from './types.js';

/**
 * The gateway's address, the default of the `baseUrl` option.
 *
 * @example
 * import { DEFAULT_BASE_URL, KwtSMS } from 'kwtsms';
 * const sms = new KwtSMS('api_user', 'api_pass', { baseUrl: process.env.KWTSMS_BASE_URL ?? DEFAULT_BASE_URL });
 */
export const DEFAULT_BASE_URL = 'https://www.kwtsms.com/API/';
/**
 * The shared test sender every account has, the default of `senderId`; register your own for production.
 *
 * @example
 * import { DEFAULT_SENDER_ID, KwtSMS } from 'kwtsms';
 * if (KwtSMS.fromEnv().senderId === DEFAULT_SENDER_ID) console.warn('Register a sender ID before going live');
 */
export const DEFAULT_SENDER_ID = 'KWT-SMS';

type Rule = readonly [test: (value: unknown) => boolean, allowed: string];

// NaN is not >= 0, so it fails too.
const isMs = (value: unknown): value is number => typeof value === 'number' && value >= 0;
const isString = (value: unknown): value is string => typeof value === 'string';
const isFunction = (value: unknown): boolean => typeof value === 'function';
const MS = 'milliseconds >= 0';
const SENDER: Rule = [(value) => isString(value) && value.trim() !== '' && value.length < 12, 'a string of 1 to 11 characters'];
const DELAYS: Rule = [(value) => Array.isArray(value) && value.every(isMs), 'an array of milliseconds >= 0'];

/** Every option's rule. An option left `undefined` is not checked: it takes its default. */
const OPTION_RULES: Readonly<Record<keyof KwtSMSOptions, Rule>> = {
  senderId: SENDER,
  testMode: [(value) => typeof value === 'boolean', 'a boolean'],
  logFile: [isString, 'a string'],
  logger: [isFunction, 'a function'],
  fetch: [isFunction, 'a function'],
  baseUrl: [(value) => isString(value) && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'an absolute http(s) URL'],
  timeoutMs: [isMs, MS],
  batchSize: [(value) => isMs(value) && Number.isInteger(value) && value > 0 && value <= MAX_BATCH_SIZE, 'a whole number, 1 to 200'],
  batchDelayMs: [isMs, MS],
  retryDelaysMs: DELAYS,
  defaultCountryCode: [(value) => isString(value) && /^[1-9]\d?\d?$/.test(value), "1 to 3 digits, such as '965'"],
};

/** The rules for `send()`'s options that need checking beyond their types' names. */
const SEND_OPTION_RULES: Readonly<Partial<Record<keyof SendOptions, Rule>>> = {
  sender: SENDER,
  redact: [(value) => typeof value === 'boolean', 'a boolean'],
  // Not OPTION_RULES.retryDelaysMs: a property read at the top level is kept by bundlers (it could run a getter).
  retryDelaysMs: DELAYS,
  onProgress: [isFunction, 'a function'],
  journal: [(value) => isObject(value) && isFunction((value as { read?: unknown }).read) && isFunction((value as { append?: unknown }).append), 'an object with read() and append() (a BulkJournal)'],
  resendInterrupted: [(value) => typeof value === 'boolean', 'a boolean'],
  resendFailed: [(value) => typeof value === 'boolean', 'a boolean'],
};

/** Throws the TypeError for a bad option or argument, naming it, what is allowed and what came. */
function check(name: string, value: unknown, [test, allowed]: Rule): void {
  if (value !== undefined && !test(value)) {
    const got = isString(value) ? JSON.stringify(value) : typeof value === 'number' ? value : typeof value;
    throw new TypeError(`KwtSMS: option \`${name}\` must be ${allowed}, got ${got}`);
  }
}

/** Throws a TypeError for a programmer error: a missing credential or a wrong argument type. */
function need(ok: boolean, message: string): void {
  if (!ok) throw new TypeError(message);
}

const missingCredential = (name: string): string => `KwtSMS: the API ${name} is required (kwtsms.com > Account > API)`;

/** An OK answer the library cannot read. */
const offShape = (endpoint: string): ApiFailure => failure('BAD_RESPONSE', `The ${endpoint} answer is not in the documented shape.`);

function joinError(failed: { description: string; action: string }): string {
  return `${failed.description.replace(/[.\s]+$/, '')}. ${failed.action}`;
}

function errorFields({ ok: _ok, data: _data, ...fields }: ApiFailure): Omit<ApiFailure, 'ok' | 'data'> {
  return fields;
}

/** `{ cause }` when the failure has one, so results without one have no such key. */
function causeOf({ cause }: ApiFailure): { cause?: unknown } {
  return cause === undefined ? {} : { cause };
}

/** Adds one OK validate answer's lists to the result; BAD_RESPONSE when it has none of them. */
function addValidated(result: ValidateResult, data: Record<string, unknown>): ApiFailure | undefined {
  const lists = isRecord(data.mobile) ? data.mobile : {};
  let found = false;
  for (const key of ['ok', 'er', 'nr'] as const) {
    const list = toStringList(lists[key.toUpperCase()]);
    if (list) result[key].push(...list);
    found ||= list !== undefined;
  }
  return found ? undefined : offShape('validate');
}

interface Settings extends TransportConfig, Omit<KwtSMSOptions, keyof TransportConfig> {
  batchSize: number;
  batchDelayMs: number;
  retryDelaysMs: readonly number[];
}

/** A send refused before any request: every valid number goes in one error, so none is lost. */
function refused(code: string, description: string, numbers: string[], invalid: SendResult['invalid'], cause?: unknown): SendResult {
  const error = errorFields(failure(code, description, cause));
  return {
    result: 'ERROR',
    ...error,
    msgIds: [],
    numbers: 0,
    pointsCharged: 0,
    batches: 0,
    errors: numbers.length > 0 ? [{ batch: 0, ...error, numbers }] : [],
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
  /** The options with their defaults filled in; the transport reads its part of them. */
  readonly #settings: Settings;
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
    // A blank username names no one; a password may be anything but empty.
    need(isString(username) && username.trim() !== '', missingCredential('username'));
    need(isString(password) && password !== '', missingCredential('password'));
    check('options', options, [isObject, 'an object']);
    for (const [name, rule] of Object.entries(OPTION_RULES)) check(name, options[name as keyof KwtSMSOptions], rule);
    this.username = username;
    this.#password = password;
    this.senderId = options.senderId ?? DEFAULT_SENDER_ID;
    this.testMode = options.testMode ?? false;
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/?$/, '/');
    this.#settings = {
      ...options,
      baseUrl: this.baseUrl,
      timeoutMs: options.timeoutMs ?? 15_000,
      batchSize: options.batchSize ?? MAX_BATCH_SIZE,
      batchDelayMs: options.batchDelayMs ?? 500,
      // A copy: the caller may change their array later.
      retryDelaysMs: [...(options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS)],
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
    const { env: _env, envFile: _envFile, ...resolved } = options;
    const get = lookupEnv(options);
    const username = get(ENV_VARS.username);
    const password = get(ENV_VARS.password);
    // Named, never shown: the message must not leak a value.
    const missing = [!username && ENV_VARS.username, !password && ENV_VARS.password].filter(Boolean);
    if (!username || !password) {
      throw new Error(`KwtSMS.fromEnv: set ${missing.join(' and ')} in the environment or .env (or pass \`env\`).`);
    }
    // An explicit option wins; an empty KWTSMS_SENDER_ID or KWTSMS_LOG_FILE means the default (none).
    resolved.senderId ??= get(ENV_VARS.senderId) || DEFAULT_SENDER_ID;
    resolved.testMode ??= parseFlag(get(ENV_VARS.testMode));
    resolved.logFile ??= get(ENV_VARS.logFile) ?? '';
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

  #call(endpoint: string, fields: Record<string, unknown>, signal?: AbortSignal, hidden?: readonly string[]): Promise<ApiOutcome> {
    return callApi(this.#settings, endpoint, { username: this.username, password: this.#password, ...fields }, signal, hidden);
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
    const read = await this.#read('balance', {}, options, (data) => {
      const balance = toNumber(data.available);
      return balance === undefined ? undefined : { balance, purchased: toNumber(data.purchased) ?? null };
    });
    if (!read.ok) {
      return { ok: false, balance: null, purchased: null, error: joinError(read), code: read.code, ...causeOf(read) };
    }
    this.#cachedBalance = read.value.balance;
    this.#cachedPurchased = read.value.purchased ?? this.#cachedPurchased;
    return { ok: true, ...read.value, error: null };
  }

  /**
   * The live balance; on failure the cached one (`null` if none yet).
   *
   * @example
   * import { KwtSMS } from 'kwtsms';
   * const credits = await KwtSMS.fromEnv().balance();
   */
  async balance(options: CallOptions = {}): Promise<number | null> {
    // A failed verify() has balance null: the cached one stands in.
    return (await this.verify(options)).balance ?? this.#cachedBalance;
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
  async send(mobile: string | readonly string[], message: string, options: SendOptions = {}): Promise<SendResult> {
    need(isString(mobile) || Array.isArray(mobile), 'KwtSMS.send: mobile must be a string or an array of strings');
    need(isString(message), 'KwtSMS.send: message must be a string');
    need(isObject(options), 'KwtSMS.send: options must be an object');
    for (const [name, rule] of Object.entries(SEND_OPTION_RULES)) check(name, options[name as keyof SendOptions], rule);
    const sender = options.sender ?? this.senderId;
    const { valid, invalid } = prepareRecipients(mobile, this.#settings);
    if (valid.length === 0) {
      return refused('ERR_INVALID_INPUT', 'No valid phone number to send to.', [], invalid);
    }
    // Cleaned once: messageInfo() cleans the text it measures.
    const info = messageInfo(message);
    if (info.text.trim() === '') {
      return refused('ERR009', 'The message is empty after cleanMessage().', valid, invalid);
    }
    if (info.tooLong) {
      return refused('ERR012', `The message is ${info.pages} pages (${info.encoding}); the limit is ${info.maxPages}.`, valid, invalid);
    }
    const fields: SendFields = { sender, message: info.text, test: this.testMode ? '1' : '0' };
    return this.#sendBatches(chunk(valid, this.#settings.batchSize), fields, options, invalid);
  }

  /**
   * Sends the batches of a checked send, through its journal when it has one: batches an earlier run
   * settled are not sent again, and count in the result as they did then.
   */
  async #sendBatches(batches: string[][], fields: SendFields, options: SendOptions, invalid: SendResult['invalid']): Promise<SendResult> {
    const campaign = options.journal === undefined ? undefined : await openCampaign(options.journal, fields, batches, options);
    if (campaign !== undefined && 'ok' in campaign) return refused(campaign.code, campaign.description, batches.flat(), invalid, campaign.cause);
    const earlier = campaign?.earlier ?? [];
    // This run's batches, by their index in the whole send.
    const todo = batches.flatMap((_, i) => (earlier[i] === undefined ? [i] : []));
    const numbersTotal = batches.reduce((total, batch) => total + batch.length, 0);
    let sent = campaign?.counted ?? 0;
    let batchesDone = batches.length - todo.length;
    let numbersDone = numbersTotal - todo.reduce((total, i) => total + (batches[i]?.length ?? 0), 0);
    let lastBalance = campaign?.balanceAfter;
    const at = (k: number): number => todo[k] as number;
    const plan = { signal: options.signal, hidden: options.redact ? ['message'] : [], retryDelaysMs: options.retryDelaysMs };
    const outcomes = await this.#batches('send', todo.map((i) => batches[i] as string[]), { ...fields }, plan, {
      beforeRequest: campaign && ((k) => campaign.beforeRequest(at(k))),
      afterRequest: campaign && ((k, outcome, unsent) => campaign.afterRequest(at(k), outcome, unsent)),
      onDone: (k, outcome, wasSent) => {
        if (wasSent) sent++;
        const after = outcome.ok ? toNumber(outcome.data['balance-after']) : undefined;
        if (after !== undefined) this.#cachedBalance = lastBalance = after;
        numbersDone += batches[at(k)]?.length ?? 0;
        batchesDone++;
        try {
          options.onProgress?.({ batchesDone, batchesTotal: batches.length, numbersDone, numbersTotal });
        } catch {
          // A failing progress display must not lose the send's result.
        }
      },
    });
    todo.forEach((i, k) => (earlier[i] = outcomes[k]));
    const result = assembleSend(batches, earlier as ApiOutcome[], invalid, sent);
    // Answers can arrive out of batch order; the last one received is the freshest balance.
    if (lastBalance !== undefined) result.balanceAfter = lastBalance;
    return result;
  }

  /**
   * Sends one message to many numbers in batches of `batchSize`: request starts at least
   * `batchDelayMs` apart, at most two in flight. ERR013 pauses the whole send and retries that batch;
   * any other failed batch is recorded in `errors` with its numbers and the rest go on. With a
   * `journal`, the send survives a crash: run it again with the same journal and it resumes, never
   * sending a batch twice (a batch whose fate is unknown is reported as `INTERRUPTED`).
   *
   * @example
   * import { KwtSMS, fileJournal } from 'kwtsms';
   * const result = await KwtSMS.fromEnv().sendBulk(numbers, 'Campaign text', {
   *   onProgress: (p) => console.log(`${p.numbersDone}/${p.numbersTotal}`),
   *   journal: fileJournal('campaign.jsonl'), // run the same call again after a crash to resume
   * });
   * // result.result: 'OK' | 'PARTIAL' | 'ERROR'; result.errors lists failed batches with their numbers
   */
  async sendBulk(mobiles: readonly string[], message: string, options: SendBulkOptions = {}): Promise<SendResult> {
    // Async, so a wrong argument rejects as it does in send(), rather than throwing synchronously.
    need(Array.isArray(mobiles), 'KwtSMS.sendBulk: mobiles must be an array of strings');
    return this.send(mobiles, message, options);
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
    need(Array.isArray(phones), 'KwtSMS.validate: phones must be an array of strings');
    const { valid, invalid } = prepareRecipients(phones, this.#settings);
    const result: ValidateResult = { ok: [], er: [], nr: [], rejected: invalid, error: null, raw: [] };
    if (valid.length === 0) {
      result.error = 'No valid phone number; see `rejected`.';
      result.code = 'ERR_INVALID_INPUT';
      return result;
    }
    for (const outcome of await this.#batches('validate', chunk(valid, MAX_BATCH_SIZE), {}, { signal: options.signal })) {
      // Error bodies are kept too: they are the gateway's answers.
      if (outcome.data) result.raw.push(outcome.data);
      const failed = outcome.ok ? addValidated(result, outcome.data) : outcome;
      // The first failed batch is the one reported.
      if (failed !== undefined && result.error === null) {
        result.error = joinError(failed);
        result.code = failed.code;
        if (failed.cause !== undefined) result.cause = failed.cause;
      }
    }
    return result;
  }

  /** Runs `batches` of numbers through `endpoint` at the gateway's pace, adding `fields` to every request. */
  #batches(
    endpoint: string,
    batches: string[][],
    fields: Record<string, unknown>,
    call: { signal: AbortSignal | undefined; hidden?: readonly string[]; retryDelaysMs?: readonly number[] | undefined },
    hooks: Pick<BatchPlan<string[]>, 'beforeRequest' | 'afterRequest' | 'onDone'> = {},
  ): Promise<ApiOutcome[]> {
    return runBatches({
      ...hooks,
      batches,
      delayMs: this.#settings.batchDelayMs,
      retryDelaysMs: call.retryDelaysMs ?? this.#settings.retryDelaysMs,
      signal: call.signal,
      send: (numbers, signal) => this.#call(endpoint, { ...fields, mobile: numbers.join(',') }, signal, call.hidden),
    });
  }

  /** One call whose OK answer must hold a value `pick` can read; anything else is BAD_RESPONSE. */
  async #read<T>(
    endpoint: string,
    fields: Record<string, unknown>,
    options: CallOptions,
    pick: (data: Record<string, unknown>) => T | undefined,
  ): Promise<{ ok: true; value: T } | ApiFailure> {
    const outcome = await this.#call(endpoint, fields, options.signal);
    if (!outcome.ok) return outcome;
    const value = pick(outcome.data);
    return value === undefined ? offShape(endpoint) : { ok: true, value };
  }

  /**
   * One call as a result: `shape` turns the value `pick` read into the result's fields, and gives
   * the empty fields (no value) that an error result carries.
   */
  async #ask<T, R>(
    endpoint: string,
    fields: Record<string, unknown>,
    options: CallOptions,
    pick: (data: Record<string, unknown>) => T | undefined,
    shape: (value?: T) => R,
  ): Promise<R & { result: ResultStatus } & ErrorFields> {
    const read = await this.#read(endpoint, fields, options, pick);
    return read.ok ? { result: 'OK', ...shape(read.value) } : { result: 'ERROR', ...shape(), ...errorFields(read) };
  }

  /**
   * The sender IDs registered on the account.
   *
   * @example
   * import { KwtSMS } from 'kwtsms';
   * const { result, senderIds } = await KwtSMS.fromEnv().senderIds();
   */
  senderIds(options: CallOptions = {}): Promise<SenderIdResult> {
    return this.#ask('senderid', {}, options, (data) => toStringList(data.senderid), (senderIds = []) => ({ senderIds }));
  }

  /**
   * The country prefixes active on the account. Cache them at startup and check numbers against them.
   *
   * @example
   * import { KwtSMS } from 'kwtsms';
   * const { prefixes } = await KwtSMS.fromEnv().coverage();
   * const covered = prefixes.some((p) => '96598765432'.startsWith(p));
   */
  coverage(options: CallOptions = {}): Promise<CoverageResult> {
    return this.#ask('coverage', {}, options, readCoverage, (prefixes = []) => ({ prefixes }));
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
    need(isString(msgId), 'KwtSMS.status: msgId must be a string');
    // An OK answer without a `status` string is not the documented shape: BAD_RESPONSE, as on every other endpoint.
    return this.#ask('status', { msgid: msgId }, options, readStatus, (fields) => ({ ...fields }));
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
    need(isString(msgId), 'KwtSMS.deliveryReport: msgId must be a string');
    return this.#ask('dlr', { msgid: msgId }, options, readReport, (report = []) => ({ report }));
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
