/**
 * 04: an HTTP endpoint that sends SMS, with Hono. `POST /sms/send { phone, message }` validates
 * the input, sends, logs the developer details, and answers end users in plain words with a
 * fitting HTTP status; raw ERR codes never leave the server.
 *
 * Run: npx tsx examples/04-http-endpoint.ts            (sends a few demo requests through app.request, then exits)
 *      npx tsx examples/04-http-endpoint.ts --serve    (listens on 127.0.0.1:$PORT, or any free port)
 * With KWTSMS_USERNAME and KWTSMS_PASSWORD (environment or .env) it uses your account, in test
 * mode unless KWTSMS_TEST_MODE says otherwise; without them, the in-memory fake gateway.
 *
 * Hono runs the same app on Workers, Deno, Bun and Node: export `app` and mount it anywhere.
 */
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { maskPhone, validatePhoneInput, type KwtSMS } from 'kwtsms';
import { createClient } from './client.js';
import { isMain } from './is-main.js';
import { ADMIN_CODES, userMessage } from './user-messages.js';

type Status = 200 | 400 | 429 | 502 | 503;

/** The user's mistake (400), too fast (429), the gateway unreachable (502), or our problem (503). */
function httpStatus(code: string | undefined): Status {
  if (code === 'ERR028') return 429;
  if (code === 'NETWORK' || code === 'TIMEOUT' || code === 'BAD_RESPONSE') return 502;
  const userFault = ['ERR_INVALID_INPUT', 'ERR006', 'ERR009', 'ERR012', 'ERR025', 'ERR026', 'ERR031', 'ERR032'];
  return code !== undefined && userFault.includes(code) ? 400 : 503;
}

/** The app, given its client: tests pass one on the fake gateway. Put your auth and rate limits in front. */
export function createApp(sms: KwtSMS): Hono {
  const app = new Hono();
  app.post('/sms/send', async (c) => {
    const body: unknown = await c.req.json().catch(() => null);
    const { phone, message } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof phone !== 'string' || typeof message !== 'string') {
      return c.json({ ok: false, error: 'Send JSON: { "phone": "+965 9876 5432", "message": "..." }' }, 400);
    }
    // Checked here so a bad number costs no request; the detail quotes only what the user typed.
    const [valid, detail, normalized] = validatePhoneInput(phone);
    if (!valid) return c.json({ ok: false, error: userMessage('ERR_INVALID_INPUT'), detail }, 400);

    const result = await sms.send(normalized, message, { signal: c.req.raw.signal });
    if (result.result === 'OK') {
      return c.json({ ok: true, messageId: result.msgId });
    }
    // Full details for you; an alert when only an admin can fix it (credentials, credits, account).
    console.error(`[sms] ${maskPhone(normalized)}: ${result.code} ${result.description} -> ${result.action}`);
    if (result.code !== undefined && ADMIN_CODES.has(result.code)) console.error(`[admin alert] kwtSMS needs attention: ${result.code}`);
    return c.json({ ok: false, error: userMessage(result.code) }, httpStatus(result.code));
  });
  return app;
}

/** Node's http server in front of `app.fetch`, by hand (what @hono/node-server does for you). */
async function serve(app: Hono, port: number): Promise<void> {
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    const chunks: Uint8Array[] = [];
    req.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    req.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        body: hasBody ? Buffer.concat(chunks) : null,
      });
      void Promise.resolve(app.fetch(request)).then(async (response) => {
        response.headers.forEach((value, name) => res.setHeader(name, value));
        res.writeHead(response.status);
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  server.listen(port, '127.0.0.1', () => {
    console.log(`Listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/sms/send (Ctrl+C to stop)`);
  });
}

if (isMain(import.meta.url)) {
  const { sms, fake } = createClient();
  const app = createApp(sms);
  if (process.argv.includes('--serve')) {
    await serve(app, Number(process.env.PORT ?? 0));
  } else {
    const post = async (body: unknown): Promise<void> => {
      const response = await app.request('/sms/send', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      console.log(`POST /sms/send ${typeof body === 'string' ? body : JSON.stringify(body)}\n  -> ${response.status} ${await response.text()}`);
    };
    await post({ phone: '+965 9876 5432', message: 'Your order #1042 has shipped.' });
    await post({ phone: '٩٦٥٩٨٧٦٥٤٣٢', message: 'And again, at once.' }); // same number within 15 s: ERR028
    await post({ phone: '12345', message: 'Hello' });
    await post({ phone: '96550000001', message: '😀🎉' }); // nothing left after removing emojis: ERR009
    await post('this is not JSON');
    if (fake !== undefined) {
      fake.state.balance = 0; // staged: the account runs dry
      await post({ phone: '96550000002', message: 'Hello' });
    }
  }
}
