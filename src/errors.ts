/**
 * Error codes and the developer-facing action for each. The gateway's codes
 * are ERR001–ERR013 and ERR019–ERR033 (ERR014–ERR018 are not defined by the
 * API); the library adds its own for failures that never reach the gateway.
 * Each action is one sentence: what the developer should do.
 */

const table = {
  ERR001: 'Enable the API at kwtsms.com > Account > API.',
  ERR002: 'Set username, password, sender, mobile and message.',
  ERR003: 'Wrong API username or password: check KWTSMS_USERNAME and KWTSMS_PASSWORD.',
  ERR004: 'Ask kwtSMS support to enable API access.',
  ERR005: 'Account blocked: ask kwtSMS support.',
  ERR006: 'Include the country code (96598765432, not 98765432).',
  ERR007: 'Send at most 200 numbers per request.',
  ERR008: 'Use a sender ID from senderIds().',
  ERR009: 'Provide text that survives cleanMessage().',
  ERR010: 'Recharge at kwtsms.com.',
  ERR011: 'Recharge at kwtsms.com.',
  ERR012: 'Shorten it to 7 pages; messageInfo() counts them.',
  ERR013: 'Queue full: retried automatically.',
  ERR019: 'No report exists for this message.',
  ERR020: 'Use the msg-id of a send result.',
  ERR021: 'No report for this message (Kuwait numbers have none).',
  ERR022: 'Reports are ready 24 hours after sending.',
  ERR023: 'Ask kwtSMS support.',
  ERR024: 'Whitelist your IP at kwtsms.com > Account > API > IP Lockdown.',
  ERR025: 'Include the country code (96598765432, not 98765432).',
  ERR026: 'Ask kwtSMS support to activate this country.',
  ERR027: 'Remove HTML tags (cleanMessage() does).',
  ERR028: 'Wait 15 seconds before sending to the same number again.',
  ERR029: 'Use the msg-id of a send result.',
  ERR030: 'Delete it from the queue at kwtsms.com to free its credits.',
  ERR031: 'Reword the message: it has banned words.',
  ERR032: 'Reword the message: it looks like spam.',
  ERR033: 'Ask kwtSMS support to activate coverage.',
  ERR_INVALID_INPUT: 'See `invalid` for the reasons.',
  NETWORK: 'Check the network and try again.',
  TIMEOUT: 'It may have been sent: check status() before resending.',
  ABORTED: 'Cancelled by your AbortSignal; not retried.',
  BAD_RESPONSE: "Not the API's JSON: try later; check baseUrl.",
  INTERRUPTED: 'Its fate is unknown: check status() or the delivery report before resending.',
} as const;

/** An error code the library knows: the gateway's `ERRnnn` codes and the library's own. */
export type KnownErrorCode = keyof typeof table;

/**
 * The `code` of an error result: one the library knows, or any other code the gateway may send
 * (kept open, so a new gateway code still type-checks and passes through).
 *
 * @example
 * import type { ErrorCode } from 'kwtsms';
 * const retryable = (code: ErrorCode) => code === 'ERR013' || code === 'ERR028';
 */
export type ErrorCode = KnownErrorCode | (string & {});

/**
 * Every error code the library knows, mapped to a developer-facing action. Frozen.
 *
 * @example
 * import { apiErrors } from 'kwtsms';
 * apiErrors.ERR003; // 'Wrong API username or password: check KWTSMS_USERNAME and KWTSMS_PASSWORD.'
 */
export const apiErrors: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze(table);

/** The action given for a code the table does not know. */
export const GENERIC_ACTION = 'See the kwtSMS API docs for this code.';

/**
 * The action for an error code, or `undefined` when the code is not an own key of `apiErrors`
 * (so `'constructor'` and `'__proto__'` get nothing). Internal: not exported from the package.
 *
 * @example
 * actionFor('ERR028'); // 'Wait 15 seconds before sending to the same number again.'
 */
export function actionFor(code: string): string | undefined {
  return Object.hasOwn(apiErrors, code) ? apiErrors[code] : undefined;
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
 * r.action; // 'Wrong API username or password: ...'
 */
export function enrichError<T extends { result?: string; code?: string }>(response: T): T & { action?: string } {
  if (response === null || typeof response !== 'object') return response;
  if (response.result === 'OK' || typeof response.code !== 'string') return response;
  const action = actionFor(response.code);
  return action === undefined ? response : { ...response, action };
}

/** The gateway answered `result: 'OK'`; `data` is its JSON object. */
export interface ApiSuccess {
  ok: true;
  data: Record<string, unknown>;
}

/** The gateway answered an error, or no usable answer came. */
export interface ApiFailure {
  ok: false;
  code: ErrorCode;
  description: string;
  action: string;
  cause?: unknown;
  /** The gateway's JSON error body, when there was one. */
  data?: Record<string, unknown>;
}

export type ApiOutcome = ApiSuccess | ApiFailure;

/**
 * A failure value with the action for its code (a generic one for codes the library does not know).
 *
 * @example
 * // internal: src/errors.ts
 * failure('ERR003', 'Authentication error').action; // 'Wrong API username or password. ...'
 */
export function failure(code: ErrorCode, description: string, cause?: unknown): ApiFailure {
  // `cause` only when there is one, so results without one have no such key.
  return { ok: false, code, description, action: actionFor(code) ?? GENERIC_ACTION, ...(cause !== undefined && { cause }) };
}
