/**
 * 02: a one-time password, the simple way. Generate a code with a secure random source, validate
 * the phone number locally, send "Your OTP for MYAPP is: 123456", save msg-id and balance-after.
 * For rate limits, hashing, expiry and resend rules, see 06-otp-production.ts.
 *
 * Run: npx tsx examples/02-otp-flow.ts [phone]
 * With KWTSMS_USERNAME and KWTSMS_PASSWORD (environment or .env) it uses your account, in test
 * mode unless KWTSMS_TEST_MODE says otherwise; without them, the in-memory fake gateway.
 */
import { maskPhone, validatePhoneInput } from 'kwtsms';
import { createClient, EXAMPLE_PHONE } from './client.js';

const APP_NAME = 'MYAPP'; // always name the app: users ignore codes from nobody

/** A uniform 6-digit code: crypto.getRandomValues, never Math.random, and no modulo bias. */
function generateOtp(digits = 6): string {
  const range = 10 ** digits;
  const limit = Math.floor(2 ** 32 / range) * range; // values at or above this would favour low codes
  const buffer = new Uint32Array(1);
  let value: number;
  do value = crypto.getRandomValues(buffer)[0] ?? limit;
  while (value >= limit);
  return String(value % range).padStart(digits, '0');
}

/** Stand-in for your database. */
const db = new Map<string, unknown>();

// What a user typed into the form: Arabic digits, spaces and '+' are all fine.
const userInput = process.argv[2] ?? EXAMPLE_PHONE;

// 1. Validate locally first: an invalid number costs no request and no credit.
const [valid, error, phone] = validatePhoneInput(userInput);
if (!valid) {
  console.log(`Rejected before any request: ${error}`);
  process.exit(0);
}
console.log(`Phone: '${userInput}' -> ${phone} (shown as ${maskPhone(phone)})`);

// A few inputs the same check refuses, with the reason you can show the user:
for (const bad of ['123', 'user@example.com', '96512345678', '+965 9876 543']) {
  console.log(`  '${bad}': ${validatePhoneInput(bad)[1]}`);
}

// 2. A fresh code per request; store it (hashed, in production) with an expiry.
const code = generateOtp();
db.set(`otp:${phone}`, { code, expiresAt: Date.now() + 5 * 60_000 });

// 3. One number per OTP send: never batch OTPs.
const { sms, fake } = createClient();
const result = await sms.send(phone, `Your OTP for ${APP_NAME} is: ${code}`);

// 4. Save msg-id (for status/delivery reports) and balance-after (no extra balance() call).
if (result.result === 'OK') {
  db.set(`sms:${phone}:msgId`, result.msgId);
  db.set('sms:balance', result.balanceAfter);
  console.log(`OTP sent to ${maskPhone(phone)}: msg-id ${result.msgId}, balance after ${result.balanceAfter}`);
  console.log(`Saved: ${JSON.stringify(Object.fromEntries([...db].filter(([key]) => key.startsWith('sms:'))))}`);
  // Offline only: what the handset would show. Never log a real code.
  if (fake !== undefined) console.log(`The fake gateway received: "${fake.state.sent.at(-1)?.message}"`);
} else {
  // Log the details for yourself; tell the user something plain (see 04 and 05).
  console.error(`OTP not sent [${result.code}] ${result.description} -> ${result.action}`);
  process.exitCode = 1;
}
