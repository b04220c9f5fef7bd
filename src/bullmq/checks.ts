/**
 * The argument checks of `kwtsms/bullmq`: a programmer error (a missing connection, an option of
 * the wrong type or out of range) throws a TypeError that names it and says what is allowed.
 */
import type { CampaignInput, QueueSendOptions, SmsQueueOptions } from './types.js';

/** A string, narrowed. */
export const isString = (value: unknown): value is string => typeof value === 'string';
const isMs = (value: unknown): value is number => typeof value === 'number' && value >= 0 && Number.isFinite(value);
const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
const isSender = (value: unknown): boolean => isString(value) && value.trim() !== '' && value.length < 12;
const isId = (value: unknown): boolean => isString(value) && value !== '' && value.length <= 200;

/** Throws the TypeError for a bad option or argument, naming it and what is allowed. */
function check(where: string, name: string, value: unknown, ok: boolean, allowed: string): void {
  if (value !== undefined && !ok) {
    const got = isString(value) ? JSON.stringify(value) : typeof value === 'number' ? value : typeof value;
    throw new TypeError(`kwtsms/bullmq: ${where} option \`${name}\` must be ${allowed}, got ${got}`);
  }
}

/**
 * Throws a TypeError with `message` unless `ok`.
 *
 * @example
 * // internal: src/bullmq/checks.ts
 * need(isString(id), 'queue.campaign: id must be a string');
 */
export function need(ok: boolean, message: string): void {
  if (!ok) throw new TypeError(`kwtsms/bullmq: ${message}`);
}

/**
 * Checks the options of `createSmsQueue`.
 *
 * @example
 * // internal: src/bullmq/checks.ts
 * checkQueueOptions({ connection: { port: 6379 }, gapMs: -1 }); // TypeError: ... `gapMs` must be milliseconds >= 0, got -1
 */
export function checkQueueOptions(options: SmsQueueOptions): void {
  need(isObject(options), 'createSmsQueue needs options with a `connection`');
  need(isObject(options.connection), 'createSmsQueue needs a `connection` (ioredis options or an ioredis instance)');
  const where = 'createSmsQueue';
  check(where, 'name', options.name, isString(options.name) && options.name !== '' && !options.name.includes(':'), 'a non-empty string without `:`');
  check(where, 'prefix', options.prefix, isString(options.prefix) && options.prefix !== '', 'a non-empty string');
  check(where, 'gapMs', options.gapMs, isMs(options.gapMs), 'milliseconds >= 0');
  const delays = options.retryDelaysMs;
  check(where, 'retryDelaysMs', delays, Array.isArray(delays) && delays.every(isMs), 'an array of milliseconds >= 0');
  const country = options.defaultCountryCode;
  check(where, 'defaultCountryCode', country, isString(country) && /^[1-9]\d?\d?$/.test(country), "1 to 3 digits, such as '965'");
}

/**
 * Checks the argument of `queue.addCampaign`.
 *
 * @example
 * // internal: src/bullmq/checks.ts
 * checkCampaign({ id: '', numbers: [], message: 'Hi' }); // TypeError: ... `id` must be a string of 1 to 200 characters
 */
export function checkCampaign(input: CampaignInput): void {
  need(isObject(input), 'addCampaign needs { id, numbers, message }');
  const { id, numbers, message, sender, test } = input;
  need(isId(id), 'addCampaign: `id` must be a string of 1 to 200 characters');
  need(isString(numbers) || Array.isArray(numbers), 'addCampaign: `numbers` must be a string or an array of strings');
  need(isString(message), 'addCampaign: `message` must be a string');
  check('addCampaign', 'sender', sender, isSender(sender), 'a string of 1 to 11 characters');
  check('addCampaign', 'test', test, typeof test === 'boolean', 'a boolean');
}

/**
 * Checks the arguments of `queue.send`.
 *
 * @example
 * // internal: src/bullmq/checks.ts
 * checkSend('96598765432', 'Hi', { redact: 'yes' }); // TypeError: ... `redact` must be a boolean, got "yes"
 */
export function checkSend(mobile: string | readonly string[], message: string, options: QueueSendOptions): void {
  need(isString(mobile) || Array.isArray(mobile), 'queue.send: mobile must be a string or an array of strings');
  need(isString(message), 'queue.send: message must be a string');
  need(isObject(options), 'queue.send: options must be an object');
  const { sender, id, signal, redact } = options;
  check('send', 'sender', sender, isSender(sender), 'a string of 1 to 11 characters');
  check('send', 'id', id, isId(id), 'a string of 1 to 200 characters');
  check('send', 'redact', redact, typeof redact === 'boolean', 'a boolean');
  check('send', 'signal', signal, signal instanceof AbortSignal, 'an AbortSignal');
}
