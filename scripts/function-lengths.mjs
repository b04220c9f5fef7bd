// Lists the functions in src/ longer than a limit, longest first, using the TypeScript parser.
//
//   node scripts/function-lengths.mjs              functions over 40 lines
//   node scripts/function-lengths.mjs --max 60     exit 1 when any function is over 60 lines
//   node scripts/function-lengths.mjs --over 20    list functions over 20 lines
//
// A function's length is the lines from its first line to its closing brace. Nested functions are
// measured on their own and also count in their parent's length.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

const over = option('--over', 40);
const max = option('--max', Infinity);

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function nameOf(node) {
  if (node.name !== undefined) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText();
  return '(anonymous)';
}

function functionsIn(path) {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const first = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const last = file.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ file: relative(ROOT, path), line: first + 1, name: nameOf(node), lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const all = sourceFiles(join(ROOT, 'src')).flatMap(functionsIn);
const long = all.filter((fn) => fn.lines > over).sort((a, b) => b.lines - a.lines);
for (const fn of long) process.stdout.write(`${String(fn.lines).padStart(4)}  ${fn.file}:${fn.line}  ${fn.name}\n`);
if (long.length === 0) process.stdout.write(`no function in src/ is longer than ${over} lines\n`);
const tooLong = all.filter((fn) => fn.lines > max);
if (tooLong.length > 0) {
  process.stderr.write(`${tooLong.length} function(s) longer than ${max} lines\n`);
  process.exit(1);
}
