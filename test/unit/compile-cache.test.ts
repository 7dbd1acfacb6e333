/**
 * The code cache the published bundle loads its CommonJS files through (src/util/compile-cache.ts).
 * Each load runs in a child process, because the cache is written when the process ends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileCacheDir } from '../../src/util/compile-cache.js';
import { tempDir } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';

const loader = pathToFileURL(join(repoRoot, 'src', 'util', 'compile-cache.ts')).href;

interface Loaded { readonly cache: string; readonly exports: Record<string, unknown> }

/** Loads `file` in a fresh node through the cache in `cacheDir`; returns what it exported and the cache outcome. */
function load(file: string, env: NodeJS.ProcessEnv): Loaded {
  const script = `
    const { requireWithCompileCache } = await import(${JSON.stringify(loader)});
    const { exports, cache } = requireWithCompileCache(${JSON.stringify(file)});
    console.log(JSON.stringify({ cache, exports: { ...exports, answer: exports.answer(), self: exports.self } }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '', ...env }, encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Loaded;
}

function module(dir: string, answer: number): string {
  const file = join(dir, 'lib.cjs');
  writeFileSync(file, `const { basename } = require('node:path');
exports.answer = () => ${answer};
exports.self = basename(__filename);
`);
  return file;
}

const cacheFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.v8')) : []);

test('a first load compiles and writes the cache (private); the next load uses it', () => {
  const work = tempDir('cho-cc-');
  const cache = join(work, 'cache');
  const file = module(work, 42);
  const first = load(file, { CREATE_HELM_OPERATOR_CACHE: cache });
  assert.equal(first.cache, 'miss');
  assert.deepEqual(first.exports, { answer: 42, self: 'lib.cjs' });
  const written = cacheFiles(cache);
  assert.equal(written.length, 1);
  assert.match(written[0]!, /^lib\.cjs-[0-9a-f]{20}\.v8$/);
  assert.equal(statSync(cache).mode & 0o777, 0o700);
  assert.equal(statSync(join(cache, written[0]!)).mode & 0o777, 0o600);
  const second = load(file, { CREATE_HELM_OPERATOR_CACHE: cache });
  assert.equal(second.cache, 'hit');
  assert.deepEqual(second.exports, first.exports);
});

test('another build of the file, even of the same length, never reads the old cache, and replaces it', () => {
  const work = tempDir('cho-cc-');
  const cache = join(work, 'cache');
  const file = module(work, 41);
  load(file, { CREATE_HELM_OPERATOR_CACHE: cache });
  const before = cacheFiles(cache);
  module(work, 43); // same length, other code: V8's own check (a source length) would accept the old data
  const after = load(file, { CREATE_HELM_OPERATOR_CACHE: cache });
  assert.equal(after.cache, 'miss');
  assert.equal(after.exports['answer'], 43);
  const now = cacheFiles(cache);
  assert.equal(now.length, 1, 'the old build\'s cache is removed');
  assert.notDeepEqual(now, before);
});

test('a corrupt cache is rejected by V8, the file still loads, and the cache is rewritten', () => {
  const work = tempDir('cho-cc-');
  const cache = join(work, 'cache');
  const file = module(work, 7);
  load(file, { CREATE_HELM_OPERATOR_CACHE: cache });
  const [name] = cacheFiles(cache);
  writeFileSync(join(cache, name!), Buffer.alloc(4096, 0x5a));
  const corrupt = load(file, { CREATE_HELM_OPERATOR_CACHE: cache });
  assert.equal(corrupt.cache, 'rejected');
  assert.equal(corrupt.exports['answer'], 7);
  assert.equal(load(file, { CREATE_HELM_OPERATOR_CACHE: cache }).cache, 'hit');
});

test('NODE_DISABLE_COMPILE_CACHE turns it off; a folder others can write to is not trusted', () => {
  const work = tempDir('cho-cc-');
  const file = module(work, 1);
  const off = join(work, 'off');
  assert.equal(load(file, { CREATE_HELM_OPERATOR_CACHE: off, NODE_DISABLE_COMPILE_CACHE: '1' }).cache, 'off');
  assert.deepEqual(cacheFiles(off), []);
  if (process.platform === 'win32') return;
  const shared = join(work, 'shared');
  load(file, { CREATE_HELM_OPERATOR_CACHE: shared });
  chmodSync(shared, 0o777);
  assert.equal(load(file, { CREATE_HELM_OPERATOR_CACHE: shared }).cache, 'off');
});

test('the cache folder follows CREATE_HELM_OPERATOR_CACHE, then XDG_CACHE_HOME, then ~/.cache', () => {
  assert.equal(compileCacheDir({ CREATE_HELM_OPERATOR_CACHE: '/x/y', XDG_CACHE_HOME: '/c' }), '/x/y');
  if (process.platform !== 'win32') {
    assert.equal(compileCacheDir({ XDG_CACHE_HOME: '/c' }), join('/c', 'create-helm-operator'));
    assert.match(compileCacheDir({})!, /[\\/]\.cache[\\/]create-helm-operator$/);
  }
  assert.equal(compileCacheDir({ NODE_DISABLE_COMPILE_CACHE: '1', CREATE_HELM_OPERATOR_CACHE: '/x/y' }), undefined);
});

test('root with another user\'s HOME (sudo) keeps no cache there', { skip: process.getuid?.() !== 0 && 'needs root' }, () => {
  const home = tempDir('cho-cc-home-');
  chownSync(home, 4242, 4242);
  const saved = process.env['HOME'];
  process.env['HOME'] = home;
  try {
    assert.equal(compileCacheDir({}), undefined);
    chownSync(home, 0, 0);
    assert.equal(compileCacheDir({}), join(home, '.cache', 'create-helm-operator'));
  } finally {
    process.env['HOME'] = saved;
  }
});
