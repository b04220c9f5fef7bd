/**
 * Error codes and the developer-facing action for each. The gateway's codes
 * are ERR001–ERR013 and ERR019–ERR033 (ERR014–ERR018 are not defined by the
 * API); the library adds its own for failures that never reach the gateway.
 */

const table = {
  ERR001: 'The API is disabled on this account. Enable it at kwtsms.com > Account > API.',
  ERR002: 'A required parameter is missing. Check that username, password, sender, mobile and message are all set.',
  ERR003:
    'Wrong API username or password. Check KWTSMS_USERNAME and KWTSMS_PASSWORD: they are your API credentials, not your account mobile number.',
  ERR004: 'This account has no API access. Contact kwtSMS support to enable it.',
  ERR005: 'This account is blocked. Contact kwtSMS support.',
  ERR006:
    'No valid phone number in the request. Include the country code on every number (96598765432 for Kuwait, not 98765432).',
  ERR007: 'Too many numbers in one request (at most 200). Split the list into batches of 200.',
  ERR008: 'This sender ID is banned or not registered on the account. Use a sender ID listed by senderIds().',
  ERR009: 'The message is empty (after removing emojis, HTML and hidden characters). Provide some text.',
  ERR010: 'The account balance is zero. Recharge credits at kwtsms.com.',
  ERR011: 'Not enough credits for this send. Buy more credits at kwtsms.com.',
  ERR012: 'The message is longer than 7 pages. Shorten it; messageInfo() tells the page count before sending.',
  ERR013: 'The send queue is full. The library retries this automatically; if it persists, try again in a few minutes.',
  ERR019: 'No delivery reports were found for this message.',
  ERR020: 'This message ID does not exist. Use the msg-id saved from the send result.',
  ERR021: 'No delivery report is available for this message (Kuwait numbers have none).',
  ERR022: 'Delivery reports are not ready yet. Try again after 24 hours.',
  ERR023: 'Unknown delivery report error. Contact kwtSMS support.',
  ERR024: 'Your IP address is not on the API whitelist. Add it at kwtsms.com > Account > API > IP Lockdown, or turn the lockdown off.',
  ERR025: 'Invalid phone number. Include the country code (96598765432 for Kuwait, not 98765432).',
  ERR026: 'This country is not activated on the account. Ask kwtSMS support to activate it; coverage() lists the active ones.',
  ERR027: 'HTML tags are not allowed in the message. Remove them (cleanMessage() does) and send again.',
  ERR028:
    'The same number was sent a message less than 15 seconds ago. Wait 15 seconds before sending to it again; no credits were charged.',
  ERR029: 'This message ID does not exist or is mistyped. Use the msg-id saved from the send result.',
  ERR030:
    'The message is stuck in the send queue with an error (test-mode messages stay there). Delete it at kwtsms.com > Queue to release its credits.',
  ERR031: 'The message was rejected for bad language. Change the wording.',
  ERR032: 'The message was rejected as spam. Change the wording.',
  ERR033: 'No active coverage on this account. Contact kwtSMS support.',
  ERR_INVALID_INPUT: 'No valid phone number after local validation. See `invalid` for the reason each one was rejected.',
  NETWORK: 'Could not reach the kwtSMS API. Check the network, DNS and any proxy or firewall, then try again.',
  TIMEOUT:
    'The kwtSMS API did not answer in time. The message may have been sent: check status() or the queue before sending again, or raise timeoutMs.',
  ABORTED: 'The call was cancelled by your AbortSignal. Nothing was retried.',
  BAD_RESPONSE:
    'The kwtSMS API answered with something that is not its documented JSON (an HTML error page, a proxy, or a truncated body). Try again later; check baseUrl.',
} as const;

/** An error code the library knows: the gateway's `ERRnnn` codes and the library's own. */
export type ApiErrorCode = keyof typeof table;

/**
 * Every error code the library knows, mapped to a developer-facing action. Frozen.
 *
 * @example
 * import { apiErrors } from 'kwtsms';
 * apiErrors.ERR003; // 'Wrong API username or password. ...'
 */
export const apiErrors: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze(table);

/** The action given for a code the table does not know. */
export const GENERIC_ACTION = 'Unexpected error from the kwtSMS API. Check the code in the kwtSMS API documentation or contact kwtSMS support.';

/**
 * The action for an error code, or `undefined` when the code is not an own key of `apiErrors`
 * (so `'constructor'` and `'__proto__'` get nothing).
 *
 * @example
 * import { actionFor } from 'kwtsms';
 * actionFor('ERR028'); // 'The same number was sent a message less than 15 seconds ago. ...'
 */
export function actionFor(code: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(apiErrors, code) ? apiErrors[code] : undefined;
}

/**
 * Adds a developer-facing `action` to an error response. Returns a new object (never mutates);
 * OK responses and unknown codes come back unchanged.
 *
 * @param response a gateway response such as `{ result: 'ERROR', code: 'ERR003', description }`
 * @returns the same fields plus `action` when the code is known
 * @example
 * import { enrichError } from 'kwtsms';
 * const r = enrichError({ result: 'ERROR', code: 'ERR003', description: 'Authentication error' });
 * r.action; // 'Wrong API username or password. ...'
 */
export function enrichError<T extends { result?: string; code?: string }>(response: T): T & { action?: string } {
  if (response === null || typeof response !== 'object') return response;
  if (response.result === 'OK' || typeof response.code !== 'string') return response;
  const action = actionFor(response.code);
  return action === undefined ? response : { ...response, action };
}
