import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, DEFAULT_SENDER_ID, KwtSMS } from '../../src/client.js';
import type { KwtSMSOptions } from '../../src/types.js';
import { gateway, PASSWORD, USER } from '../helpers/gateway.js';

/** The TypeError a construction throws, or fails the test. */
function typeErrorOf(build: () => unknown): TypeError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return error as TypeError;
  }
  throw new Error('expected a TypeError, nothing was thrown');
}

describe('new KwtSMS: defaults', () => {
  it('uses the documented defaults', () => {
    const sms = new KwtSMS(USER, PASSWORD);
    expect(sms.username).toBe(USER);
    expect(sms.senderId).toBe('KWT-SMS');
    expect(DEFAULT_SENDER_ID).toBe('KWT-SMS');
    expect(sms.testMode).toBe(false);
    expect(sms.baseUrl).toBe('https://www.kwtsms.com/API/');
    expect(DEFAULT_BASE_URL).toBe('https://www.kwtsms.com/API/');
    expect(sms.cachedBalance).toBeNull();
    expect(sms.cachedPurchased).toBeNull();
  });

  it('keeps the given options', () => {
    const sms = new KwtSMS(USER, PASSWORD, { senderId: 'MY-APP', testMode: true, baseUrl: 'http://localhost:8080/api/' });
    expect(sms.senderId).toBe('MY-APP');
    expect(sms.testMode).toBe(true);
    expect(sms.baseUrl).toBe('http://localhost:8080/api/');
  });

  it.each([
    ['https://example.com/API', 'https://example.com/API/'],
    ['https://example.com/API/', 'https://example.com/API/'],
    ['http://127.0.0.1:9999', 'http://127.0.0.1:9999/'],
  ])('baseUrl %j becomes %j', (baseUrl, expected) => {
    expect(new KwtSMS(USER, PASSWORD, { baseUrl }).baseUrl).toBe(expected);
  });

  it('sends to the baseUrl with the trailing slash added', async () => {
    const seen = gateway('balance', () => ({ result: 'OK', available: 1, purchased: 2 }), 'https://example.com/custom/');
    await new KwtSMS(USER, PASSWORD, { baseUrl: 'https://example.com/custom' }).balance();
    expect(seen.map((s) => s.url)).toEqual(['https://example.com/custom/balance/']);
  });

  it.each<[string, KwtSMSOptions]>([
    ['batchDelayMs 0', { batchDelayMs: 0 }],
    ['timeoutMs 0', { timeoutMs: 0 }],
    ['retryDelaysMs []', { retryDelaysMs: [] }],
    ['retryDelaysMs [0]', { retryDelaysMs: [0] }],
    ['batchSize 1', { batchSize: 1 }],
    ['batchSize 200', { batchSize: 200 }],
    ['senderId of 11 characters', { senderId: 'ABCDEFGHIJK' }],
    ['senderId of 1 character', { senderId: 'A' }],
    ['defaultCountryCode 965', { defaultCountryCode: '965' }],
    ['defaultCountryCode 1', { defaultCountryCode: '1' }],
    ['logFile empty (off)', { logFile: '' }],
    ['every option undefined', { senderId: undefined, batchSize: undefined, timeoutMs: undefined } as unknown as KwtSMSOptions],
  ])('accepts %s', (_name, options) => {
    expect(() => new KwtSMS(USER, PASSWORD, options)).not.toThrow();
  });

  it('never mutates the options or the retry array', () => {
    const retryDelaysMs = [1, 2];
    const options = Object.freeze({ retryDelaysMs, batchDelayMs: 5 });
    new KwtSMS(USER, PASSWORD, options);
    expect(options).toEqual({ retryDelaysMs: [1, 2], batchDelayMs: 5 });
    expect(Object.isFrozen(retryDelaysMs)).toBe(false);
  });
});

