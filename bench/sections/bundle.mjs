/**
 * What the package adds to a user's bundle: the built ESM entry bundled with
 * esbuild (minified, tree-shaken, as an app bundler would), then gzipped at
 * level 9. Whole entry, and one import at a time, for the browser and for a
 * neutral platform (workers, Deno, Node-free bundles).
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const BUNDLE_TARGETS = ['*', 'normalizePhone', 'validatePhoneInput', 'cleanMessage', 'messageInfo', 'KwtSMS'];
export const PLATFORMS = ['browser', 'neutral'];

async function bundle(target, platform, from = './dist/index.js') {
  const contents = target === '*' ? `export * from '${from}';` : `export { ${target} } from '${from}';`;
  try {
    const result = await build({
      stdin: { contents, resolveDir: ROOT, loader: 'js', sourcefile: 'bench-entry.js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform,
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0].contents;
    return { ok: true, minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
  } catch (error) {
    const first = error?.errors?.[0]?.text ?? String(error?.message ?? error);
    return { ok: false, error: first };
  }
}

/**
 * Sizes per import and platform, from dist/ (what users get). `fromSrc` is a
 * diagnostic: the same imports bundled from src/, where each module is its own
 * file and `"sideEffects": false` lets the bundler drop whole modules; a large
 * gap between the two means something in the single-file dist keeps code alive.
 *
 * @returns {Promise<{ dist: Record<string, Record<string, { ok: boolean, minified?: number, gzip?: number, error?: string }>>, fromSrc: Record<string, { ok: boolean, minified?: number, gzip?: number, error?: string }> }>}
 */
export async function runBundle({ log }) {
  log('bundle: esbuild, minified, gzip -9');
  const dist = {};
  const fromSrc = {};
  for (const target of BUNDLE_TARGETS) {
    dist[target] = {};
    for (const platform of PLATFORMS) dist[target][platform] = await bundle(target, platform);
    fromSrc[target] = await bundle(target, 'browser', './src/index.ts');
  }
  return { dist, fromSrc };
}
