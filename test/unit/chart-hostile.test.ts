/**
 * Untrusted input: hostile archives (built in memory with hand-written tar headers), YAML bombs and
 * broken charts. Each is refused with one message naming the file (inside the archive where it
 * applies) and the problem, quickly, and without writing anything.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../src/diagnostics.js';
import { loadChart } from '../../src/chart/load.js';
import { readChartArchiveBytes } from '../../src/chart/read.js';
import { DEFAULT_LIMITS } from '../../src/chart/limits.js';
import { parseHelmYaml } from '../../src/util/yaml.js';
import type { ChartFiles } from '../../src/chart/types.js';
import { CHART_YAML, HOSTILE_ARCHIVES, chartTgz, gzipBomb, manyFiles } from '../fixtures/hostile/build.js';

/** Runs `fn`, expects a UserError matching `message`, and that it came back within `ms`. */
function refuses(fn: () => unknown, message: RegExp, ms = 5000): void {
  const start = Date.now();
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
    assert.match(error.message, message);
    assert.ok(!error.message.includes('\n'), 'the message is one line');
    return true;
  });
  assert.ok(Date.now() - start < ms, `took ${Date.now() - start} ms`);
}

for (const c of HOSTILE_ARCHIVES) {
  test(`archive with ${c.name} is refused`, () => {
    refuses(() => readChartArchiveBytes('evil-0.1.0.tgz', c.archive()), new RegExp(`^evil-0\\.1\\.0\\.tgz: ${c.message.source}`));
  });
}

test('a well-formed archive reads (the corpus builder makes valid charts)', () => {
  const files = readChartArchiveBytes('demo-0.1.0.tgz', chartTgz());
  assert.deepEqual(files.files.map((f) => f.path), ['Chart.yaml', 'templates/cm.yaml', 'values.yaml']);
  assert.equal(loadChart(files).metadata.name, 'demo');
});

test('a gzip bomb stops at --max-chart-bytes while inflating', () => {
  refuses(() => readChartArchiveBytes('bomb.tgz', gzipBomb(8 * 1024 * 1024), { ...DEFAULT_LIMITS, maxBytes: 1024 * 1024 }),
    /^bomb\.tgz: unpacks to more than 1048576 bytes; raise --max-chart-bytes if it is genuine$/);
});

test('a gzip bomb past the default cap (100 MiB) is refused', () => {
  const bomb = gzipBomb(DEFAULT_LIMITS.maxBytes + 1024 * 1024);
  assert.ok(bomb.length < 1024 * 1024, `the bomb is small (${bomb.length} bytes)`);
  refuses(() => readChartArchiveBytes('bomb.tgz', bomb), /^bomb\.tgz: unpacks to more than 104857600 bytes/, 5000);
});

test('a tar bomb of many files stops at --max-chart-files', () => {
  refuses(() => readChartArchiveBytes('many.tgz', manyFiles(200), { ...DEFAULT_LIMITS, maxFiles: 100 }),
    /^many\.tgz: holds more than 100 files; raise --max-chart-files if it is genuine$/);
});

test('raising the caps lets a big genuine chart through', () => {
  const files = readChartArchiveBytes('many.tgz', manyFiles(200), { ...DEFAULT_LIMITS, maxFiles: 1000 });
  assert.equal(files.files.length, 201);
});

test('a subchart archive inside charts/ is held to the same rules', () => {
  const inner = chartTgz([{ name: 'demo/../../../escape', data: 'x' }]);
  const files: ChartFiles = {
    origin: 'outer-1.0.0.tgz',
    files: [
      { path: 'Chart.yaml', data: Buffer.from('apiVersion: v2\nname: outer\nversion: 1.0.0\n') },
      { path: 'charts/demo-0.1.0.tgz', data: inner },
    ],
  };
  refuses(() => loadChart(files), /^outer-1\.0\.0\.tgz\/charts\/demo-0\.1\.0\.tgz: entry "demo\/\.\.\/\.\.\/\.\.\/escape" points outside the chart/);
});

const billionLaughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

const HOSTILE_YAML: ReadonlyArray<{ name: string; text: string; message: RegExp }> = [
  { name: 'an alias bomb (billion laughs)', text: billionLaughs, message: /^values\.yaml: YAML expands to more than 2000000 nodes \(an alias bomb\?\); refusing to read it$/ },
  { name: 'deep flow nesting', text: `${'['.repeat(5000)}${']'.repeat(5000)}`, message: /^values\.yaml:\d+: YAML nests deeper than 200 levels; refusing to read it$/ },
  { name: 'deep block nesting', text: Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1', message: /^values\.yaml:\d+: YAML nests deeper than 200 levels; refusing to read it$/ },
  { name: 'a tab-broken document', text: 'a:\n\t- b', message: /^values\.yaml:\d+: invalid YAML/ },
];

for (const c of HOSTILE_YAML) {
  test(`YAML with ${c.name} fails fast`, () => {
    refuses(() => parseHelmYaml(c.text, 'values.yaml'), c.message);
  });
}

test('an alias bomb in a packaged chart names the file inside the archive', () => {
  const files = readChartArchiveBytes('demo-0.1.0.tgz', chartTgz([], { 'values.yaml': billionLaughs }));
  refuses(() => loadChart(files), /^demo-0\.1\.0\.tgz\/values\.yaml: YAML expands to more than/);
});

/** Broken charts: [name, files besides Chart.yaml, Chart.yaml (undefined: none), expected message]. */
const BROKEN: ReadonlyArray<[string, Record<string, string | Buffer>, string | undefined, RegExp]> = [
  ['no Chart.yaml', { 'values.yaml': 'a: 1\n' }, undefined, /^demo-0\.1\.0\.tgz\/Chart\.yaml: missing; this is not a Helm chart$/],
  ['a bad chart name', {}, 'apiVersion: v2\nname: "bad name!"\nversion: 0.1.0\n', /Chart\.yaml: chart name "bad name!" may only contain letters, digits/],
  ['a version that is not SemVer', {}, 'apiVersion: v2\nname: demo\nversion: one\n', /Chart\.yaml: version "one" is not SemVer \(e\.g\. 1\.2\.3\)$/],
  ['an unknown apiVersion', {}, 'apiVersion: v3\nname: demo\nversion: 0.1.0\n', /Chart\.yaml: apiVersion "v3" is unknown; use v2/],
  ['no version', {}, 'apiVersion: v2\nname: demo\n', /Chart\.yaml: field "version" is missing$/],
  ['values.yaml that is a list', { 'values.yaml': '- a\n- b\n' }, CHART_YAML, /^demo-0\.1\.0\.tgz\/values\.yaml: must be a map of values, not a list$/],
  ['values.yaml that is a string', { 'values.yaml': 'just words\n' }, CHART_YAML, /values\.yaml: must be a map of values, not string$/],
  ['a template that is not UTF-8', { 'templates/cm.yaml': Buffer.from([0x61, 0xff, 0xfe, 0x0a]) }, CHART_YAML, /^demo-0\.1\.0\.tgz\/templates\/cm\.yaml: not UTF-8 text; re-save the file as UTF-8$/],
  ['a values.schema.json that is not JSON', { 'values.schema.json': '{ nope' }, CHART_YAML, /values\.schema\.json: invalid JSON/],
];

for (const [name, extra, chartYaml, message] of BROKEN) {
  test(`a chart with ${name} is refused naming the file`, () => {
    const files: ChartFiles = {
      origin: 'demo-0.1.0.tgz',
      files: [
        ...(chartYaml === undefined ? [] : [{ path: 'Chart.yaml', data: Buffer.from(chartYaml) }]),
        ...Object.entries(extra).map(([path, data]) => ({ path, data: Buffer.isBuffer(data) ? data : Buffer.from(data) })),
      ],
    };
    refuses(() => loadChart(files), message);
  });
}
