// Smoke-tests the package as users get it: `npm pack`, install the tarball into a
// scratch project, then run the same scenario (fixtures/ + scenario.mjs) in Node
// (ESM and CJS), Deno, Bun, Cloudflare workerd (with and without nodejs_compat)
// and headless Chromium, and type-check a consumer under node16 and bundler
// resolution. Every runtime talks over real HTTP to its own fake gateway from the
// packed `kwtsms/testing`, served on 127.0.0.1. A runtime that cannot start FAILS.
// Each one also hashes the pure helpers' answers on every code point; any hash
// that differs from Node's (ESM) fails the run.
//
//   node test/runtimes/run.mjs            after `npm run build`
//   node test/runtimes/run.mjs --keep     keep the scratch directory for a post-mortem
//   node test/runtimes/run.mjs --only=deno,bun
//
// Needs no network: the install is --offline and the package has no dependencies.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const SCENARIO = fileURLToPath(new URL('./scenario.mjs', import.meta.url));
const BIN = (name) => join(ROOT, 'node_modules', '.bin', name);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WORKERD_COMPAT_DATE = '2025-11-01';
const RUNTIME_TIMEOUT_MS = 90_000;
const TOTAL_TIMEOUT_MS = 4 * 60_000;

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;

// ---------------------------------------------------------------- processes

/** Every child still running, killed (whole process group) on any exit path. */
const children = new Set();
/** Every server and browser still open, closed at the end. */
const cleanups = [];

function killChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL'); // detached: the child leads its own process group
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

process.on('exit', () => {
  for (const child of children) killChild(child);
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    for (const child of children) killChild(child);
    process.exit(130);
  });
}

/** A child environment without the runner's own KWTSMS_* variables. */
function childEnv(extra = {}) {
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const name of Object.keys(env)) if (name.startsWith('KWTSMS_')) delete env[name];
  return { ...env, ...extra };
}

/** Starts a long-lived child; its output is collected into `out`. */
function startChild(cmd, argv, { cwd, env }) {
  const child = spawn(cmd, argv, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += d));
  child.stderr.on('data', (d) => (out.stderr += d));
  const exited = new Promise((resolveExit) => {
    child.on('error', (error) => {
      out.stderr += `\nspawn error: ${error.message}`;
      children.delete(child);
      resolveExit({ code: null, signal: null, error });
    });
    child.on('close', (code, signal) => {
      children.delete(child);
      resolveExit({ code, signal });
    });
  });
  return { child, out, exited };
}

/** Runs a command to completion (or kills it after `timeoutMs`). */
async function runCommand(cmd, argv, { cwd = ROOT, env = childEnv(), timeoutMs = RUNTIME_TIMEOUT_MS } = {}) {
  const { child, out, exited } = startChild(cmd, argv, { cwd, env });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killChild(child);
  }, timeoutMs);
  const { code, signal, error } = await exited;
  clearTimeout(timer);
  return { code, signal, error, timedOut, stdout: out.stdout, stderr: out.stderr };
}

function describeExit(r) {
  if (r.error) return `could not start: ${r.error.message}`;
  if (r.timedOut) return 'timed out';
  return `exit ${r.code ?? r.signal}`;
}

function tail(text, lines = 25) {
  return text.trim().split('\n').slice(-lines).join('\n');
}

