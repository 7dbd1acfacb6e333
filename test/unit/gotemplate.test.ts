/** The shared Go template lexer both analyses read templates with. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lex, lexActions, unquote, type Token } from '../../src/analysis/gotemplate/lex.js';

/** A compact view of tokens: text as [text, line], actions as [`{{expr}}` or `/*`, line]. */
function view(tokens: readonly Token[]): [string, number][] {
  return tokens.map((t) => {
    if (t.type === 'text') return [t.text, t.line];
    return [t.comment ? '/*' : `{{${t.expr}}}`, t.line];
  });
}

describe('gotemplate lex: trim markers', () => {
  it('`{{- ` trims the whitespace before, newlines included', () => {
    assert.deepEqual(view(lex('a:  \n\t {{- .x }}')), [['a:', 1], ['{{.x}}', 2]]);
  });

  it('` -}}` trims the whitespace after and moves the text to its new first line', () => {
    assert.deepEqual(view(lex('{{ .x -}}\n\n  b\n')), [['{{.x}}', 1], ['b\n', 3]]);
  });

  it('drops text that trimming leaves empty', () => {
    assert.deepEqual(view(lex('{{ .a -}}\n  \n{{- .b }}')), [['{{.a}}', 1], ['{{.b}}', 3]]);
  });

  it('needs a space beside the dash: `{{-3}}` and `{{ 3-}}` are not trim markers', () => {
    assert.deepEqual(view(lex(' {{-3}} {{ 3-}} ')), [[' ', 1], ['{{-3}}', 1], [' ', 1], ['{{3-}}', 1], [' ', 1]]);
  });

  it('takes tab and newline as the space of a trim marker', () => {
    assert.deepEqual(view(lex('a {{-\t.x\n-}} b')), [['a', 1], ['{{.x}}', 1], ['b', 2]]);
  });
});

describe('gotemplate lex: comments', () => {
  it('turns comments into silent actions, with or without trim markers', () => {
    const tokens = lex('a {{/* one */}} b {{- /* two */ -}} c');
    assert.deepEqual(view(tokens), [['a ', 1], ['/*', 1], [' b', 1], ['/*', 1], ['c', 1]]);
    assert.deepEqual(tokens.filter((t) => t.type === 'action').map((t) => t.type === 'action' && t.expr), ['', '']);
  });

  it('lets a comment hold `}}`, quotes and newlines', () => {
    assert.deepEqual(view(lex('{{/* a }} "b\n` c */}}\nd')), [['/*', 1], ['\nd', 2]]);
  });

  it('lexActions leaves comments out', () => {
    assert.deepEqual(lexActions('{{/* x */}}{{ .a }}{{- /* y */}}').map((a) => a.expr), ['.a']);
  });
});

describe('gotemplate lex: strings', () => {
  it('skips `}}` inside double-quoted strings, escapes included', () => {
    assert.deepEqual(view(lex('{{ printf "}} \\" }}" .x }}.')), [['{{printf "}} \\" }}" .x}}', 1], ['.', 1]]);
  });

  it('skips `}}` inside raw strings, which may span lines', () => {
    assert.deepEqual(view(lex('{{ `a }}\nb` }}\nc')), [['{{`a }}\nb`}}', 1], ['\nc', 2]]);
  });

  it("skips `}}` inside char constants ('}')", () => {
    assert.deepEqual(view(lex("{{ eq '}' .x }}!")), [["{{eq '}' .x}}", 1], ['!', 1]]);
  });

  it('ends an unterminated double-quoted string at the end of its line', () => {
    assert.deepEqual(view(lex('{{ "a\n}} b')), [['{{"a}}', 1], [' b', 2]]);
  });

  it('does not look for strings in literal text', () => {
    assert.deepEqual(view(lex('say "{{ .x }}" and `{{ .y }}`')), [
      ['say "', 1], ['{{.x}}', 1], ['" and `', 1], ['{{.y}}', 1], ['`', 1],
    ]);
  });
});

describe('gotemplate lex: line numbers', () => {
  it('gives each token the source line it starts on', () => {
    const src = 'a\n{{ if .x }}\nb\n{{ .y\n  | quote }}\n{{/* c\n*/}}{{ end }}\n';
    assert.deepEqual(view(lex(src)), [
      ['a\n', 1], ['{{if .x}}', 2], ['\nb\n', 2], ['{{.y\n  | quote}}', 4], ['\n', 5], ['/*', 6], ['{{end}}', 7], ['\n', 7],
    ]);
  });

  it('counts newlines inside strings and comments', () => {
    assert.deepEqual(lexActions('{{ `x\ny` }}{{/*\n\n*/}}\n{{ .z }}').map((a) => [a.expr, a.line]), [['`x\ny`', 1], ['.z', 5]]);
  });
});

describe('gotemplate lex: broken input', () => {
  it('runs an unterminated action to the end of the text', () => {
    assert.deepEqual(view(lex('a\n{{ .x | quote')), [['a\n', 1], ['{{.x | quote}}', 2]]);
  });

  it('still strips a right trim marker at the very end', () => {
    assert.deepEqual(view(lex('{{ .x -')), [['{{.x}}', 1]]);
  });

  it('runs an unterminated comment, string or raw string to the end', () => {
    assert.deepEqual(view(lex('{{/* x }}')), [['/*', 1]]);
    assert.deepEqual(view(lex('{{ `x }}\n')), [['{{`x }}}}', 1]]);
    assert.deepEqual(view(lex('{{ "x }}')), [['{{"x }}}}', 1]]);
  });

  it('keeps a lone `{{` as an action and text without actions as it is', () => {
    assert.deepEqual(view(lex('{{')), [['{{}}', 1]]);
    assert.deepEqual(view(lex('}} a } b {')), [['}} a } b {', 1]]);
    assert.deepEqual(lex(''), []);
  });

  it('stays linear on long runs of spaces, quotes and open delimiters', () => {
    const n = 200_000;
    for (const src of [`a${' '.repeat(n)}{{- .x }}`, `{{ ${'"'.repeat(n)} }}`, '{{'.repeat(n), `{{ ${'\\'.repeat(n)}`]) {
      const start = performance.now();
      lex(src);
      assert.ok(performance.now() - start < 10_000, `lexing ${src.slice(0, 12)}… took too long`);
    }
  });
});

describe('gotemplate unquote: string literals as Go reads them', () => {
  it('decodes Go escapes in double-quoted strings and char constants, not in raw strings', () => {
    const cases: Array<[string, string]> = [
      ['"plain"', 'plain'],
      ['"a\\nb\\tc"', 'a\nb\tc'],
      ['"\\"quoted\\" and \\\\"', '"quoted" and \\'],
      ['"\\x41BC \\101 \\u00e9 \\U0001F600"', 'ABC A é 😀'],
      ["'\\''", "'"],
      ['`raw\\n`', 'raw\\n'],
      ['"unterminated', 'unterminated'],
    ];
    for (const [literal, value] of cases) assert.equal(unquote(literal), value, literal);
  });
});
