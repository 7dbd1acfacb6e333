import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dumpYaml, parseHelmYaml, parseHelmYamlAll } from '../../src/util/yaml.js';
import { UserError } from '../../src/diagnostics.js';

test('values parse as Helm reads them: YAML 1.1 booleans', () => {
  assert.deepEqual(
    parseHelmYaml('a: true\nb: False\nc: yes\nd: off\ne: "yes"\nf: y\ng: 1\nh: 1.5\ni: ~\nj: 0x10\n', 'values.yaml'),
    { a: true, b: false, c: true, d: false, e: 'yes', f: true, g: 1, h: 1.5, i: null, j: 16 },
  );
  assert.equal(dumpYaml({ a: true, b: 'yes' }), 'a: true\nb: "yes"\n');
});

test('duplicate keys: the last wins, as in Helm', () => {
  assert.deepEqual(parseHelmYaml('a: 1\na: 2\n', 'v.yaml'), { a: 2 });
});

test('multi-document streams drop empty documents', () => {
  assert.deepEqual(parseHelmYamlAll('---\na: 1\n---\n---\nb: 2\n', 'x.yaml'), [{ a: 1 }, { b: 2 }]);
});

test('an alias bomb fails fast with a message naming the file', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
  }
  const start = Date.now();
  assert.throws(() => parseHelmYaml(lines.join('\n'), 'bomb.yaml'), (e: unknown) => e instanceof UserError && /bomb\.yaml: .*alias bomb/.test((e as Error).message));
  assert.ok(Date.now() - start < 5000);
});

test('deep nesting and syntax errors are user errors naming the file and line', () => {
  assert.throws(() => parseHelmYaml('['.repeat(5000) + ']'.repeat(5000), 'deep.yaml'), (e: unknown) => e instanceof UserError && /^deep\.yaml:1: YAML nests deeper than 200 levels/.test((e as Error).message));
  // One limit, ours: js-yaml's own (100 levels) does not stop YAML within it.
  const nested = (n: number): string => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1';
  assert.equal(typeof parseHelmYaml(nested(150), 'ok.yaml'), 'object');
  assert.throws(() => parseHelmYamlAll(nested(250), 'deep.yaml'), (e: unknown) => e instanceof UserError && /^deep\.yaml:\d+: YAML nests deeper than 200 levels; refusing to read it$/.test((e as Error).message));
  assert.throws(() => parseHelmYaml('a: [\n', 'bad.yaml'), (e: unknown) => e instanceof UserError && /^bad\.yaml:\d+: invalid YAML/.test((e as Error).message));
});
