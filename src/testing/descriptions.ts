/**
 * The `description` the fake puts beside each error code. These are the
 * gateway's short words, not the library's developer-facing actions
 * (`src/errors.ts`): a client under test must add its own action, so the fake
 * must not do that work for it.
 */
const descriptions: Readonly<Record<string, string>> = Object.freeze({
  ERR001: 'API is disabled for this account',
  ERR002: 'A required parameter is missing',
  ERR003: 'Authentication error, username or password are not correct',
  ERR004: 'This account has no API access',
  ERR005: 'This account is blocked',
  ERR006: 'No valid numbers in the request',
  ERR007: 'Too many numbers in one request, the limit is 200',
  ERR008: 'This sender ID is banned or not found',
  ERR009: 'The message is empty',
  ERR010: 'Account balance is zero',
  ERR011: 'Not enough balance for this send',
  ERR012: 'The message is too long, the limit is 7 pages',
  ERR013: 'The send queue is full, try again later',
  ERR019: 'No delivery reports found',
  ERR020: 'Message ID does not exist',
  ERR021: 'No delivery report for this message',
  ERR022: 'Delivery reports are not ready yet, try again after 24 hours',
  ERR023: 'Unknown delivery report error',
  ERR024: 'Your IP address is not in the API whitelist',
  ERR025: 'Invalid phone number',
  ERR026: 'This country is not activated on your account',
  ERR027: 'HTML tags are not allowed in the message',
  ERR028: 'You must wait 15 seconds before sending to the same number again',
  ERR029: 'Message ID does not exist or is incorrect',
  ERR030: 'Message is stuck in the send queue with an error, delete it from the queue to recover the credits',
  ERR031: 'Message rejected, bad language',
  ERR032: 'Message rejected, spam',
  ERR033: 'No active coverage found',
});

/**
 * The gateway-style description of an error code; a plain fallback for codes
 * the API does not define, so an injected `'ERR099'` still gets a readable answer.
 */
export function descriptionOf(code: string): string {
  return (Object.hasOwn(descriptions, code) ? descriptions[code] : undefined) ?? `Error ${code}`;
}
