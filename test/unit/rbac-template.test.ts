/** The template reader under the RBAC analysis: tokens, trim markers, printed lines and defines. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actionKind, includedNames, pipedIndent, valuesPaths, variableRefs } from '../../src/analysis/rbac/template/expr.js';
import { lineIndent, lineText, printedLines } from '../../src/analysis/rbac/template/lines.js';
import { parseTemplate } from '../../src/analysis/rbac/template/scopes.js';
import { lex } from '../../src/analysis/gotemplate/lex.js';

describe('lex (as the RBAC reader uses it)', () => {
  it('applies trim markers and keeps source line numbers', () => {
    const tokens = lex('a: 1\n{{- if .x }}\nb: 2\n  {{ .y -}}\n  c\n');
    assert.deepEqual(tokens.map((t) => (t.type === 'text' ? [t.text, t.line] : [`{{${t.expr}}}`, t.line])), [
      ['a: 1', 1], ['{{if .x}}', 2], ['\nb: 2\n  ', 2], ['{{.y}}', 4], ['c\n', 5],
    ]);
  });

  it('skips `}}` inside strings and comments, and marks comments', () => {
    const tokens = lex('{{ printf "}}" }}{{/* x }} y */}}{{- /* z */ -}}{{ `}}` }}');
    assert.deepEqual(tokens.map((t) => (t.type === 'action' ? [t.expr, t.comment] : t.text)), [
      ['printf "}}"', false], ['', true], ['', true], ['`}}`', false],
    ]);
  });

  it('keeps an unterminated action instead of throwing', () => {
    assert.deepEqual(lex('a {{ .x').map((t) => t.type), ['text', 'action']);
  });
});

describe('printed lines', () => {
  it('drops silent actions, keeps printing ones and every branch', () => {
    const lines = printedLines(lex('{{- if .a }}\nkind: A\n{{- else }}\nkind: B\n{{- end }}\n{{ $x := 1 }}name: {{ .n }}\n'));
    assert.deepEqual(lines.map((l) => [lineText(l, '{{}}'), l.line]), [['kind: A', 2], ['kind: B', 4], ['name: {{}}', 6]]);
  });

  it('starts a new line at `nindent` and reports its column', () => {
    const [labels, include] = printedLines(lex('  labels:\n    {{- include "l" . | nindent 4 }}\n'));
    assert.deepEqual([lineText(labels!), lineIndent(labels!)], ['  labels:', 2]);
    assert.deepEqual([lineText(include!, '{{}}'), lineIndent(include!)], ['{{}}', 4]);
  });

  it('does not glue text of one branch to printed actions of another', () => {
    const src = '{{- if .a }}\n  {{ required "x" .b }}\n{{- end }}\n{{- if .c -}}\napiVersion: v1\n';
    const lines = printedLines(lex(src));
    assert.deepEqual(lines.map((l) => [lineText(l, '{{}}'), lineIndent(l)]), [['  {{}}', 2], ['apiVersion: v1', 0]]);
  });
});

describe('scopes and expressions', () => {
  it('separates defines (and blocks) from the file body', () => {
    const parsed = parseTemplate('{{ define "a" }}{{ if .x }}A{{ end }}{{ end }}body{{ block "b" . }}B{{ end }}', 'templates/x.yaml', 0);
    assert.deepEqual(parsed.defines.map((d) => d.define), ['a', 'b']);
    assert.deepEqual(parsed.body.tokens.map((t) => (t.type === 'text' ? t.text : t.expr)), ['body', 'template "b" .']);
  });

  it('reads keywords, included names, values paths, variables and indentation', () => {
    assert.equal(actionKind('else if .x'), 'else');
    assert.equal(actionKind('$a := 1'), 'assign');
    assert.equal(actionKind('iffy .x'), 'value');
    assert.deepEqual(includedNames('tpl (include "a.b" .) $ | trim | include "c"'), ['a.b', 'c']);
    assert.deepEqual(valuesPaths('default "x" .Values.a.b-c | eq $.Values.d'), ['a.b-c', 'd']);
    assert.deepEqual(variableRefs('$route.kind | default $x'), [{ name: 'route', fields: ['kind'] }, { name: 'x', fields: [] }]);
    assert.equal(pipedIndent('include "x" . | nindent 4'), 4);
    assert.equal(pipedIndent('include "x" .'), 0);
  });
});
