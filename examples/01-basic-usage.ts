/**
 * 01: the basics. Load credentials, verify them, send one SMS, print the result.
 *
 * Run: npx tsx examples/01-basic-usage.ts
 * With KWTSMS_USERNAME and KWTSMS_PASSWORD (environment or .env) it uses your account, in test
 * mode unless KWTSMS_TEST_MODE says otherwise; without them, the in-memory fake gateway.
 *
 * In your own code the first line is simply:
 *   const sms = KwtSMS.fromEnv();   // KWTSMS_USERNAME, KWTSMS_PASSWORD, KWTSMS_SENDER_ID, KWTSMS_TEST_MODE
 */
import { messageInfo } from 'kwtsms';
import { createClient, EXAMPLE_PHONE } from './client.js';

const { sms } = createClient();
console.log(`Client: ${String(sms)}`); // the password never shows, here or in logs

// 1. Verify the credentials (and read the balance) once at startup.
const verify = await sms.verify();
if (!verify.ok) {
  console.error(`Verify failed [${verify.code}]: ${verify.error}`);
  process.exit(1);
}
console.log(`Verify: OK, balance ${verify.balance} of ${verify.purchased} purchased`);

// 2. Know what a message costs before sending it.
const text = 'Hello from kwtsms! Your order #1042 has shipped.';
const info = messageInfo(text);
console.log(`Message: ${info.characters} chars, ${info.encoding}, ${info.pages} page(s), ${info.pages} credit(s) per number`);

// 3. Send. Any format works: '+965 9876 5432', '0096598765432', Arabic digits...
const result = await sms.send(EXAMPLE_PHONE, text);
if (result.result === 'OK') {
  // Save these two: msgId for status()/deliveryReport(), balanceAfter instead of calling balance().
  console.log(`Send: OK, msg-id ${result.msgId}, ${result.numbers} number(s), ${result.pointsCharged} point(s)`);
  console.log(`Balance after: ${result.balanceAfter} (cached: ${sms.cachedBalance})`);
} else {
  // `action` is for you, the developer; never show codes to end users (see 05).
  console.error(`Send: ${result.result} [${result.code}] ${result.description}\n  -> ${result.action}`);
}
for (const { input, error } of result.invalid) console.error(`Skipped ${input}: ${error}`);

// 4. Where the message is. Test-mode messages stay queued (ERR030): that is expected.
if (result.msgId !== undefined) {
  const status = await sms.status(result.msgId);
  console.log(
    status.result === 'OK'
      ? `Status: ${status.status} (${status.statusDescription})`
      : `Status: ${status.code} ${status.description}${sms.testMode ? ' (expected in test mode)' : ''}`,
  );
}
