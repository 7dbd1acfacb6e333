/**
 * The published package, as a user gets it: `npm pack` (whose prepack step builds the esbuild bundle),
 * then `npx <tarball>` from an empty npm cache generating the starter project. Checks that the package
 * is one self-contained bundle (no dependencies to install, no sources, within the size budget), that
 * it generates exactly what the development build generates (the starter project through npx, a real
 * chart and the overwrite rules through the unpacked package), and that Yeoman can run its generator
 * by path, as `yo <path>` does. No timings here: those are benchmarks (npm run bench), not tests.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { QueuedAdapter, TerminalAdapter } from '@yeoman/adapter';
import { createEnv } from 'yeoman-environment';
import { readTree, runCli, tempDir } from '../support/cli.js';
import { repoRoot, sharedCharts } from '../support/paths.js';

/** What `npm pack --json` reports about one tarball (the fields used here). */
interface PackReport {
  readonly filename: string;
  readonly unpackedSize: number;
  readonly files: ReadonlyArray<{ readonly path: string }>;
}

const MAX_UNPACKED_BYTES = 3 * 1024 * 1024;
const PROJECT = 'demo-operator';

let work = '';
let tarball = '';
let report: PackReport;
let unpacked = '';
/** The published CLI's code cache (src/util/compile-cache.ts) goes here, not to the user's ~/.cache. */
let codeCache = '';