async function firstLine(cmd, argv) {
  const r = await runCommand(cmd, argv, { timeoutMs: 20_000 });
  if (r.code !== 0) throw new Error(`${cmd} ${argv.join(' ')}: ${describeExit(r)}\n${tail(r.stderr)}`);
  return r.stdout.trim().split('\n')[0];
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForPort(port, exited, timeoutMs) {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error('the process exited before listening');
    const ok = await new Promise((resolveConnect) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolveConnect(true);
      });
      socket.once('error', () => resolveConnect(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

// ---------------------------------------------------------------- scratch project

async function packAndInstall(work) {
  const pack = await runCommand('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { timeoutMs: 60_000 });
  if (pack.code !== 0) throw new Error(`npm pack: ${describeExit(pack)}\n${tail(pack.stderr)}`);
  const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')));
  const tarball = join(work, info.filename);

  const app = join(work, 'app');
  await mkdir(app);
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({ name: 'kwtsms-runtime-check', version: '0.0.0', private: true, type: 'module' }, null, 2),
  );
  const install = await runCommand(
    'npm',
    ['install', '--no-audit', '--no-fund', '--offline', '--ignore-scripts', '--no-package-lock', tarball],
    { cwd: app, timeoutMs: 60_000 },
  );
  if (install.code !== 0) throw new Error(`npm install: ${describeExit(install)}\n${tail(install.stderr)}`);
  for (const name of ['main.mjs', 'main.cjs', 'worker.mjs', 'browser.mjs', 'index.html', 'fake.mjs', 'consumer.ts', 'consumer.cts']) {
    await copyFile(join(FIXTURES, name), join(app, name));
  }
  await copyFile(SCENARIO, join(app, 'scenario.mjs'));
  return { app, tarball, files: info.files.map((f) => f.path) };
}

// ---------------------------------------------------------------- runtimes

const USERNAME = 'runtime-user';
const PASSWORD = `p@ss#${randomBytes(6).toString('hex')}`;
let scenarioModule; // scenario.mjs, for its constants
let createFakeGateway; // from the packed kwtsms/testing

/** A fresh fake gateway on 127.0.0.1 per runtime: balances and the 15-second rule never interfere. */
async function startFake() {
  const fake = createFakeGateway({ username: USERNAME, password: PASSWORD, balance: scenarioModule.FAKE_BALANCE });
  const server = await fake.serve({ port: 0 });
  cleanups.push(() => server.close());
  return { fake, server };
}

/** What the gateway itself saw: exactly the one cleaned live message the scenario sent. */
function checkGatewaySide(fake, result) {
  const problems = [];
  const sent = fake.state.sent;
  const expected = [
    { msgId: result.msgId, numbers: [scenarioModule.PHONE], message: scenarioModule.EXPECTED_TEXT, sender: 'KWT-SMS', test: false },
  ];
  if (JSON.stringify(sent) !== JSON.stringify(expected)) {
    problems.push(`gateway received ${JSON.stringify(sent)}, expected ${JSON.stringify(expected)}`);
  }
  if (fake.state.balance !== scenarioModule.FAKE_BALANCE - 1) problems.push(`gateway balance is ${fake.state.balance}`);
  return problems;
}

function parseResultLine(stdout) {
  const line = stdout.split('\n').find((l) => l.startsWith('KWTSMS_RESULT '));
  return line === undefined ? undefined : JSON.parse(line.slice('KWTSMS_RESULT '.length));
}

/** Runs a scenario entry in a CLI runtime (node, deno, bun) and checks its answer. */
async function cliRuntime(cmd, argv, app, extraEnv = {}) {
  const { fake, server } = await startFake();
  const env = childEnv({
    KWTSMS_USERNAME: USERNAME,
    KWTSMS_PASSWORD: PASSWORD,
    KWTSMS_FAKE_URL: server.url,
    ...extraEnv,
  });
  const r = await runCommand(cmd, typeof argv === 'function' ? argv(server) : argv, { cwd: app, env });
  const result = parseResultLine(r.stdout);
  if (r.code !== 0 || result === undefined) {
    return { ok: false, detail: `${describeExit(r)}, no result\n${tail(r.stderr || r.stdout)}` };
  }
  return judge(result, fake);
}

function judge(result, fake) {
  if (result.error) return { ok: false, detail: result.error, result };
  const problems = Array.isArray(result.failures) ? [...result.failures] : ['the scenario returned no failures list'];
  if (result.msgId) problems.push(...checkGatewaySide(fake, result));
  return { ok: problems.length === 0, detail: problems.join('\n'), result };
}

async function nodeEsm({ app }) {
  return { version: `node ${process.version}`, ...(await cliRuntime(process.execPath, ['main.mjs'], app)) };
}

async function nodeCjs({ app }) {
  return { version: `node ${process.version}`, ...(await cliRuntime(process.execPath, ['main.cjs'], app)) };
}

async function deno({ app, work }) {
  const version = await firstLine(BIN('deno'), ['--version']);
  const envNames = ['KWTSMS_USERNAME', 'KWTSMS_PASSWORD', 'KWTSMS_SENDER_ID', 'KWTSMS_TEST_MODE', 'KWTSMS_LOG_FILE', 'KWTSMS_FAKE_URL'];
  const outcome = await cliRuntime(
    BIN('deno'),
    (server) => [
      'run',
      '--no-prompt',
      '--cached-only',
      '--node-modules-dir=manual',
      `--allow-net=127.0.0.1:${server.port}`,
      `--allow-env=${envNames.join(',')}`,
      `--allow-read=${app}`,
      'main.mjs',
    ],
    app,
    {
      DENO_DIR: join(work, 'deno-dir'),
      DENO_NO_UPDATE_CHECK: '1',
      // Anything Deno tried to download would fail here instead of reaching the internet.
      NPM_CONFIG_REGISTRY: 'http://127.0.0.1:9/',
    },
  );
  return { version, ...outcome };
}

async function bun({ app }) {
  const version = `bun ${await firstLine(BIN('bun'), ['--version'])}`;
  return { version, ...(await cliRuntime(BIN('bun'), ['--no-install', 'run', 'main.mjs'], app)) };
}

async function esbuildBundle(app, entry, outfile) {
  const esbuild = await import(pathToFileURL(join(ROOT, 'node_modules', 'esbuild', 'lib', 'main.js')).href);
  const isWorker = entry === 'worker.mjs';
  await esbuild.build({
    absWorkingDir: app,
    entryPoints: [join(app, entry)],
    outfile: join(app, outfile),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: isWorker ? ['workerd', 'worker', 'browser'] : ['browser'],
    target: 'es2022',
    logLevel: 'silent',
  });
}

function capnpString(s) {
  return JSON.stringify(s); // ASCII only here: JSON and Cap'n Proto text agree
}

/** workerd: one Worker without compatibility flags, one with nodejs_compat (process and node: built-ins). */
async function workerdRuntimes({ app }) {
  const version = await firstLine(BIN('workerd'), ['--version']);
  await esbuildBundle(app, 'worker.mjs', 'worker.bundle.mjs');
  const variants = [
    { name: 'plain', flags: [] },
    { name: 'compat', flags: ['nodejs_compat'] },
  ];
  for (const v of variants) {
    v.port = await freePort();
    Object.assign(v, await startFake());
  }
  const worker = (v) => `(
  modules = [(name = "worker.mjs", esModule = embed "worker.bundle.mjs")],
  compatibilityDate = "${WORKERD_COMPAT_DATE}",
  compatibilityFlags = [${v.flags.map(capnpString).join(', ')}],
  globalOutbound = "loopback",
  bindings = [
    (name = "KWTSMS_USERNAME", text = ${capnpString(USERNAME)}),
    (name = "KWTSMS_PASSWORD", text = ${capnpString(PASSWORD)}),
    (name = "KWTSMS_FAKE_URL", text = ${capnpString(v.server.url)}),
  ],
)`;
  const config = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
${variants.map((v) => `    (name = "${v.name}", worker = .${v.name}Worker),`).join('\n')}
    # The Worker's global fetch() goes here: loopback only, so it can reach the fake gateway.
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [
${variants.map((v) => `    (name = "${v.name}", address = "127.0.0.1:${v.port}", http = (), service = "${v.name}"),`).join('\n')}
  ],
);
${variants.map((v) => `\nconst ${v.name}Worker :Workerd.Worker = ${worker(v)};`).join('\n')}
`;
  await writeFile(join(app, 'config.capnp'), config);
  const proc = startChild(BIN('workerd'), ['serve', 'config.capnp'], { cwd: app, env: childEnv() });
  const results = [];
  try {
    for (const v of variants) await waitForPort(v.port, proc.exited, 30_000);
    for (const v of variants) {
      const label = v.flags.length === 0 ? 'workerd' : `workerd (${v.flags.join(',')})`;
      try {
        const response = await fetch(`http://127.0.0.1:${v.port}/`, { signal: AbortSignal.timeout(RUNTIME_TIMEOUT_MS) });
        const body = await response.text();
        let result;
        try {
          result = JSON.parse(body);
        } catch {
          results.push({ name: label, version, ok: false, detail: `HTTP ${response.status}: ${body.slice(0, 2000)}` });
          continue;
        }
        results.push({ name: label, version, ...judge(result, v.fake) });
      } catch (error) {
        results.push({ name: label, version, ok: false, detail: `${error.message}\n${tail(proc.out.stderr)}` });
      }
    }
  } catch (error) {
    for (const v of variants) {
      const label = v.flags.length === 0 ? 'workerd' : `workerd (${v.flags.join(',')})`;
      results.push({ name: label, version, ok: false, detail: `${error.message}\n${tail(proc.out.stderr)}` });
    }
  } finally {
    killChild(proc.child);
    await proc.exited;
  }
  for (const r of results) if (!r.ok && proc.out.stderr.trim()) r.detail += `\nworkerd stderr:\n${tail(proc.out.stderr, 15)}`;
  return results;
}

