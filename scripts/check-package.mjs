// Checks the package as npm would publish it (run after `npm run build`):
//
//   1. every file package.json points at (main, module, types, typesVersions,
//      each `exports` condition, bin) is in the tarball, and a bin starts with a
//      `#!/usr/bin/env node` line;
//   2. our packaging rules (see CONTRIBUTING.md): type module, sideEffects false, files
//      ["dist"], no `dependencies`, engines.node, a `types` condition in every
//      `exports` entry, nothing but dist/, package.json, README and LICENSE packed;
//   3. only kwtsms/bullmq imports bullmq, as an external package (never bundled);
//   4. `publint --strict` and `attw --pack .` (the types every resolution mode sees).
//
//   node scripts/check-package.mjs
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const problems = [];
const say = (text) => process.stdout.write(`${text}\n`);

function run(cmd, args, { echo = true } = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  if (echo) process.stdout.write(r.stdout + (r.status === 0 ? '' : r.stderr));
  return r;
}

// What `npm pack` would put in the tarball.
const pack = run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { echo: false });
if (pack.status !== 0) {
  say(`npm pack --dry-run failed:\n${pack.stderr}`);
  process.exit(1);
}
const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')));
const packed = new Set(info.files.map((f) => f.path));
say(`${info.name}@${info.version}: ${info.files.length} files, ${(info.size / 1024).toFixed(1)} KB packed, ${(info.unpackedSize / 1024).toFixed(1)} KB unpacked`);

const clean = (path) => path.replace(/^\.\//, '');

/** Every path string under an exports/typesVersions value, with where it came from. */
function targets(value, where, out = []) {
  if (typeof value === 'string') out.push([where, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => targets(v, `${where}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) targets(v, `${where}.${k}`, out);
  return out;
}

const pointers = [
  ...['main', 'module', 'types', 'typings'].filter((k) => typeof pkg[k] === 'string').map((k) => [k, pkg[k]]),
  ...targets(pkg.exports ?? {}, 'exports'),
  ...targets(pkg.typesVersions ?? {}, 'typesVersions'),
  ...(typeof pkg.bin === 'string' ? [['bin', pkg.bin]] : Object.entries(pkg.bin ?? {}).map(([k, v]) => [`bin.${k}`, v])),
];
for (const [where, path] of pointers) {
  if (path.includes('*')) continue;
  if (!packed.has(clean(path))) problems.push(`${where} points at ${path}, which is not in the tarball (build first?)`);
}
for (const [where, path] of pointers.filter(([w]) => w.startsWith('bin'))) {
  if (!packed.has(clean(path))) continue;
  const first = readFileSync(join(ROOT, path), 'utf8').split('\n', 1)[0];
  if (first !== '#!/usr/bin/env node') problems.push(`${where} (${path}) does not start with #!/usr/bin/env node`);
}

// The packaging rules.
if (pkg.type !== 'module') problems.push('"type" is not "module"');
if (pkg.sideEffects !== false) problems.push('"sideEffects" is not false');
if (JSON.stringify(pkg.files) !== JSON.stringify(['dist'])) problems.push('"files" is not ["dist"]');
if ('dependencies' in pkg) problems.push('package.json has a "dependencies" key (the library has zero runtime dependencies)');
if (typeof pkg.engines?.node !== 'string') problems.push('engines.node is not set');
for (const [subpath, entry] of Object.entries(pkg.exports ?? {})) {
  if (subpath === './package.json') continue;
  for (const condition of ['import', 'require']) {
    if (typeof entry?.[condition]?.types !== 'string') problems.push(`exports["${subpath}"].${condition} has no "types"`);
    else if (Object.keys(entry[condition])[0] !== 'types') problems.push(`exports["${subpath}"].${condition}: "types" must come first`);
  }
}
for (const path of packed) {
  if (!/^(dist\/|package\.json$|README(\.md)?$|LICENSE(\.md)?$|CHANGELOG\.md$)/i.test(path)) problems.push(`unexpected file in the tarball: ${path}`);
  if (/\.(test|spec)\.|\.tsbuildinfo$|\.map$/.test(path)) problems.push(`should not be published: ${path}`);
}

// Only kwtsms/bullmq imports bullmq, and leaves it (and ioredis) to the user's install: the main
// entry and the fake stay dependency-free, and the adapter never bundles a copy of BullMQ.
for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/testing.js', 'dist/testing.cjs']) {
  if (packed.has(file) && /\b(bullmq|ioredis)\b/.test(readFileSync(join(ROOT, file), 'utf8'))) problems.push(`${file} mentions bullmq or ioredis`);
}
for (const [file, imports] of [
  ['dist/bullmq.js', /^import \{[^}]*\} from 'bullmq';$/m],
  ['dist/bullmq.cjs', /require\('bullmq'\)/],
]) {
  if (!packed.has(file)) continue;
  const code = readFileSync(join(ROOT, file), 'utf8');
  if (!imports.test(code)) problems.push(`${file} does not import bullmq as an external package`);
  if (/class (Worker|Queue|QueueEvents)\b|require\('ioredis'\)|from 'ioredis'/.test(code)) problems.push(`${file} bundles BullMQ or ioredis`);
}

say('\n$ publint --strict');
if (run(join(ROOT, 'node_modules', '.bin', 'publint'), ['--strict']).status !== 0) problems.push('publint --strict reported problems');
say('\n$ attw --pack .');
if (run(join(ROOT, 'node_modules', '.bin', 'attw'), ['--pack', '.', '--format', 'table-flipped']).status !== 0) {
  problems.push('attw --pack . reported problems');
}

if (problems.length > 0) {
  say(`\ncheck-package: FAIL\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
say('\ncheck-package: all good');
