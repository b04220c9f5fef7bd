/**
 * Injected failures: what the gateway, a proxy or the network does on a bad
 * day, so a client's error paths can be tested without waiting for one.
 */

import type { Fault } from './types.js';
import { apiError, jsonResponse } from './wire.js';

const HTTP_FAULTS = {
  HTTP_500: 'Internal Server Error',
  HTTP_502: 'Bad Gateway',
  HTTP_503: 'Service Unavailable',
} as const;

const OTHER_FAULTS: ReadonlySet<string> = new Set(['NETWORK', 'TIMEOUT', 'BAD_JSON', 'EMPTY']);

// What a PHP backend prints when a notice slips out ahead of the JSON: the body a client most often fails to parse.
const BROKEN_JSON =
  '<br />\n<b>Notice</b>:  Undefined index: mobile in <b>/var/www/api/index.php</b> on line <b>42</b><br />\n{"result":"OK",';

/** Whether a value names a fault `failNext` accepts; checked at run time because JavaScript callers skip the types. */
export function isFault(value: unknown): value is Fault {
  if (typeof value !== 'string') return false;
  return /^ERR\d{3}$/.test(value) || Object.hasOwn(HTTP_FAULTS, value) || OTHER_FAULTS.has(value);
}

/**
 * The response a fault answers with; `undefined` for `'NETWORK'` and `'TIMEOUT'`,
 * which have no response at all.
 */
export function faultResponse(fault: Fault): Response | undefined {
  if (fault === 'NETWORK' || fault === 'TIMEOUT') return undefined;
  if (fault === 'BAD_JSON') return rawResponse(200, BROKEN_JSON, 'application/json');
  if (fault === 'EMPTY') return rawResponse(200, '', 'application/json');
  if (fault === 'HTTP_500' || fault === 'HTTP_502' || fault === 'HTTP_503') {
    const status = Number(fault.slice('HTTP_'.length));
    return rawResponse(status, htmlPage(status, HTTP_FAULTS[fault]), 'text/html; charset=utf-8');
  }
  return jsonResponse(apiError(fault));
}

/** `fetch` rejects this way when the connection fails; the cause says it was staged, for whoever debugs the test. */
export function networkError(): TypeError {
  return new TypeError('fetch failed', { cause: new Error('kwtsms fake gateway: NETWORK fault injected by state.failNext') });
}

function rawResponse(status: number, body: string, contentType: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': contentType } });
}

function htmlPage(status: number, reason: string): string {
  return (
    `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n` +
    `<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
  );
}
