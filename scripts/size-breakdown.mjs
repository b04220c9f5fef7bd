// Where the bytes of the whole-entry browser bundle go: the "profile" behind scripts/size.mjs.
//
//   node scripts/size-breakdown.mjs          a table
//   node scripts/size-breakdown.mjs --json   the same figures as JSON
//
// The bundle is made as size.mjs makes it (esbuild, browser, ESM, minified, gzip -9), from src/index.ts
// rather than dist/index.js, since the built file no longer tells its modules apart; the two differ by
// about 1 %.
// - Per module: what removing that module's code from the bundle saves in gzip bytes. The column
//   does not add up to the total: gzip shares its dictionary between modules.
// - Code against text: the bundle again with the contents of every string and template literal
//   emptied (code alone), and those contents alone (text alone). Text is the country table, the
//   emoji range table, the action for every error code, and the messages.
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ENTRY = join(ROOT, 'src', 'index.ts');

const gzip = (text) => gzipSync(text, { level: 9 }).byteLength;
const minifyWhitespace = async (code) => (await transform(code, { minifyWhitespace: true, loader: 'js' })).code;

/** The whole entry minified but for whitespace, so the `// src/...` region comments survive to split on. */
async function bundleWithRegions() {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    minifySyntax: true,
    minifyIdentifiers: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Splits the bundle into its `// src/...` regions and the closing export clause. */
function regions(text) {
  const exportAt = text.search(/^export \{/m);
  const body = exportAt === -1 ? text : text.slice(0, exportAt);
  return body
    .split(/(?=^\/\/ src\/)/m)
    .filter((part) => part.startsWith('// src/'))
    .map((part) => ({ name: part.slice(3, part.indexOf('\n')), code: part }));
}

/** The source with every string literal's and template chunk's contents removed, and those contents. */
function splitText(code) {
  const file = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const spans = [];
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      spans.push([node.getStart(file) + 1, node.getEnd() - 1]);
    } else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      // Head `...${, middle }...${, tail }...`: the delimiters are 1 or 2 characters each side.
      const start = node.getStart(file) + 1;
      const end = node.getEnd() - (ts.isTemplateTail(node) ? 1 : 2);
      spans.push([start, end]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  spans.sort((a, b) => a[0] - b[0]);
  let codeOnly = '';
  let textOnly = '';
  let at = 0;
  for (const [start, end] of spans) {
    codeOnly += code.slice(at, start);
    textOnly += `${code.slice(start, end)}\n`;
    at = end;
  }
  return { codeOnly: codeOnly + code.slice(at), textOnly };
}

async function main() {
  const text = await bundleWithRegions();
  const parts = regions(text);
  const whole = await minifyWhitespace(parts.map((p) => p.code).join(''));
  const total = gzip(whole);
  const modules = [];
  for (const part of parts) {
    const without = await minifyWhitespace(parts.filter((p) => p !== part).map((p) => p.code).join(''));
    const alone = await minifyWhitespace(part.code);
    modules.push({ module: part.name, marginalGzip: total - gzip(without), aloneGzip: gzip(alone), aloneRaw: alone.length });
  }
  modules.sort((a, b) => b.marginalGzip - a.marginalGzip);
  const { codeOnly, textOnly } = splitText(whole);
  const split = { total, codeOnlyGzip: gzip(codeOnly), textOnlyGzip: gzip(textOnly) };

  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ ...split, modules }, null, 2)}\n`);
    return 0;
  }
  const rows = modules.map((m) => [m.module, String(m.marginalGzip), String(m.aloneGzip), String(m.aloneRaw)]);
  const header = ['module', 'saved if removed (gz B)', 'alone (gz B)', 'alone (raw B)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n\n`);
  process.stdout.write(
    `whole entry: ${total} B gz (without the export clause)\n` +
      `code alone (every string emptied): ${split.codeOnlyGzip} B gz\n` +
      `text alone (every string's contents): ${split.textOnlyGzip} B gz\n`,
  );
  return 0;
}

process.exitCode = await main();
