/**
 * `kwtsms/testing`: an in-memory fake kwtSMS gateway for your own tests.
 *
 * @example
 * import { KwtSMS } from 'kwtsms';
 * import { createFakeGateway } from 'kwtsms/testing';
 *
 * const fake = createFakeGateway();
 * const sms = new KwtSMS('user', 'pass', { fetch: fake.fetch });
 * const result = await sms.send('96598765432', 'Your code is 1234');
 * console.log(result.result, fake.state.sent[0]?.message); // 'OK' 'Your code is 1234'
 *
 * @module
 */

export { createFakeGateway } from './fake.js';
export type {
  FakeGateway,
  FakeGatewayOptions,
  FakeRequest,
  FakeSentMessage,
  FakeServer,
  FakeState,
  Fault,
  ServeOptions,
} from './types.js';