/** npm's own settings from an enclosing `npm test` (npm_config_*) must not leak into the npm under test. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CREATE_HELM_OPERATOR_CACHE: codeCache, ...extra };
  for (const key of Object.keys(env)) {
    if (/^npm_/i.test(key) && !/^npm_config_registry$/i.test(key)) delete env[key];
  }
  delete env['CI'];
  delete env['FORCE_COLOR'];
  delete env['NODE_DISABLE_COMPILE_CACHE'];
  return env;
}

function npm(args: readonly string[], cwd: string, env = cleanEnv()): SpawnSyncReturns<string> {
  return spawnSync('npm', [...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 180_000 });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  assert.equal(r.status, 0, `${what} failed (${r.status ?? r.signal}):\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

before(() => {
  work = tempDir('cho-package-');
  codeCache = join(work, 'code-cache');
  const packed = ok(npm(['pack', '--json', '--pack-destination', work], repoRoot), 'npm pack');
  // prepack (the bundler) may print to stdout before npm's JSON; the JSON is the last top-level array.
  report = (JSON.parse(packed.slice(packed.lastIndexOf('\n[') + 1)) as PackReport[])[0]!;
  tarball = join(work, report.filename);
  unpacked = join(work, 'unpacked');
  mkdirSync(unpacked);
  ok(spawnSync('tar', ['-xzf', tarball, '-C', unpacked], { encoding: 'utf8' }), 'tar -x');
});

test('the package is the bundle plus templates and the starter chart, within 3 MB unpacked', () => {
  const paths = report.files.map((f) => f.path);
  for (const required of ['package.json', 'README.md', 'bin/create-helm-operator.cjs', 'dist/bundle/src/cli/main.cjs',
    'dist/bundle/src/cli/generate.cjs', 'dist/bundle/src/util/compile-cache.cjs', 'dist/bundle/generators/app/index.js', 'dist/bundle/THIRD-PARTY-NOTICES.txt']) {
    assert.ok(paths.includes(required), `${required} missing from the package`);
  }
  assert.ok(paths.some((p) => p.startsWith('templates/') && p.endsWith('.ejs')), 'templates/ missing');
  assert.ok(paths.some((p) => p.startsWith('starter-chart/')), 'starter-chart/ missing');
  const stray = paths.filter((p) => /\.ts$/.test(p) || p.startsWith('src/') || p.startsWith('dist/src/') || p.startsWith('test/') || p.startsWith('node_modules/'));
  assert.deepEqual(stray, [], 'sources, tests or the tsc build must not be published');
  assert.ok(report.unpackedSize <= MAX_UNPACKED_BYTES, `unpacked size ${report.unpackedSize} bytes exceeds ${MAX_UNPACKED_BYTES}`);
});

test('the published manifest has no dependencies to install', () => {
  const manifest = JSON.parse(readFileSync(join(unpacked, 'package', 'package.json'), 'utf8')) as Record<string, unknown>;
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'bundledDependencies']) {
    assert.deepEqual(Object.keys((manifest[field] as object | undefined) ?? {}), [], `${field} must be empty: the bundle holds everything`);
  }
});

test('the bundle leaves out Yeoman\'s generator installer (fly-import, arborist, pacote)', () => {
  const bundle = join(unpacked, 'package', 'dist', 'bundle');
  const notices = readFileSync(join(bundle, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
  for (const name of ['fly-import', '@npmcli/arborist', 'pacote', 'which-package-manager', 'simple-git']) {
    assert.ok(!notices.includes(`\n${name}@`) && !notices.startsWith(`${name}@`), `${name} is bundled`);
  }
});

test('npx <tarball> from an empty npm cache generates the starter project, identical to the development build', async () => {
  const runDir = tempDir('cho-npx-');
  const r = spawnSync('npx', ['--yes', '--cache', join(work, 'npm-cache'), '--package', tarball, '--', 'create-helm-operator', PROJECT, '--yes'], {
    cwd: runDir, env: cleanEnv(), encoding: 'utf8', timeout: 180_000,
  });
  assert.equal(r.status, 0, `npx failed (${r.status ?? r.signal}):\n${r.stderr}\n${r.stdout}`);
  assert.match(r.stdout, /Operator project ready/);
  const published = readTree(join(runDir, PROJECT));
  for (const file of ['watches.yaml', 'Dockerfile', 'Makefile', 'PROJECT']) assert.ok(published.has(file), `${file} not generated`);

  const devDir = tempDir('cho-dev-');
  const dev = await runCli([PROJECT, '--yes'], { cwd: devDir });
  assert.equal(dev.code, 0, dev.stderr);
  assert.deepEqual(sameTree(published, readTree(join(devDir, PROJECT))), [], 'files differing between the published and development builds');
});

test('the published CLI generates a real chart like the development build; refuses changed files, overwrites with --force', async () => {
  const bin = join(unpacked, 'package', 'bin', 'create-helm-operator.cjs');
  const chart = join(sharedCharts, 'memcached');
  const cwd = tempDir('cho-published-');
  const run = (...extra: string[]): SpawnSyncReturns<string> =>
    spawnSync(process.execPath, [bin, 'memcached-operator', '--chart', chart, '--yes', ...extra], { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 120_000 });
  ok(run(), 'published CLI');
  // The CLI and the generation code were compiled once and their V8 code cache kept for the next run.
  assert.deepEqual(readdirSync(codeCache).map((f) => f.replace(/-[0-9a-f]+\.v8$/, '')).sort(), ['generate.cjs', 'main.cjs']);
  const dir = join(cwd, 'memcached-operator');
  const published = readTree(dir);
  const devDir = tempDir('cho-dev-');
  const dev = await runCli(['memcached-operator', '--chart', chart, '--yes'], { cwd: devDir });
  assert.equal(dev.code, 0, dev.stderr);
  assert.deepEqual(sameTree(published, readTree(join(devDir, 'memcached-operator'))), [], 'files differing between the published and development builds');

  ok(run(), 'published CLI, second run');
  assert.deepEqual(sameTree(readTree(dir), published), [], 'a second run changed files');
  const watches = join(dir, 'watches.yaml');
  writeFileSync(watches, `${readFileSync(watches, 'utf8')}# my edit\n`);
  const refused = run();
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, /would change: watches\.yaml/);
  ok(run('--force'), 'published CLI --force');
  assert.deepEqual(sameTree(readTree(dir), published), [], '--force did not restore the generated files');

  // The templates the package ships are what --export-templates copies.
  ok(spawnSync(process.execPath, [bin, '--export-templates', 'mine'], { cwd, env: cleanEnv(), encoding: 'utf8' }), 'published --export-templates');
  assert.deepEqual(sameTree(readTree(join(cwd, 'mine')), readTree(join(repoRoot, 'templates'))), [], 'exported templates differ from templates/');
});

test('Yeoman runs the published generator by path (what `yo <path>` does)', async () => {
  const generator = join(unpacked, 'package', 'dist', 'bundle', 'generators', 'app', 'index.js');
  assert.ok(existsSync(generator));
  const cwd = tempDir('cho-yo-');
  process.env['CREATE_HELM_OPERATOR_CACHE'] = codeCache; // the generator loads the bundle in this process
  // yo would log each created file; the test output does not need them.
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() }) as unknown as NodeJS.WriteStream;
  const env = createEnv({ cwd, skipInstall: true, adapter: new QueuedAdapter({ adapter: new TerminalAdapter({ stdout: quiet, stderr: quiet }) }) });
  await env.run([generator, PROJECT], { skipInstall: true } as never);
  const viaYo = readTree(join(cwd, PROJECT));
  const devDir = tempDir('cho-dev-');
  const dev = await runCli([PROJECT, '--yes'], { cwd: devDir });
  assert.equal(dev.code, 0, dev.stderr);
  assert.deepEqual(sameTree(viaYo, readTree(join(devDir, PROJECT))), [], 'files differing between yo and the CLI');
});

/** Paths whose presence or bytes differ between two trees. */
function sameTree(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => !a.get(p)?.equals(b.get(p) ?? Buffer.alloc(0)) || !b.has(p)).sort();
}
