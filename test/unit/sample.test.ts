import { test } from 'node:test';
import assert from 'node:assert/strict';
import yaml from 'js-yaml';
import { sampleSpecBlock } from '../../src/model/sample.js';
import { parseHelmYaml } from '../../src/util/yaml.js';
import type { Warning } from '../../src/diagnostics.js';

function spec(text: string): { block: string; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const values = (parseHelmYaml(text, 'values.yaml') ?? {}) as Record<string, unknown>;
  return { block: sampleSpecBlock(text, values, warnings), warnings };
}

test('the sample spec keeps comments and key order', () => {
  const { block, warnings } = spec('# replicas\nreplicaCount: 2\n\nimage:\n  # the tag\n  tag: "1.0"\n  repository: x\nscript: |\n  echo hi\n    indented\n');
  assert.equal(block, '\n  # replicas\n  replicaCount: 2\n\n  image:\n    # the tag\n    tag: "1.0"\n    repository: x\n  script: |\n    echo hi\n      indented\n');
  assert.deepEqual(warnings, []);
  assert.deepEqual(Object.keys((yaml.load(`spec:${block}`) as any).spec), ['replicaCount', 'image', 'script']);
});

test('empty values give spec: {}; a document marker and CRLF are handled', () => {
  assert.equal(spec('# only a comment\n').block, ' {}\n');
  assert.equal(spec('---\r\na: 1\r\n').block, '\n  a: 1\n');
});
