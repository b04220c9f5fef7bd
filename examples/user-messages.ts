/**
 * What to show END USERS for an error code: never the raw ERR code or the developer-facing
 * `action` (log those for yourself). The table follows the kwtSMS guidance for user-facing errors.
 *
 * Not run on its own; imported as `./user-messages.js` by 04 and 05.
 */

const UNAVAILABLE = 'SMS service is temporarily unavailable. Please try again later.';

const byCode: Readonly<Record<string, string>> = {
  ERR_INVALID_INPUT: 'Please enter a valid phone number in international format (e.g., +965 9876 5432).',
  ERR006: 'Please enter a valid phone number in international format (e.g., +965 9876 5432).',
  ERR025: 'Please enter a valid phone number in international format (e.g., +965 9876 5432).',
  ERR003: UNAVAILABLE, // wrong credentials: log and alert an admin
  ERR010: UNAVAILABLE, // no balance: alert an admin
  ERR011: UNAVAILABLE,
  ERR026: 'SMS delivery to this country is not available.',
  ERR028: 'Please wait a moment before requesting another code.',
  ERR031: 'Your message could not be sent. Please try again with different content.',
  ERR032: 'Your message could not be sent. Please try again with different content.',
  ERR009: 'Your message could not be sent. Please try again with different content.',
  ERR012: 'Your message is too long. Please shorten it.',
  ERR013: 'SMS service is busy. Please try again in a few minutes.', // only after the library's own retries
  NETWORK: 'Could not connect to SMS service.',
  TIMEOUT: 'Could not connect to SMS service.',
  BAD_RESPONSE: 'Could not connect to SMS service.',
  ABORTED: 'The request was cancelled.',
};

/** Which codes mean the operator must act (credentials, credits, account): alert, not just log. */
export const ADMIN_CODES: ReadonlySet<string> = new Set(['ERR001', 'ERR003', 'ERR004', 'ERR005', 'ERR008', 'ERR010', 'ERR011', 'ERR024']);

/** A message safe to show a user for an error `code`; a generic one for anything unlisted. */
export function userMessage(code: string | undefined): string {
  return (code !== undefined && Object.hasOwn(byCode, code) ? byCode[code] : undefined) ?? UNAVAILABLE;
}
