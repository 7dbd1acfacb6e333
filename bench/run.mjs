#!/usr/bin/env node
// Benchmarks of the published package (npm run bench). Not tests: nothing here fails a build.
//
//   npm run bench [-- --runs <n>] [-- --only help,memcached,kps,synthetic,npx] [-- --dev] [-- --profile]
//
// It packs the package (`npm pack`, whose prepack builds the bundle), unpacks the tarball into a temp
// folder and runs that, as npx would. Each case is timed from process start to exit; the baseline of
// each ratio is measured in the same run, interleaved with the case, so machine load hits both alike.
// Times are medians; memory is the peak resident set of the process (/usr/bin/time, else a wrapper
// reading resourceUsage().maxRSS of the child). --dev also times the unbundled tsc build (dist/src).
// --profile writes a CPU profile of the kube-prometheus-stack generation and prints where time goes.
import { spawnSync } from 'node:child_process';
import { cpSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import { writeSyntheticChart } from './synthetic-chart.mjs';
import { summarizeProfile } from './profile.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    only: { type: 'string' },
    dev: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const RUNS = Number(opts.runs);
const only = opts.only ? new Set(opts.only.split(',')) : undefined;
const wanted = (name) => !only || only.has(name);
const work = mkdtempSync(join(tmpdir(), 'cho-bench-'));
const charts = '/work/shared/charts';
const sharedCharts = existsSync(charts) ? charts : join(root, '..', 'shared', 'charts');
const helmBin = join(root, '.tools', 'bin', 'helm');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const log = (line) => process.stderr.write(`${line}\n`);

// --- measuring -------------------------------------------------------------------------------------

// The published CLI keeps a V8 code cache (src/util/compile-cache.ts): here in the work dir, warmed by
// each case's warm-up run, as it is for a user from the second run on.
const cleanEnv = (() => {
  const env = { ...process.env, NO_COLOR: '1', CREATE_HELM_OPERATOR_CACHE: join(work, 'code-cache') };
  delete env.NODE_DISABLE_COMPILE_CACHE;
  for (const key of Object.keys(env)) if (/^npm_/i.test(key) && !/^npm_config_registry$/i.test(key)) delete env[key];
  delete env.CI;
  delete env.FORCE_COLOR;
  return env;
})();

/** Runs a command to completion; returns wall time in ms. Throws on a non-zero exit. */
function timed(cmd, args, { cwd = work, env = cleanEnv } = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr}`);
  return ms;
}

/** Peak RSS in MB of one run of a node script (args start with the script). */
function peakMb(args, { cwd = work } = {}) {
  const out = join(work, `rss-${process.hrtime.bigint()}`);
  if (TIME) {
    const r = spawnSync(TIME, ['-f', '%M', '-o', out, process.execPath, ...args], { cwd, env: cleanEnv, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    return Number(readFileSync(out, 'utf8').trim().split('\n').pop()) / 1024;
  }
  // No /usr/bin/time: the child reports its own resourceUsage().maxRSS (KiB) as it exits.
  const r = spawnSync(process.execPath, ['--import', join(root, 'bench', 'maxrss.mjs'), ...args], { cwd, env: { ...cleanEnv, CHO_BENCH_RSS_FILE: out }, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return Number(readFileSync(out, 'utf8')) / 1024;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Times the case and its baseline alternately, runs times each, after one warm-up of each (file
 * caches). setup(i) runs before each timed case run, outside the timing (e.g. a fresh output folder).
 */
function pair(baseline, subject, runs) {
  baseline.fn(-1);
  subject.setup?.(-1);
  subject.fn(-1);
  const b = [];
  const s = [];
  for (let i = 0; i < runs; i++) {
    b.push(baseline.fn(i));
    subject.setup?.(i);
    s.push(subject.fn(i));
  }
  return { baseline: median(b), subject: median(s) };
}

const results = [];
function record(name, ms, baselineName, baselineMs, target, extra = {}) {
  const ratio = baselineMs ? ms / baselineMs : undefined;
  results.push({ name, ms, baselineName, baselineMs, ratio, target, ...extra });
  log(`  ${name}: ${ms.toFixed(0)} ms${ratio ? ` (${ratio.toFixed(2)} × ${baselineName} ${baselineMs.toFixed(0)} ms)` : ''}`);
}

// --- the package under test -------------------------------------------------------------------------

function pack() {
  const r = spawnSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, env: cleanEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  const report = JSON.parse(r.stdout.slice(r.stdout.lastIndexOf('\n[') + 1))[0];
  const dir = join(work, 'installed');
  mkdirSync(dir);
  const x = spawnSync('tar', ['-xzf', join(work, report.filename), '-C', dir]);
  if (x.status !== 0) throw new Error('tar -x failed');
  return { tarball: join(work, report.filename), unpackedSize: report.unpackedSize, files: report.entryCount, bin: join(dir, 'package', 'bin', 'create-helm-operator.cjs') };
}

/** kube-prometheus-stack lacks 4 remote dependencies: helm renders a copy without them, their conditions off. */
function renderableKps() {
  const src = join(sharedCharts, 'kube-prometheus-stack');
  const copy = join(work, 'kps-helm', 'kube-prometheus-stack');
  cpSync(src, copy, { recursive: true });
  const walk = (d) => {
    chmodSync(d, 0o755);
    for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : chmodSync(join(d, e.name), 0o644);
  };
  walk(copy);
  const doc = yaml.load(readFileSync(join(copy, 'Chart.yaml'), 'utf8'));
  const present = new Set(readdirSync(join(copy, 'charts')).map((n) => n.replace(/-\d.*\.tgz$/, '')));
  doc.dependencies = (doc.dependencies ?? []).filter((d) => present.has(d.name));
  writeFileSync(join(copy, 'Chart.yaml'), yaml.dump(doc));
  return { dir: copy, sets: ['--set', 'kubeStateMetrics.enabled=false,nodeExporter.enabled=false,grafana.enabled=false,windowsMonitoring.enabled=false'] };
}

// --- cases ----------------------------------------------------------------------------------------

const node0 = { fn: () => timed(process.execPath, ['-e', '0']) };
let outCounter = 0;
const freshOut = () => join(work, 'out', `p${outCounter++}`);

function cliCases(label, bin) {
  if (wanted('help')) {
    const r = pair(node0, { fn: () => timed(process.execPath, [bin, '--help']) }, RUNS);
    record(`${label}: --help`, r.subject, 'node -e 0', r.baseline, 1.3);
  }
  if (wanted('memcached')) {
    let out;
    const chart = join(sharedCharts, 'memcached');
    const r = pair(node0, { setup: () => { out = freshOut(); }, fn: () => timed(process.execPath, [bin, out, '--chart', chart, '--yes']) }, RUNS);
    record(`${label}: generate memcached`, r.subject, 'node -e 0', r.baseline, 3, { peakMb: peakMb([bin, freshOut(), '--chart', chart, '--yes']) });
    // A user's first run, before the code cache exists (informational: the target is about every run after it).
    let codeCache = 0;
    const first = pair(node0, {
      setup: () => { out = freshOut(); },
      fn: () => timed(process.execPath, [bin, out, '--chart', chart, '--yes'], { env: { ...cleanEnv, CREATE_HELM_OPERATOR_CACHE: join(work, `first-run-cache-${codeCache++}`) } }),
    }, RUNS);
    record(`${label}: generate memcached, first run (no code cache yet)`, first.subject, 'node -e 0', first.baseline, undefined);
  }
}

function supportsOffline(bin) {
  return spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }).stdout.includes('--offline');
}

function kpsCase(label, bin) {
  if (!wanted('kps')) return;
  if (!existsSync(helmBin)) {
    log('  (kube-prometheus-stack: no helm at .tools/bin/helm; run `npm run tools`)');
    return;
  }
  const rendered = renderableKps();
  const chart = join(sharedCharts, 'kube-prometheus-stack');
  // helm renders without the 4 missing remote dependencies; the generation must not fetch them either.
  const offline = supportsOffline(bin) ? ['--offline'] : [];
  const runs = Math.max(3, Math.ceil(RUNS / 3));
  let out;
  const helmRun = { fn: () => timed(helmBin, ['template', 'release', rendered.dir, '--include-crds', '--namespace', 'default', ...rendered.sets]) };
  const r = pair(helmRun, { setup: () => { out = freshOut(); }, fn: () => timed(process.execPath, [bin, out, '--chart', chart, '--yes', ...offline]) }, runs);
  const peaks = [0, 1, 2].map(() => peakMb([bin, freshOut(), '--chart', chart, '--yes', ...offline]));
  record(`${label}: generate kube-prometheus-stack`, r.subject, 'helm template', r.baseline, 1.5, { peakMb: Math.max(...peaks), peakTarget: 250 });
}

function syntheticCase(label, bin) {
  if (!wanted('synthetic')) return;
  const dir = join(work, 'synthetic');
  const small = writeSyntheticChart(dir, { templates: 200, valuesLines: 5_000 });
  const large = writeSyntheticChart(dir, { templates: 2_000, valuesLines: 50_000 });
  const tiny = writeSyntheticChart(dir, { templates: 1, valuesLines: 25 });
  const gen = (chart) => () => timed(process.execPath, [bin, freshOut(), '--chart', chart, '--yes']);
  const runs = Math.max(3, Math.ceil(RUNS / 5));
  const t = { tiny: [], small: [], large: [] };
  for (const [k, c] of [['tiny', tiny], ['small', small], ['large', large]]) gen(c)(); // warm-up
  for (let i = 0; i < runs; i++) {
    t.tiny.push(gen(tiny)());
    t.small.push(gen(small)());
    t.large.push(gen(large)());
  }
  const [m1, m200, m2000] = [median(t.tiny), median(t.small), median(t.large)];
  const per200 = m200 / 200;
  const per2000 = m2000 / 2000;
  // The fixed cost (start-up, Yeoman, the project's own files) is the 1-template chart's time.
  const marginal200 = (m200 - m1) / 199;
  const marginal2000 = (m2000 - m1) / 1999;
  record(`${label}: synthetic 200 templates / 5,000 values lines`, m200, undefined, undefined, undefined, { perTemplateMs: per200, marginalMs: marginal200 });
  record(`${label}: synthetic 2,000 templates / 50,000 values lines`, m2000, undefined, undefined, undefined, {
    perTemplateMs: per2000, marginalMs: marginal2000, perTemplateRatio: per2000 / per200, marginalRatio: marginal2000 / marginal200, scalingTarget: 1.25,
    peakMb: peakMb([bin, freshOut(), '--chart', large, '--yes']),
  });
  log(`  per template: ${per200.toFixed(2)} → ${per2000.toFixed(2)} ms (${(per2000 / per200).toFixed(2)}×); beyond the fixed ${m1.toFixed(0)} ms: ${marginal200.toFixed(2)} → ${marginal2000.toFixed(2)} ms (${(marginal2000 / marginal200).toFixed(2)}×)`);
}

function npxCase(pkg) {
  if (!wanted('npx')) return;
  const runs = Math.max(3, Math.ceil(RUNS / 5));
  const times = [];
  for (let i = 0; i < runs; i++) {
    const cwd = join(work, `npx-${i}`);
    mkdirSync(cwd);
    // A first run: empty npm cache and no code cache yet (the CLI compiles its bundle and writes one).
    const env = { ...cleanEnv, CREATE_HELM_OPERATOR_CACHE: join(work, `npx-code-cache-${i}`) };
    times.push(timed('npx', ['--yes', '--cache', join(work, `npx-cache-${i}`), '--package', pkg.tarball, '--', 'create-helm-operator', 'demo-operator', '--yes'], { cwd, env }));
  }
  record('published: npx <tarball>, empty cache, starter project', median(times), undefined, undefined, undefined, { limitMs: 5000 });
}

/**
 * A copy of the package with an unminified bundle (.bench/readable), so the profile names real
 * functions and source modules: the minified bundle is what users run, but its names are one or two
 * letters. It is kept so the profile can be read again with bench/profile.mjs.
 */
function readableCopy() {
  const dir = join(root, '.bench', 'readable');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of ['package.json', 'bin', 'templates', 'starter-chart']) cpSync(join(root, entry), join(dir, entry), { recursive: true });
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'bundle.mjs'), '--readable', '--outdir', join(dir, 'dist', 'bundle')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`readable bundle failed: ${r.stderr}`);
  return join(dir, 'bin', 'create-helm-operator.cjs');
}

function profileKps() {
  const bin = readableCopy();
  const dir = join(root, '.bench', 'profile');
  const offline = supportsOffline(bin) ? ['--offline'] : [];
  // Twice: V8 rejects a code cache made under other flags (--cpu-prof is one), so the first run writes
  // one for these flags and the second, the profile kept, starts as a user's second run does.
  const profiled = () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', dir, bin, freshOut(), '--chart', join(sharedCharts, 'kube-prometheus-stack'), '--yes', ...offline], { cwd: work, env: cleanEnv, stdio: 'ignore' });
    if (r.status !== 0) throw new Error('profiled run failed');
  };
  profiled();
  profiled();
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  process.stdout.write(`\nCPU profile of the kube-prometheus-stack generation, unminified bundle (${join('.bench', 'profile', file)}):\n`);
  process.stdout.write(summarizeProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')), { top: 20 }) + '\n');
}

// --- report ----------------------------------------------------------------------------------------

function table(pkg) {
  const fmt = (n, d = 0) => (n === undefined ? '' : n.toFixed(d));
  const rows = [['case', 'median ms', 'baseline', 'baseline ms', 'ratio', 'target', 'peak MB']];
  for (const r of results) {
    let ratio = fmt(r.ratio, 2);
    let target = r.target ? `≤ ${r.target} ×` : '';
    if (r.limitMs) target = `≤ ${r.limitMs} ms`;
    if (r.perTemplateRatio) {
      ratio = `${r.perTemplateRatio.toFixed(2)} per template (${r.marginalRatio.toFixed(2)} beyond fixed cost)`;
      target = `≤ ${r.scalingTarget} ×`;
    } else if (r.perTemplateMs) {
      ratio = `${r.perTemplateMs.toFixed(2)} ms/template`;
    }
    const peak = r.peakMb ? `${r.peakMb.toFixed(0)}${r.peakTarget ? ` (≤ ${r.peakTarget})` : ''}` : '';
    rows.push([r.name, fmt(r.ms), r.baselineName ?? '', fmt(r.baselineMs), ratio, target, peak]);
  }
  if (pkg) rows.push(['published: unpacked size', '', '', '', `${(pkg.unpackedSize / 1024 / 1024).toFixed(2)} MB, ${pkg.files} files, 0 dependencies`, '≤ 3 MB', '']);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

try {
  log(`bench: ${RUNS} runs per fast case, work dir ${work}`);
  log('packing (npm pack runs the bundler) ...');
  const pkg = pack();
  cliCases('published', pkg.bin);
  kpsCase('published', pkg.bin);
  syntheticCase('published', pkg.bin);
  npxCase(pkg);
  if (opts.dev) {
    const devBin = join(root, 'bin', 'create-helm-operator.cjs');
    if (!existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) log('  (--dev: no dist/src; run `npm run build`)');
    else {
      cliCases('dev build (tsc, unbundled)', devBin);
      kpsCase('dev build (tsc, unbundled)', devBin);
    }
  }
  const summary = table(pkg);
  process.stdout.write(`\n${summary}\n\nnode ${process.version}, ${(await import('node:os')).cpus().length} CPUs, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  mkdirSync(join(root, '.bench'), { recursive: true });
  writeFileSync(join(root, '.bench', 'latest.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, runs: RUNS, results, unpackedSize: pkg.unpackedSize }, null, 2) + '\n');
  if (opts.profile) profileKps();
} finally {
  if (!opts.keep) rmSync(work, { recursive: true, force: true });
}
