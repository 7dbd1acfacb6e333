/**
 * Loads the generation code (Yeoman and the engine, src/cli/generate): in a checkout, as the ES module
 * next to this one (tsx or the tsc build); in the published package, as the CommonJS bundle
 * scripts/bundle.mjs writes, through V8's code cache (see util/compile-cache.ts).
 */
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';

/** Replaced by the bundler (esbuild `define`) with the bundled file's path under the package root. */
declare const CHO_BUNDLED_GENERATE: string | undefined;

type GenerateModule = typeof import('./generate.js');

export async function loadGenerate(): Promise<GenerateModule> {
  if (typeof CHO_BUNDLED_GENERATE === 'string') {
    // Imported here, not at the top: --help never needs node:vm and node:crypto.
    const { requireWithCompileCache } = await import('../util/compile-cache.js');
    return requireWithCompileCache(join(packageRoot(), CHO_BUNDLED_GENERATE)).exports as GenerateModule;
  }
  return import('./generate.js');
}
