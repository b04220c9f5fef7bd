/**
 * Shared by the examples: a client on your real account when credentials are configured,
 * otherwise on the in-memory fake gateway, so every example runs offline with no account.
 *
 * Configured means KWTSMS_USERNAME and KWTSMS_PASSWORD are both non-empty, looked up the way
 * `KwtSMS.fromEnv()` does: the environment first (an empty value counts, and wins), then `.env`.
 * On a real account the examples stay in test mode (queued, never delivered) unless
 * KWTSMS_TEST_MODE says otherwise, and send to EXAMPLE_PHONE (default 96598765432).
 *
 * Not run on its own; imported as `./client.js` by the examples.
 */
import { KwtSMS, loadEnvFile, type KwtSMSOptions } from 'kwtsms';
import { createFakeGateway, type FakeGateway, type FakeGatewayOptions } from 'kwtsms/testing';

/** The number the examples send to; an empty EXAMPLE_PHONE counts as unset. */
export const EXAMPLE_PHONE = process.env.EXAMPLE_PHONE || '96598765432';

/** Reads a variable as `KwtSMS.fromEnv()` would: environment, then `.env`. */
function setting(name: string): string | undefined {
  return process.env[name] ?? loadEnvFile('.env')[name];
}

/** Whether both credentials are set and non-empty. */
export function hasCredentials(): boolean {
  return (setting('KWTSMS_USERNAME') ?? '') !== '' && (setting('KWTSMS_PASSWORD') ?? '') !== '';
}

export interface ExampleClient {
  sms: KwtSMS;
  /** The fake behind `sms`, or `undefined` on a real account. */
  fake: FakeGateway | undefined;
}

/**
 * `KwtSMS.fromEnv()` when credentials are configured, else a client on `createFakeGateway()`.
 * Says which on stderr, so stdout stays the example's own output.
 */
export function createClient(options: KwtSMSOptions = {}, fakeOptions: FakeGatewayOptions = {}): ExampleClient {
  if (hasCredentials()) {
    const safe: KwtSMSOptions = setting('KWTSMS_TEST_MODE') === undefined ? { testMode: true } : {};
    const sms = KwtSMS.fromEnv({ ...safe, ...options });
    console.error(`[examples] live kwtSMS gateway as ${sms.username}, test mode ${sms.testMode ? 'on' : 'OFF'}`);
    return { sms, fake: undefined };
  }
  return createFakeClient(options, fakeOptions, 'no KWTSMS_USERNAME/KWTSMS_PASSWORD set');
}

/** Always the fake gateway: for examples that stage failures or move a clock. */
export function createFakeClient(
  options: KwtSMSOptions = {},
  fakeOptions: FakeGatewayOptions = {},
  why = 'this example always runs offline',
): ExampleClient {
  const fake = createFakeGateway(fakeOptions);
  console.error(`[examples] ${why}: using the in-memory fake gateway (nothing is sent)`);
  return { sms: new KwtSMS('demo_user', 'demo_pass', { ...options, fetch: fake.fetch }), fake };
}

