/**
 * Which `fail` and `required` calls the chart's default values reach (the sample CR keeps them):
 * conditions evaluated as Go templates would on values.yaml, and silence wherever that cannot be
 * decided. The real charts are checked against helm itself in test/e2e/real-charts.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultFailures, defaultFailureWarning } from '../../src/analysis/default-failures.js';
import { loadChart } from '../../src/chart/load.js';
import { SUBCHART_CASES } from '../fixtures/default-failures/subcharts.js';

function failuresOf(values: string, template: string, path = 'templates/check.yaml'): string[] {
  const file = (p: string, text: string): { path: string; data: Buffer } => ({ path: p, data: Buffer.from(text) });
  const chart = loadChart({ origin: 'test', files: [file('Chart.yaml', 'apiVersion: v2\nname: demo\nversion: 0.1.0\n'), file('values.yaml', values), file(path, template)] });
  return defaultFailures(chart).map((f) => `${f.file}:${f.line} ${f.says}`);
}

const VALUES = [
  'mode: ""',
  'image:',
  '  repository: ""',
  '  tag: "1.0"',
  'replicas: 1',
  'enabled: true',
  'off: false',
  'items: []',
  'nothing: null',
].join('\n');

/** [template, what it reports]. */
const CASES: ReadonlyArray<[string, string[]]> = [
  ['{{ fail "always" }}', ['templates/check.yaml:1 always']],
  ['{{ if not .Values.mode }}{{ fail (printf "mode %q is not one of %s" .Values.mode "a, b") }}{{ end }}', ['templates/check.yaml:1 mode %q is not one of %s']],
  ['{{ printf "need %s" "x" | fail }}', ['templates/check.yaml:1 need %s']],
  ['{{ $m := "built" }}{{ if true }}{{ $m | fail }}{{ end }}', ['templates/check.yaml:1 a message the template builds']],
  ['{{ $m := "built" }}{{ if $m }}{{ $m | fail }}{{ end }}', []],
  ['{{- if not .Values.image.repository }}\n{{ fail "repository must be set" }}\n{{ end }}', ['templates/check.yaml:2 repository must be set']],
  ['{{- if not .Values.image.tag }}{{ fail "tag" }}{{ end }}', []],
  ['{{- if and (not (eq .Values.mode "daemonset")) (not (eq .Values.mode "deployment")) }}\n{{ fail "mode" }}\n{{ end }}', ['templates/check.yaml:2 mode']],
  ['{{ if eq .Values.mode "" }}{{ fail "empty mode" }}{{ end }}', ['templates/check.yaml:1 empty mode']],
  ['{{ if ne .Values.mode "" }}{{ fail "mode set" }}{{ end }}', []],
  ['{{ if eq .Values.enabled true }}{{ fail "enabled" }}{{ end }}', ['templates/check.yaml:1 enabled']],
  ['{{ if or .Values.off .Values.enabled }}{{ fail "or" }}{{ end }}', ['templates/check.yaml:1 or']],
  ['{{ if .Values.off }}{{ fail "a" }}{{ else if .Values.enabled }}{{ fail "b" }}{{ else }}{{ fail "c" }}{{ end }}', ['templates/check.yaml:1 b']],
  ['{{ if .Values.enabled }}ok{{ else }}{{ fail "else" }}{{ end }}', []],
  ['{{ if empty .Values.items }}{{ fail "no items" }}{{ end }}', ['templates/check.yaml:1 no items']],
  ['{{ if not .Values.missing.deeper }}{{ fail "missing is nil" }}{{ end }}', ['templates/check.yaml:1 missing is nil']],
  ['{{ if eq (toString .Values.enabled) "true" }}{{ fail "string" }}{{ end }}', ['templates/check.yaml:1 string']],
  ['{{ if eq (toString .Values.replicas) "1" }}{{ fail "number as text" }}{{ end }}', []],
  ['{{ if not (default "x" .Values.mode) }}{{ fail "default" }}{{ end }}', []],
  ['image: {{ required "image.repository is required" .Values.image.repository }}', ['templates/check.yaml:1 image.repository is required']],
  ['image: {{ .Values.nothing | required "nothing is required" }}', ['templates/check.yaml:1 nothing is required']],
  ['image: {{ required "tag is required" .Values.image.tag }}', []],
  ['{{ if required "mode is required" .Values.mode }}x{{ end }}', ['templates/check.yaml:1 mode is required']],
  ['{{ if .Values.enabled }}x{{ else if required "unreached" .Values.mode }}y{{ end }}', []],
  ['{{ if .Values.off }}x{{ else if required "reached" .Values.mode }}y{{ end }}', ['templates/check.yaml:1 reached']],
  ['{{ with required "with needs it" .Values.nothing }}{{ . }}{{ end }}', ['templates/check.yaml:1 with needs it']],
  // Undecidable: no warning.
  ['{{ if eq .Values.nothing "x" }}{{ fail "nil compared" }}{{ end }}', []],
  ['{{ if eq .Values.replicas "1" }}{{ fail "mixed kinds" }}{{ end }}', []],
  // Helm's values numbers are float64 and Go's eq will not compare them with an int literal.
  ['{{ if eq .Values.replicas 1 }}{{ fail "numbers" }}{{ end }}', []],
  ['{{ if .Release.IsInstall }}{{ fail "release" }}{{ end }}', []],
  ['{{ if semverCompare ">=1.0" .Capabilities.KubeVersion.Version }}{{ fail "capabilities" }}{{ end }}', []],
  ['{{ if .Values.mode | empty }}{{ fail "pipe" }}{{ end }}', []],
  ['{{ with .Values.image }}{{ fail "with" }}{{ end }}', []],
  ['{{ range .Values.items }}{{ fail "range" }}{{ end }}', []],
  ['{{ define "x" }}{{ fail "define" }}{{ end }}', []],
  ['{{ if constructor .Values.mode }}{{ fail "not a function" }}{{ end }}', []],
  ['{{ if .Values.enabled }}{{ if lookup "v1" "Secret" "" "" }}{{ fail "nested unknown" }}{{ end }}{{ fail "after" }}{{ end }}', ['templates/check.yaml:1 after']],
];

for (const [template, expected] of CASES) {
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
    file('templates/c.yaml', '{{ with .Values.image }}{{ include "demo.image" $ }}{{ end }}{{ include "demo.image" .Values }}{{ if .Values.off }}{{ include "demo.check" . }}{{ end }}'),
  ] });
  assert.deepEqual(defaultFailures(quiet), [], 'inside with, with another context, or under a false condition: not followed');
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
