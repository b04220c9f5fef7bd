/**
 * Type-checks every TypeScript code block of README.md against the BUILT package, as a user who
 * copies it would compile it (`import { KwtSMS } from 'kwtsms'` resolves to dist/ through the
 * package's own `exports`, so run `npx tsup` first).
 *
 * How it works: each ```ts (or ```typescript) block is written to `.tmp/readme-blocks/` (git-ignored)
 * as its own module (`export {}` is appended, so top-level `await` works and blocks do not see each
 * other's names), and one `tsc --noEmit` run checks them all with `strict`, `module: ESNext`,
 * `target: ES2022`, `moduleResolution: bundler` and Node's types. An error is reported at its line
 * in README.md. README.md must hold at least one checked block.
 *
 * Conventions for README authors:
 * - A block may use the placeholders declared in `test/docs/readme-prelude.d.ts` without declaring
 *   them: `sms`, `numbers`, `phones`, `phone`, `userInput`, `msgId`, `message`, `env`, `save()`,
 *   `db`, `logger`, `alertAdmin()`. Add a name there when the README needs a new one.
 * - A block that cannot compile on its own (a fragment, a shell transcript labelled ts, a
 *   deliberately wrong example) is skipped when the line right before its fence (blank lines
 *   allowed) is exactly:
 *     <!-- ts-check: skip -->
 * - Blocks are separate modules: repeat the import lines in each block, as a reader copying one
 *   block would need them anyway.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tsCodeBlocks, type CodeBlock } from './code-blocks.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const readmePath = join(root, 'README.md');
const workDir = join(root, '.tmp', 'readme-blocks');
const prelude = join(root, 'test', 'docs', 'readme-prelude.d.ts');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
/** Lines written before a block's code in its file: the README line N of the block is file line N - fence + HEADER. */
const HEADER = 1;

const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : undefined;
const blocks = readme === undefined ? [] : tsCodeBlocks(readme);
const checked = blocks.filter((block) => !block.skip);
const fileOf = (block: CodeBlock): string => join(workDir, `block-line-${block.line}.ts`);

/** Errors by block fence line, or under 0 for errors outside any block (the prelude, the config). */
const errors = new Map<number, string[]>();

beforeAll(async () => {
  if (checked.length === 0) return;
  if (!existsSync(join(root, 'dist', 'index.d.ts'))) throw new Error('README blocks compile against dist/: run `npx tsup` first.');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  for (const block of checked) {
    writeFileSync(fileOf(block), `// README.md line ${block.line + 1}\n${block.code}\nexport {};\n`);
  }
  const config = {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'bundler',
      lib: ['ES2022', 'DOM'],
      types: ['node'],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
    },
    files: [relative(workDir, prelude), ...checked.map((block) => relative(workDir, fileOf(block)))],
  };
  writeFileSync(join(workDir, 'tsconfig.json'), JSON.stringify(config, null, 2));
  const output = await new Promise<string>((done) => {
    execFile(process.execPath, [tsc, '-p', join(workDir, 'tsconfig.json'), '--pretty', 'false'], { cwd: root }, (_error, stdout, stderr) =>
      done(`${stdout}${stderr}`),
    );
  });
  const byFile = new Map(checked.map((block) => [fileOf(block), block]));
  let current = -1;
  for (const raw of output.split(/\r?\n/)) {
    const match = /^(.+?)\((\d+),(\d+)\): (error TS\d+: .*)$/.exec(raw);
    if (match !== null) {
      const block = byFile.get(resolve(workDir, match[1] ?? '')) ?? byFile.get(resolve(root, match[1] ?? ''));
      current = block?.line ?? -1;
      const where = block === undefined ? match[1] : `README.md:${block.line + Number(match[2]) - HEADER}:${match[3]}`;
      errors.set(current, [...(errors.get(current) ?? []), `${where} ${match[4]}`]);
    } else if (raw.trim() !== '') {
      // tsc's continuation lines ("  Type 'x' is not assignable...") and errors with no file.
      errors.set(current, [...(errors.get(current) ?? []), raw]);
    }
  }
}, 120_000);

describe('README.md code blocks', () => {
  it('README.md exists and has TypeScript blocks to check', () => {
    expect(readme, 'README.md is missing').toBeDefined();
    expect(blocks.length, 'README.md has no ```ts code blocks').toBeGreaterThan(0);
    expect(checked.length, 'every ```ts block in README.md is marked <!-- ts-check: skip -->').toBeGreaterThan(0);
  });

  it('the prelude and the compiler setup have no errors of their own', () => {
    expect(errors.get(-1) ?? []).toEqual([]);
  });

  for (const block of blocks) {
    const firstLine = block.code.split('\n').find((line) => line.trim() !== '') ?? '';
    const title = `block at README.md:${block.line} type-checks (${firstLine.trim().slice(0, 50)})`;
    if (block.skip) {
      // Only Deno snippets may opt out: their globals and `npm:` specifiers do not exist under Node's types.
      it(`block at README.md:${block.line} is Deno-only, so it is not type-checked under Node`, () => {
        expect(block.code).toMatch(/\bDeno\.|from 'npm:/);
      });
    } else {
      it(title, () => {
        const found = errors.get(block.line) ?? [];
        expect(found, `\n${found.join('\n')}\n`).toEqual([]);
      });
    }
  }
});

describe('tsCodeBlocks', () => {
  const sample = [
    '# Title', // 1
    '```ts', // 2
    "import { KwtSMS } from 'kwtsms';", // 3
    '```', // 4
    '<!-- ts-check: skip -->', // 5
    '', // 6
    '```typescript', // 7
    'fragment(', // 8
    '```', // 9
    '```bash', // 10
    'npm i kwtsms', // 11
    '```', // 12
    '1. In a list:', // 13
    '   ```ts', // 14
    '   const a = 1;', // 15
    '     const b = 2;', // 16
    '   ```', // 17
    '````md', // 18
    '```ts', // 19
    'not a block: inside a longer fence', // 20
    '```', // 21
    '````', // 22
    '~~~ts', // 23
    'const tilde = true;', // 24
    '~~~', // 25
  ].join('\n');

  it('finds ts and typescript blocks with their fence line, the skip marker and list indentation', () => {
    expect(tsCodeBlocks(sample)).toEqual([
      { line: 2, code: "import { KwtSMS } from 'kwtsms';", skip: false },
      { line: 7, code: 'fragment(', skip: true },
      { line: 14, code: 'const a = 1;\n  const b = 2;', skip: false },
      { line: 23, code: 'const tilde = true;', skip: false },
    ]);
  });

  it('handles CRLF, an unclosed block and a text with none', () => {
    expect(tsCodeBlocks('```ts\r\nconst x = 1;\r\n```\r\n')).toEqual([{ line: 1, code: 'const x = 1;', skip: false }]);
    expect(tsCodeBlocks('text\n```ts\nconst open = 1;')).toEqual([{ line: 2, code: 'const open = 1;', skip: false }]);
    expect(tsCodeBlocks('# Nothing here\n```js\nx\n```')).toEqual([]);
  });
});