/** A static server for the browser page and its bundle. */
async function serveStatic(dir, files) {
  const server = createHttpServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const name = path === '/' ? 'index.html' : path.slice(1);
    const type = files[name];
    if (type === undefined) {
      response.writeHead(404).end();
      return;
    }
    const body = await readFile(join(dir, name));
    response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return `http://127.0.0.1:${server.address().port}/`;
}

async function chromium({ app }) {
  if (!existsSync(CHROMIUM)) return { version: 'chromium (missing)', ok: false, detail: `no browser at ${CHROMIUM}` };
  await esbuildBundle(app, 'browser.mjs', 'browser.bundle.js');
  const { fake, server } = await startFake();
  const pageUrl = await serveStatic(app, { 'index.html': 'text/html; charset=utf-8', 'browser.bundle.js': 'text/javascript; charset=utf-8' });
  const { chromium: launcher } = createRequire(join(ROOT, 'package.json'))('playwright-core');
  const browser = await launcher.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  cleanups.push(() => browser.close());
  const version = `chromium ${browser.version()}`;
  const logs = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => logs.push(`console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => logs.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
    const query = new URLSearchParams({ baseUrl: server.url, u: USERNAME, p: PASSWORD });
    await page.goto(`${pageUrl}?${query}`, { timeout: 30_000 });
    await page.waitForFunction(() => globalThis.__kwtsmsResult !== undefined, undefined, { timeout: RUNTIME_TIMEOUT_MS });
    const result = await page.evaluate(() => globalThis.__kwtsmsResult);
    const judged = judge(result, fake);
    if (!judged.ok && logs.length > 0) judged.detail += `\n${logs.join('\n')}`;
    return { version, ...judged };
  } catch (error) {
    return { version, ok: false, detail: `${error.message}\n${logs.join('\n')}` };
  } finally {
    await browser.close();
  }
}

const STRICT = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: false, // check the published .d.ts files too
  noEmit: true,
  target: 'ES2022',
};

/** tsc from this repository against the installed package: node16 and node10 (Node typings, no DOM) and bundler (DOM). */
async function typescript({ app }) {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const { version } = JSON.parse(await readFile(join(ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8'));
  const projects = {
    'node16': {
      compilerOptions: {
        ...STRICT,
        module: 'node16',
        moduleResolution: 'node16',
        lib: ['ES2022'],
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules', '@types')],
        resolveJsonModule: true,
      },
      files: ['consumer.ts', 'consumer.cts'],
    },
    // TypeScript's default for `"module": "commonjs"`: no `exports`, only main/types/typesVersions.
    'node10': {
      compilerOptions: {
        ...STRICT,
        module: 'commonjs',
        moduleResolution: 'node10',
        lib: ['ES2022'],
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules', '@types')],
        resolveJsonModule: true,
      },
      files: ['consumer.cts'],
    },
    'bundler': {
      compilerOptions: {
        ...STRICT,
        module: 'ESNext',
        moduleResolution: 'bundler',
        lib: ['ES2022', 'DOM'],
        types: [],
      },
      files: ['consumer.ts'],
    },
  };
  return Promise.all(
    Object.entries(projects).map(async ([name, project]) => {
      const file = `tsconfig.${name}.json`;
      await writeFile(join(app, file), JSON.stringify(project, null, 2));
      const r = await runCommand(process.execPath, [tsc, '-p', file, '--pretty', 'false'], { cwd: app });
      return {
        name: `typescript (${name})`,
        version: `tsc ${version}`,
        ok: r.code === 0,
        detail: r.code === 0 ? '' : `${describeExit(r)}\n${tail(r.stdout + r.stderr, 40)}`,
      };
    }),
  );
}

// ---------------------------------------------------------------- main

const RUNTIMES = [
  ['node-esm', 'node (import)', nodeEsm],
  ['node-cjs', 'node (require)', nodeCjs],
  ['typescript', null, typescript],
  ['deno', 'deno', deno],
  ['bun', 'bun', bun],
  ['workerd', null, workerdRuntimes],
  ['chromium', 'chromium', chromium],
];

async function main() {
  const started = Date.now();
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) {
    console.error('test/runtimes: dist/ is missing: run `npm run build` first.');
    return 1;
  }
  const work = await mkdtemp(join(tmpdir(), 'kwtsms-runtimes-'));
  const rows = [];
  try {
    const { app, tarball, files } = await packAndInstall(work);
    console.log(`packed ${tarball.slice(work.length + 1)} (${files.length} files), installed into ${app}`);
    scenarioModule = await import(pathToFileURL(join(app, 'scenario.mjs')).href);
    ({ createFakeGateway } = await import(pathToFileURL(join(app, 'fake.mjs')).href));

    for (const [id, label, fn] of RUNTIMES) {
      if (only && !only.has(id)) continue;
      const t0 = Date.now();
      let outcome;
      try {
        outcome = await fn({ app, work });
      } catch (error) {
        outcome = { version: '?', ok: false, detail: error && error.stack ? error.stack : String(error) };
      }
      const list = Array.isArray(outcome) ? outcome : [{ name: label, ...outcome }];
      for (const row of list) {
        row.ms = Date.now() - t0;
        rows.push(row);
        const hashNote = row.result?.runtime ? ` [${row.result.runtime}]` : '';
        console.log(`${row.ok ? 'PASS' : 'FAIL'}  ${row.name.padEnd(26)} ${row.version}${hashNote}  (${row.ms} ms)`);
        if (!row.ok) console.log(indent(row.detail));
      }
    }

    // Cross-runtime determinism: every hash must equal Node's (ESM).
    const reference = rows.find((r) => r.name === 'node (import)')?.result?.hashes;
    const hashed = rows.filter((r) => r.result?.hashes);
    if (hashed.length > 0) {
      console.log('\nhashes (SHA-256):');
      const keys = Object.keys(hashed[0].result.hashes);
      for (const key of keys) {
        console.log(`  ${key}`);
        for (const r of hashed) {
          const h = r.result.hashes[key];
          const same = reference === undefined || reference[key] === h;
          console.log(`    ${same ? ' ' : '≠'} ${r.name.padEnd(26)} ${h}`);
          if (!same && r.ok) {
            r.ok = false;
            console.log(`FAIL  ${r.name}: ${key} differs from node (import)`);
          }
        }
      }
    }
    for (const r of rows) {
      if (r.result && !r.result.hashes && r.ok) {
        r.ok = false;
        console.log(`FAIL  ${r.name}: no hashes`);
      }
    }
    if (reference === undefined && (only === null || only.has('node-esm'))) {
      console.log('FAIL  no reference hashes from node (import)');
      rows.push({ name: 'reference', ok: false });
    }
  } catch (error) {
    console.log(`FAIL  setup: ${error && error.stack ? error.stack : String(error)}`);
    rows.push({ name: 'setup', ok: false });
  } finally {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch {
        // best effort: the process group kill below catches the rest
      }
    }
    for (const child of children) killChild(child);
    if (keep) console.log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
  const failed = rows.filter((r) => !r.ok);
  console.log(
    `\n${failed.length === 0 ? 'PASS' : 'FAIL'}: ${rows.length - failed.length}/${rows.length} runtimes passed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return failed.length === 0 && rows.length > 0 ? 0 : 1;
}

function indent(text) {
  return String(text)
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
}

const watchdog = setTimeout(() => {
  console.log(`FAIL  the whole run took more than ${TOTAL_TIMEOUT_MS / 1000} s`);
  process.exit(1); // the 'exit' handler kills every child
}, TOTAL_TIMEOUT_MS);
watchdog.unref();

process.exitCode = await main();
