/** Inference from values.yaml and the templates: one rule per case, as input/expected-output pairs. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { INT_OR_STRING, OPEN, chartOf, lines, valuesSchema } from '../fixtures/schema/chart.js';

/** A template that reads each top-level key by name (so the top-level object is closed). */
const readsKeys = (...keys: string[]): string => keys.map((k) => `{{ .Values.${k} }}`).join('\n');

interface Case {
  readonly name: string;
  readonly values: string;
  readonly template?: string;
  readonly expected: Record<string, unknown>;
}

const closed = (properties: Record<string, unknown>): Record<string, unknown> => ({ properties, type: 'object' });

const cases: Case[] = [
  {
    name: 'scalar types from the defaults: integer vs number, string',
    values: lines('i: 3', 'f: 0.5', 's: text'),
    template: readsKeys('i', 'f', 's'),
    expected: closed({ f: { type: 'number' }, i: { type: 'integer' }, s: { type: 'string' } }),
  },
  {
    name: 'booleans the way Helm (YAML 1.1) reads them: true, yes, off',
    values: lines('a: true', 'b: yes', 'c: off', 'd: "yes"'),
    template: readsKeys('a', 'b', 'c', 'd'),
    expected: closed({ a: { type: 'boolean' }, b: { type: 'boolean' }, c: { type: 'boolean' }, d: { type: 'string' } }),
  },
  {
    name: 'null is an open value',
    values: 'a: null\nb: ~\n',
    template: readsKeys('a', 'b'),
    expected: closed({ a: { nullable: true, [OPEN]: true }, b: { nullable: true, [OPEN]: true } }),
  },
  { name: '{} is an open object', values: 'o: {}\n', template: readsKeys('o'), expected: closed({ o: { type: 'object', [OPEN]: true } }) },
  { name: '[] is a list of open items', values: 'l: []\n', template: readsKeys('l'), expected: closed({ l: { items: { [OPEN]: true }, type: 'array' } }) },
  {
    name: 'list items come from the elements',
    values: lines('ints: [1, 2]', 'ports: [80, http]', 'mixed: [a, {b: 1}]', 'objs:', '  - {a: 1}', '  - {b: x}'),
    template: readsKeys('ints', 'ports', 'mixed', 'objs'),
    expected: closed({
      ints: { items: { type: 'integer' }, type: 'array' },
      ports: { items: { [INT_OR_STRING]: true }, type: 'array' },
      mixed: { items: { [OPEN]: true }, type: 'array' },
      objs: { items: { properties: { a: { type: 'integer' }, b: { type: 'string' } }, type: 'object', [OPEN]: true }, type: 'array' },
    }),
  },
  {
    name: 'known int-or-string fields and percentages accept both',
    values: lines('maxUnavailable: 1', 'surge: 25%', 'targetPort: http'),
    template: readsKeys('maxUnavailable', 'surge', 'targetPort'),
    expected: closed({ maxUnavailable: { [INT_OR_STRING]: true }, surge: { [INT_OR_STRING]: true }, targetPort: { [INT_OR_STRING]: true } }),
  },
  {
    name: 'an object whose keys the templates read by name is closed, and gains the keys they read but values.yaml lacks',
    values: lines('image:', '  repository: nginx'),
    template: '{{ .Values.image.repository }}:{{ .Values.image.tag }}',
    expected: closed({ image: closed({ repository: { type: 'string' }, tag: { [OPEN]: true } }) }),
  },
  {
    name: 'an object handed whole to a helper stays open but typed',
    values: lines('image:', '  repository: nginx'),
    template: '{{ include "image" .Values.image }}',
    expected: { properties: { image: { properties: { repository: { type: 'string' } }, type: 'object', [OPEN]: true } }, type: 'object' },
  },
  {
    name: 'contents written as-is (toYaml) are documented but not typed',
    values: lines('resources:', '  limits:', '    cpu: 100m'),
    template: '{{ toYaml .Values.resources }}',
    expected: closed({ resources: { properties: { limits: { properties: { cpu: { [OPEN]: true } }, type: 'object', [OPEN]: true } }, type: 'object', [OPEN]: true } }),
  },
  {
    name: 'values rendered with tpl are open values (string or structure)',
    values: lines('extra: ""', 'more: []'),
    template: '{{ tpl .Values.extra . }}{{ tpl (toYaml .Values.more) . }}',
    expected: closed({ extra: { [OPEN]: true }, more: { [OPEN]: true } }),
  },
  {
    name: 'an object the templates never read by key stays open',
    values: lines('unused:', '  a: 1'),
    expected: { properties: { unused: { properties: { a: { type: 'integer' } }, type: 'object', [OPEN]: true } }, type: 'object', [OPEN]: true },
  },
  {
    name: 'global stays open: subcharts read it too',
    values: lines('global:', '  registry: r'),
    template: '{{ .Values.global.registry }}',
    expected: closed({ global: { properties: { registry: { type: 'string' } }, type: 'object', [OPEN]: true } }),
  },
  {
    name: 'objects named like free-form Kubernetes fields stay open',
    values: lines('podAnnotations:', '  a: b'),
    template: '{{ .Values.podAnnotations.a }}',
    expected: closed({ podAnnotations: { properties: { a: { type: 'string' } }, type: 'object', [OPEN]: true } }),
  },
  {
    name: 'when templates hand .Values itself on, everything stays open',
    values: lines('a:', '  b: 1'),
    template: '{{ .Values.a.b }}{{ include "all" .Values }}',
    expected: { properties: { a: { properties: { b: { type: 'integer' } }, type: 'object', [OPEN]: true } }, type: 'object', [OPEN]: true },
  },
  {
    name: 'templates reading keys under a scalar default make it an open value',
    values: 'ingress: false\n',
    template: '{{ if .Values.ingress.enabled }}{{ end }}',
    expected: closed({ ingress: { [OPEN]: true } }),
  },
];

describe('infer from values.yaml: one rule per case', () => {
  for (const c of cases) {
    it(c.name, () => {
      const chart = chartOf({ 'values.yaml': c.values, ...(c.template ? { 'templates/t.yaml': c.template } : {}) });
      assert.deepEqual(valuesSchema(chart).schema, c.expected);
    });
  }
});

describe('infer from values.yaml: what was left open, and why', () => {
  it('records each open place once, outermost first, in values.yaml order', () => {
    const chart = chartOf({
      'values.yaml': lines('resources: {}', 'labels:', '  a: b', 'image:', '  tag: x'),
      'templates/t.yaml': '{{ toYaml .Values.labels }}{{ .Values.image.tag }}{{ .Values.image.digest }}{{ .Values.resources }}',
    });
    assert.deepEqual(valuesSchema(chart).open, [
      { path: 'resources', reason: 'empty in values.yaml (free-form)' },
      { path: 'labels', reason: 'written into manifests as-is (toYaml, range)' },
      { path: 'image.digest', reason: 'read by templates, not in values.yaml' },
    ]);
  });

  it('warns, naming the template and line, when templates hand .Values on whole', () => {
    const chart = chartOf({ 'values.yaml': 'a: 1\n', 'templates/t.yaml': lines('kind: ConfigMap', 'data: {{ include "all" .Values }}') });
    assert.deepEqual(valuesSchema(chart).warnings, [{
      file: 'templates/t.yaml',
      line: 2,
      message: 'hands .Values on as a whole, so which keys the chart reads cannot be seen; the CR spec accepts unknown keys',
    }]);
  });
});
