/**
 * Which `fail` and `required` calls the chart's default values reach (the sample CR keeps them):
 * conditions evaluated as Go templates would on values.yaml, and silence wherever that cannot be
 * decided. The real charts are checked against helm itself in test/e2e/real-charts.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultFailures, defaultFailureWarning } from '../../src/analysis/default-failures.js';
import { loadChart } from '../../src/chart/load.js';
import { SUBCHART_CASES, TEMPLATE_CASES, VALUES } from '../fixtures/default-failures/cases.js';

function failuresOf(values: string, template: string, path = 'templates/check.yaml'): string[] {
  const file = (p: string, text: string): { path: string; data: Buffer } => ({ path: p, data: Buffer.from(text) });
  const chart = loadChart({ origin: 'test', files: [file('Chart.yaml', 'apiVersion: v2\nname: demo\nversion: 0.1.0\n'), file('values.yaml', values), file(path, template)] });
  return defaultFailures(chart).map((f) => `${f.file}:${f.line} ${f.says}`);
}

for (const [template, expected] of TEMPLATE_CASES) {
  test(`${JSON.stringify(template)} reports ${JSON.stringify(expected)}`, () => {
    assert.deepEqual(failuresOf(VALUES, template), expected);
  });
}

test('partials (_*.tpl) are not rendered on their own; NOTES.txt is', () => {
  assert.deepEqual(failuresOf(VALUES, '{{ fail "partial" }}', 'templates/_helpers.tpl'), []);
  assert.deepEqual(failuresOf(VALUES, '{{ fail "notes" }}', 'templates/NOTES.txt'), ['templates/NOTES.txt:1 notes']);
});

test('the warning names the chart\'s message on one line, cut short when long, and says what to do', () => {
  const chart = loadChart({ origin: 'test', files: [
    { path: 'Chart.yaml', data: Buffer.from('apiVersion: v2\nname: demo\nversion: 0.1.0\n') },
    { path: 'templates/x.yaml', data: Buffer.from(`{{ fail "first\\n  second" }}\n{{ fail "${'x'.repeat(400)}" }}`) },
  ] });
  const [short, long] = defaultFailures(chart);
  assert.deepEqual(short, { file: 'templates/x.yaml', line: 1, says: 'first second' });
  assert.equal(long?.says, `${'x'.repeat(299)}…`);
  assert.deepEqual(defaultFailureWarning(short!), {
    file: 'templates/x.yaml', line: 1,
    message: 'fails the release with the chart\'s default values, which the sample CR keeps: "first second"; set what it asks for in the sample\'s spec before applying it',
  });
});

test('helpers included with the root context are followed, once each, and reported at the line in the helper', () => {
  const file = (p: string, text: string): { path: string; data: Buffer } => ({ path: p, data: Buffer.from(text) });
  const helpers = [
    '{{- define "demo.image" -}}',
    '{{ required "image.repository must be set" .Values.image.repository }}:{{ .Values.image.tag }}',
    '{{- end }}',
    '{{- define "demo.check" -}}',
    '{{- if not .Values.mode }}{{ fail "mode must be set" }}{{ end -}}',
    '{{ include "demo.image" $ }}',
    '{{- end }}',
    '{{- define "demo.loop" -}}{{ include "demo.loop" . }}{{- end }}',
    '{{- define "demo.fine" -}}{{ required "tag" .Values.image.tag }}{{- end }}',
  ].join('\n');
  const chart = loadChart({ origin: 'test', files: [
    file('Chart.yaml', 'apiVersion: v2\nname: demo\nversion: 0.1.0\n'),
    file('values.yaml', VALUES),
    file('templates/_helpers.tpl', helpers),
    file('templates/a.yaml', 'image: {{ include "demo.image" . }}\n{{ include "demo.check" . }}\n{{ include "demo.loop" . }}{{ include "demo.fine" . }}'),
    file('templates/b.yaml', '{{ include "demo.check" . }}'),
    file('templates/c.yaml', '{{ with .Values.image }}{{ include "demo.image" $ }}{{ end }}{{ include "demo.image" .Values }}'),
    file('templates/d.yaml', '{{ if .Values.enabled }}{{ include "demo.check" . }}{{ end }}{{ if .Values.off }}{{ include "demo.image" . }}{{ end }}'),
  ] });
  assert.deepEqual(defaultFailures(chart).map((f) => `${f.file}:${f.line} ${f.says}`), [
    'templates/_helpers.tpl:2 image.repository must be set',
    'templates/_helpers.tpl:5 mode must be set',
  ]);
  const quiet = loadChart({ origin: 'test', files: [
    file('Chart.yaml', 'apiVersion: v2\nname: demo\nversion: 0.1.0\n'),
    file('values.yaml', VALUES),
    file('templates/_helpers.tpl', helpers),
    file('templates/c.yaml', '{{ with .Values.image }}{{ include "demo.image" . }}{{ end }}{{ include "demo.image" .Values }}{{ if .Values.off }}{{ include "demo.check" . }}{{ end }}'),
  ] });
  assert.deepEqual(defaultFailures(quiet), [], 'with the dot of a with block, another context, or under a false condition: not followed');
});

test('hostile conditions: absurd nesting is undecided, quickly, without overflowing the stack', () => {
  const deep = `{{ if ${'(not '.repeat(50_001)}.Values.mode${')'.repeat(50_001)} }}{{ fail "deep" }}{{ end }}`;
  const start = Date.now();
  assert.deepEqual(failuresOf(VALUES, deep), []);
  assert.deepEqual(failuresOf(VALUES, `{{ if ${'(not '.repeat(9)}.Values.mode${')'.repeat(9)} }}{{ fail "nine" }}{{ end }}`), ['templates/check.yaml:1 nine']);
  assert.ok(Date.now() - start < 5000);
});

test('hostile helpers: each is walked once however often it is included', () => {
  const file = (p: string, text: string): { path: string; data: Buffer } => ({ path: p, data: Buffer.from(text) });
  // h0 includes h1 ten times, h1 includes h2 ten times, …: 10^12 paths if each call were walked.
  const helpers = Array.from({ length: 12 }, (_, n) => `{{- define "h${n}" -}}${`{{ include "h${n + 1}" . }}`.repeat(10)}{{- end }}`).join('\n')
    + '\n{{- define "h12" -}}{{ required "deepest" .Values.mode }}{{- end }}';
  const chart = loadChart({ origin: 'test', files: [
    file('Chart.yaml', 'apiVersion: v2\nname: demo\nversion: 0.1.0\n'),
    file('values.yaml', VALUES),
    file('templates/_helpers.tpl', helpers),
    file('templates/a.yaml', '{{ include "h0" . }}'),
  ] });
  const start = Date.now();
  assert.deepEqual(defaultFailures(chart).map((f) => f.says), ['deepest']);
  assert.ok(Date.now() - start < 5000);
});

test('helper names are read as Go reads the literal: raw (backquoted) and with escapes', () => {
  const file = (p: string, text: string): { path: string; data: Buffer } => ({ path: p, data: Buffer.from(text) });
  const chart = loadChart({ origin: 'test', files: [
    file('Chart.yaml', 'apiVersion: v2\nname: demo\nversion: 0.1.0\n'),
    file('values.yaml', VALUES),
    file('templates/_helpers.tpl', '{{- define "demo.raw" -}}{{ fail "raw" }}{{- end }}\n{{- define "demo.esc" -}}{{ fail "escaped" }}{{- end }}\n'),
    file('templates/a.yaml', '{{ include `demo.raw` . }}\n'),
    file('templates/b.yaml', '{{ template "demo\\x2eesc" . }}\n'),
  ] });
  assert.deepEqual(defaultFailures(chart).map((f) => `${f.file}:${f.line} ${f.says}`), [
    'templates/_helpers.tpl:1 raw',
    'templates/_helpers.tpl:2 escaped',
  ]);
});

for (const c of SUBCHART_CASES) {
  test(`subcharts: ${c.name}`, () => {
    const chart = loadChart({ origin: 'test', files: Object.keys(c.files).sort().map((path) => ({ path, data: Buffer.from(c.files[path]!) })) });
    const found = defaultFailures(chart).map((f) => `${f.file}:${f.line} ${f.says}${f.under === undefined ? '' : ` [${f.under}]`}`);
    assert.deepEqual(found.sort(), [...c.expected].sort());
  });
}

test("a subchart's failure says where in the spec its values go", () => {
  const failure = { file: 'charts/sub/templates/a.yaml', line: 1, says: 'host is required', under: 'first' };
  assert.match(defaultFailureWarning(failure).message, /set what it asks for in the sample's spec under first before applying it$/);
});
