/** How the template scan reads `.Values`: one construct per case, as template text and the usage it records. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractActions, tokenize } from '../../src/analysis/schema/templates/actions.js';
import { ValueUsage } from '../../src/analysis/schema/templates/usage.js';
import { walkTemplate } from '../../src/analysis/schema/templates/walk.js';

/** Every path the usage records, with how it is used: `a.b`, `a.b (whole)`, `a (as-is)`, `a (tpl)`. */
function usageOf(template: string): string[] {
  const usage = new ValueUsage();
  walkTemplate(template, 'templates/t.yaml', usage);
  const out: string[] = [];
  const visit = (path: string[]): void => {
    for (const key of [...(usage.find(path)?.children.keys() ?? [])].sort()) {
      const p = [...path, key];
      const node = usage.find(p);
      const how = node?.tpl ? ' (tpl)' : node?.serialized ? ' (as-is)' : node?.whole ? ' (whole)' : '';
      out.push(`${p.join('.')}${how}`);
      visit(p);
    }
  };
  if (usage.find([])?.whole) out.push('.Values (whole)');
  visit([]);
  return out;
}

const cases: { name: string; template: string; usage: string[] }[] = [
  { name: 'a value printed is used whole', template: '{{ .Values.a.b }}', usage: ['a', 'a.b (whole)'] },
  { name: 'a value tested in if is only read', template: '{{ if .Values.a.enabled }}x{{ end }}', usage: ['a', 'a.enabled'] },
  { name: 'an object handed to a function in a test is used whole', template: '{{ if include "x" .Values.a }}{{ end }}', usage: ['a (whole)'] },
  { name: 'toYaml writes a value as-is', template: '{{ toYaml .Values.resources | nindent 2 }}', usage: ['resources (as-is)'] },
  { name: 'range writes a value as-is', template: '{{ range $k, $v := .Values.labels }}{{ $k }}{{ end }}', usage: ['labels (as-is)'] },
  { name: 'tpl renders a value', template: '{{ tpl .Values.extra . }}', usage: ['extra (tpl)'] },
  { name: "bitnami's tplvalues helper renders a value", template: '{{ include "common.tplvalues.render" (dict "value" .Values.podLabels "context" $) }}', usage: ['podLabels (tpl)'] },
  { name: 'dot inside with is the value', template: '{{ with .Values.svc }}{{ .port }}{{ toYaml .annotations }}{{ end }}', usage: ['svc', 'svc.annotations (as-is)', 'svc.port (whole)'] },
  { name: 'with else restores dot', template: '{{ with .Values.a }}{{ .x }}{{ else }}{{ .Values.b }}{{ end }}', usage: ['a', 'a.x (whole)', 'b (whole)'] },
  { name: 'with through default binds dot too', template: '{{ with .Values.a | default dict }}{{ .x }}{{ end }}', usage: ['a', 'a.x (whole)'] },
  { name: 'dot inside range is unknown', template: '{{ range .Values.hosts }}{{ .name }}{{ end }}', usage: ['hosts (as-is)'] },
  { name: 'variables hold value paths', template: '{{ $svc := .Values.service }}{{ $svc.port }}{{ $svc = .Values.other }}{{ $svc.x }}', usage: ['other', 'other.x (whole)', 'service', 'service.port (whole)'] },
  { name: 'variables end with their block', template: '{{ with .Values.a }}{{ $v := .b }}{{ end }}{{ $v.c }}', usage: ['a', 'a.b'] },
  { name: 'file variables are not visible inside a define', template: '{{ $a := .Values.x }}{{ define "h" }}{{ $a.y }}{{ end }}{{ $a.z }}', usage: ['x', 'x.z (whole)'] },
  { name: 'deepCopy and default pass a value through', template: '{{ $v := deepCopy .Values.a }}{{ $v.b }}{{ $w := default dict .Values.c }}{{ $w.d }}', usage: ['a', 'a.b (whole)', 'c', 'c.d (whole)'] },
  { name: 'index with literal keys extends the path', template: '{{ (index .Values "redis-ha" "enabled") }}', usage: ['redis-ha', 'redis-ha.enabled (whole)'] },
  { name: 'root and dict contexts', template: '{{ $.Values.a }}{{ .context.Values.b }}{{ $root := . }}{{ $root.Values.c }}', usage: ['a (whole)', 'b (whole)', 'c (whole)'] },
  { name: 'helpers: define bodies see the root context', template: '{{ define "x" }}{{ .Values.name }}{{ end }}{{ include "x" . }}', usage: ['name (whole)'] },
  { name: 'handing .Values itself on is recorded', template: '{{ include "x" .Values }}', usage: ['.Values (whole)'] },
  { name: 'hashing .Values is not a use of its keys', template: '{{ toYaml .Values | sha256sum }}', usage: [] },
  { name: 'comments and strings are skipped', template: '{{/* .Values.no */}}{{ printf "{{ .Values.no }}" }}{{- .Values.yes -}}', usage: ['yes (whole)'] },
  { name: 'a chain after a parenthesis is not read from dot', template: '{{ with .Values.a }}{{ (index $ "x").y }}{{ end }}', usage: ['a'] },
];

describe('template scan: one construct per case', () => {
  for (const c of cases) it(c.name, () => assert.deepEqual(usageOf(c.template), c.usage));
});

describe('template actions', () => {
  it('finds actions with their lines, trimming markers and skipping comments', () => {
    const actions = extractActions('a: {{ .Values.a }}\n{{- /* c\n */ -}}\nb: {{- "}}" }}\n');
    assert.deepEqual(actions.map((a) => [a.line, a.tokens]), [
      [1, [{ kind: 'field', chain: ['Values', 'a'] }]],
      [4, [{ kind: 'string', value: '}}' }]],
    ]);
  });

  it('tokenises fields, variables, identifiers, strings and the rest', () => {
    assert.deepEqual(tokenize('$x := index $.Values "a-b" 0 | default `raw` . .y'), [
      { kind: 'var', name: '$x', chain: [] },
      { kind: 'other', text: ':=' },
      { kind: 'ident', name: 'index' },
      { kind: 'var', name: '$', chain: ['Values'] },
      { kind: 'string', value: 'a-b' },
      { kind: 'other', text: '0' },
      { kind: 'other', text: '|' },
      { kind: 'ident', name: 'default' },
      { kind: 'string', value: 'raw' },
      { kind: 'field', chain: [] },
      { kind: 'field', chain: ['y'] },
    ]);
  });
});