describe('new KwtSMS: bad options throw a TypeError naming the option', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['senderId ""', 'senderId', { senderId: '' }],
    ['senderId "   "', 'senderId', { senderId: '   ' }],
    ['senderId of 12 characters', 'senderId', { senderId: 'ABCDEFGHIJKL' }],
    ['senderId not a string', 'senderId', { senderId: 5 }],
    ['batchSize 0', 'batchSize', { batchSize: 0 }],
    ['batchSize 201', 'batchSize', { batchSize: 201 }],
    ['batchSize 1.5', 'batchSize', { batchSize: 1.5 }],
    ['batchSize -1', 'batchSize', { batchSize: -1 }],
    ['batchSize NaN', 'batchSize', { batchSize: Number.NaN }],
    ['batchSize "10"', 'batchSize', { batchSize: '10' }],
    ['batchDelayMs -1', 'batchDelayMs', { batchDelayMs: -1 }],
    ['batchDelayMs NaN', 'batchDelayMs', { batchDelayMs: Number.NaN }],
    ['batchDelayMs "500"', 'batchDelayMs', { batchDelayMs: '500' }],
    ['timeoutMs -1', 'timeoutMs', { timeoutMs: -1 }],
    ['timeoutMs NaN', 'timeoutMs', { timeoutMs: Number.NaN }],
    ['retryDelaysMs with a negative', 'retryDelaysMs', { retryDelaysMs: [10, -1] }],
    ['retryDelaysMs with NaN', 'retryDelaysMs', { retryDelaysMs: [Number.NaN] }],
    ['retryDelaysMs not an array', 'retryDelaysMs', { retryDelaysMs: 30_000 }],
    ['baseUrl not a URL', 'baseUrl', { baseUrl: 'not a url' }],
    ['baseUrl relative', 'baseUrl', { baseUrl: '/API/' }],
    ['baseUrl ftp', 'baseUrl', { baseUrl: 'ftp://example.com/' }],
    ['baseUrl not a string', 'baseUrl', { baseUrl: 42 }],
    ['fetch not a function', 'fetch', { fetch: 'fetch' }],
    ['fetch an object', 'fetch', { fetch: {} }],
    ['logger not a function', 'logger', { logger: 'console' }],
    ['logFile not a string', 'logFile', { logFile: 1 }],
    ['testMode a string', 'testMode', { testMode: 'true' }],
    ['defaultCountryCode with letters', 'defaultCountryCode', { defaultCountryCode: 'KW' }],
    ['defaultCountryCode with a plus', 'defaultCountryCode', { defaultCountryCode: '+965' }],
    ['defaultCountryCode starting with 0', 'defaultCountryCode', { defaultCountryCode: '0965' }],
    ['defaultCountryCode of 4 digits', 'defaultCountryCode', { defaultCountryCode: '9651' }],
    ['defaultCountryCode empty', 'defaultCountryCode', { defaultCountryCode: '' }],
    ['defaultCountryCode a number', 'defaultCountryCode', { defaultCountryCode: 965 }],
  ])('%s', (_name, option, options) => {
    const error = typeErrorOf(() => new KwtSMS(USER, PASSWORD, options as KwtSMSOptions));
    expect(error.message).toContain(option);
    expect(error.message).not.toContain(PASSWORD);
  });

  it.each([null, 'options', 5])('options %j', (options) => {
    const error = typeErrorOf(() => new KwtSMS(USER, PASSWORD, options as unknown as KwtSMSOptions));
    expect(error.message).toContain('options');
    expect(error.message).not.toContain(PASSWORD);
  });
});

describe('new KwtSMS: credentials', () => {
  it.each<[string, unknown, unknown, string]>([
    ['username missing', undefined, PASSWORD, 'username'],
    ['username empty', '', PASSWORD, 'username'],
    ['username blank', '   ', PASSWORD, 'username'],
    ['username not a string', 42, PASSWORD, 'username'],
    ['password missing', USER, undefined, 'password'],
    ['password empty', USER, '', 'password'],
    ['password not a string', USER, 42, 'password'],
  ])('%s -> TypeError naming it', (_name, username, password, named) => {
    const error = typeErrorOf(() => new KwtSMS(username as string, password as string));
    expect(error.message).toContain(named);
    expect(error.message).not.toContain(PASSWORD);
  });
});
