/**
 * Loads a CommonJS file of the published bundle through V8's code cache.
 *
 * Node 20 keeps no compile cache for modules (`module.enableCompileCache` arrived in 22.1), so every
 * run would parse and compile the whole generation bundle again: about a megabyte, and with the
 * functions compiled while it runs, a fifth of generating a small chart. Here the file is compiled as
 * a vm.Script with the bytes V8 produced on an earlier run. V8 itself rejects data made by another V8
 * version or with other flags; the cache file is named after a hash of the source, so another build of
 * the bundle (even one of the same length, which V8's own check would accept) never reads it. When the
 * cache is missing or rejected, a new one is written as the process ends, holding every function the
 * run compiled.
 *
 * Folder: $CREATE_HELM_OPERATOR_CACHE, else $XDG_CACHE_HOME/create-helm-operator, else
 * ~/.cache/create-helm-operator (%LOCALAPPDATA%\create-helm-operator on Windows; none when root runs
 * with another user's HOME, as `sudo` can). It is created private (0700) and read only when the
 * current user owns it and nobody else can write to it; code read from it runs, so a folder others
 * can change is never trusted. NODE_DISABLE_COMPILE_CACHE (Node's own switch for its cache) turns
 * it off. A cache that cannot be read or written only costs the time it would have saved.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {';
const WRAPPER_TAIL = '\n})';

/** The cache folder for this environment, or undefined when caching is off. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const off = env['NODE_DISABLE_COMPILE_CACHE'];
  if (off !== undefined && off !== '' && off !== '0') return undefined;
  const explicit = env['CREATE_HELM_OPERATOR_CACHE'];
  if (explicit) return explicit;
  if (process.platform === 'win32' && env['LOCALAPPDATA']) return join(env['LOCALAPPDATA'], 'create-helm-operator');
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg) return join(xdg, 'create-helm-operator');
  let home: string;
  try {
    home = homedir();
    // `sudo` that keeps the user's HOME: a folder root made there would lock the user out of it.
    if (typeof process.getuid === 'function' && process.getuid() === 0 && statSync(home).uid !== 0) return undefined;
  } catch {
    return undefined;
  }
  return home ? join(home, '.cache', 'create-helm-operator') : undefined;
}

/** Creates the folder (private) if needed; true when it is safe to run code read from it. */
function privateFolder(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const info = statSync(dir);
    if (!info.isDirectory()) return false;
    if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
    return info.uid === process.getuid() && (info.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Writes the cache atomically (a reader never sees half a file) and removes the caches of other builds
 * of the same file (`<name>-<other key>.v8`), so upgrades do not pile them up. Failures are ignored.
 */
function writeCache(folder: string, name: string, key: string, data: Buffer): void {
  const path = join(folder, `${name}-${key}.v8`);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, path);
  } catch {
    try { unlinkSync(temporary); } catch { /* nothing was written */ }
    return;
  }
  try {
    for (const entry of readdirSync(folder)) {
      if (entry.startsWith(`${name}-`) && entry.endsWith('.v8') && entry !== `${name}-${key}.v8`) unlinkSync(join(folder, entry));
    }
  } catch { /* another run may be cleaning up too */ }
}

/** What loading one file did with the cache (tests read it). */
export type CacheOutcome = 'off' | 'hit' | 'miss' | 'rejected';

/**
 * require() for one self-contained CommonJS file (its own require() reaches node built-ins only),
 * compiled with V8's code cache from `cacheDir`.
 */
export function requireWithCompileCache(file: string, cacheDir: string | undefined = compileCacheDir()): { exports: unknown; cache: CacheOutcome } {
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  const folder = cacheDir !== undefined && privateFolder(cacheDir) ? cacheDir : undefined;
  const key = createHash('sha1').update(process.version).update(process.arch).update(bytes).digest('hex').slice(0, 20);
  const name = basename(file);
  const cachedData = folder === undefined ? undefined : readCache(join(folder, `${name}-${key}.v8`));
  const script = new Script(WRAPPER_HEAD + source + WRAPPER_TAIL, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const cache: CacheOutcome = folder === undefined ? 'off' : !cachedData ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';
  if (folder !== undefined && cache !== 'hit') {
    // At exit, so the cache holds the functions this run compiled, not only the top level.
    process.once('beforeExit', () => writeCache(folder, name, key, script.createCachedData()));
  }
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, cache };
}
