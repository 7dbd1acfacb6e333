/** validateAgainstSchema mirrors the API server; generated schemas reject wrong types and unknown keys where they should. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildCrdSchema, validateAgainstSchema } from '../../src/analysis/schema/index.js';
import { INT_OR_STRING, OPEN, chartOf, lines } from '../fixtures/schema/chart.js';

interface RuleCase {
  readonly name: string;
  readonly schema: Record<string, unknown>;
  readonly value: unknown;
  readonly problems: readonly string[];
}

const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'object', properties, ...extra });

const rules: RuleCase[] = [
  { name: 'integer rejects a string', schema: obj({ n: { type: 'integer' } }), value: { n: 'two' }, problems: ['n: Invalid value: "string": must be of type integer: "two"'] },
  { name: 'integer rejects a fraction', schema: obj({ n: { type: 'integer' } }), value: { n: 1.5 }, problems: ['n: Invalid value: "number": must be of type integer: 1.5'] },
  { name: 'number accepts an integer', schema: obj({ n: { type: 'number' } }), value: { n: 2 }, problems: [] },
  { name: 'an unknown field of a closed object is reported', schema: obj({ a: { type: 'string' } }), value: { b: 'x' }, problems: ['b: unknown field (pruned by the API server; rejected by strict field validation)'] },
  { name: 'unknown fields of an open object are kept, unchecked', schema: obj({ a: { type: 'string' } }, { [OPEN]: true }), value: { b: { c: 1 } }, problems: [] },
  { name: 'known fields of an open object are still checked', schema: obj({ a: { type: 'string' } }, { [OPEN]: true }), value: { a: 1 }, problems: ['a: Invalid value: "integer": must be of type string: 1'] },
  { name: 'map values are checked against additionalProperties', schema: { type: 'object', additionalProperties: { type: 'string' } }, value: { x: 'a', y: 2 }, problems: ['y: Invalid value: "integer": must be of type string: 2'] },
  { name: 'a non-nullable null field is pruned, so it is reported', schema: obj({ a: { type: 'string' } }), value: { a: null }, problems: ['a: null is pruned by the API server (not nullable), so Helm never sees it'] },
  { name: 'a nullable field keeps null', schema: obj({ a: { type: 'string', nullable: true } }), value: { a: null }, problems: [] },
  { name: 'a null list item must be nullable', schema: obj({ l: { type: 'array', items: { type: 'string' } } }), value: { l: [null] }, problems: ['l[0]: Invalid value: "null": must be of type string'] },
  { name: 'int-or-string takes both', schema: obj({ p: { [INT_OR_STRING]: true } }), value: { p: 80 }, problems: [] },
  { name: 'int-or-string rejects others', schema: obj({ p: { [INT_OR_STRING]: true } }), value: { p: true }, problems: ['p: Invalid value: "boolean": must be an integer or a string'] },
  { name: 'an open value takes anything', schema: obj({ v: { [OPEN]: true } }), value: { v: [1, { a: 2 }] }, problems: [] },
  { name: 'enum', schema: obj({ e: { type: 'string', enum: ['a', 'b'] } }), value: { e: 'c' }, problems: ['e: Unsupported value: "c": supported values: "a", "b"'] },
  { name: 'pattern', schema: obj({ s: { type: 'string', pattern: '^[a-z]+$' } }), value: { s: 'A' }, problems: ["s: Invalid value: \"A\": should match '^[a-z]+$'"] },
  { name: 'string lengths count characters', schema: obj({ s: { type: 'string', maxLength: 2, minLength: 2 } }), value: { s: 'äöü' }, problems: ['s: Too long: may not be more than 2 characters'] },
  {
    name: 'bounds, exclusive and inclusive',
    schema: obj({ a: { type: 'integer', minimum: 1, exclusiveMinimum: true }, b: { type: 'integer', maximum: 3 } }),
    value: { a: 1, b: 4 },
    problems: ['a: Invalid value: 1: should be greater than 1', 'b: Invalid value: 4: should be less than or equal to 3'],
  },
  { name: 'multipleOf', schema: obj({ n: { type: 'number', multipleOf: 0.5 } }), value: { n: 0.75 }, problems: ['n: Invalid value: 0.75: should be a multiple of 0.5'] },
  { name: 'item counts', schema: obj({ l: { type: 'array', items: { type: 'integer' }, maxItems: 1 } }), value: { l: [1, 2] }, problems: ['l: Too many: 2: must have at most 1 items'] },
  { name: 'known formats', schema: obj({ t: { type: 'string', format: 'date-time' }, ip: { type: 'string', format: 'ipv4' } }), value: { t: 'yesterday', ip: '10.0.0.1' }, problems: ['t: Invalid value: "yesterday": must be of format date-time'] },
  { name: 'errors name the path through lists', schema: obj({ l: { type: 'array', items: obj({ n: { type: 'integer' } }) } }), value: { l: [{ n: 1 }, { n: 'x' }] }, problems: ['l[1].n: Invalid value: "string": must be of type integer: "x"'] },
  {
    name: 'anyOf needs one branch and does not prune',
    schema: { type: 'object', [OPEN]: true, anyOf: [obj({ a: { type: 'string' } }), obj({ b: { type: 'string' } })] },
    value: { a: 1, b: 2 },
    problems: ['(root): Invalid value: must validate at least one schema (anyOf)'],
  },
  { name: 'metadata at the root belongs to the API server', schema: obj({ metadata: { type: 'object' } }), value: { metadata: { name: 'x', labels: { a: 'b' } } }, problems: [] },
];

describe('validateAgainstSchema: one API server rule per case', () => {
  for (const c of rules) it(c.name, () => assert.deepEqual(validateAgainstSchema(c.value, c.schema), c.problems));
});

const inferred = chartOf({
  'values.yaml': lines('replicaCount: 1', 'image:', '  repository: nginx', '  tag: ""', 'resources: {}', 'podAnnotations: {}', 'service:', '  port: 80'),
  'templates/deployment.yaml': lines(
    'replicas: {{ .Values.replicaCount }}',
    'image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default "latest" }}"',
    '{{- with .Values.resources }}',
    'resources: {{- toYaml . | nindent 2 }}',
    '{{- end }}',
    'annotations: {{- toYaml .Values.podAnnotations | nindent 2 }}',
    '{{- with .Values.service }}',
    'port: {{ .port }}',
    'type: {{ .type | default "ClusterIP" }}',
    '{{- end }}',
  ),
});

const converted = chartOf({
  'values.yaml': lines('replicaCount: 1', 'image:', '  repository: nginx', 'extra: {}'),
  'values.schema.json': JSON.stringify({
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    additionalProperties: false,
    properties: {
      replicaCount: { type: 'integer', minimum: 0 },
      image: { type: 'object', additionalProperties: false, properties: { repository: { type: 'string' } } },
      extra: { type: 'object' },
    },
  }),
});

interface SpecCase {
  readonly name: string;
  readonly spec: Record<string, unknown>;
  readonly problems: readonly string[];
}

const unknown = (path: string): string => `spec.${path}: unknown field (pruned by the API server; rejected by strict field validation)`;

const specCases: Record<string, { chart: typeof inferred; mode: 'auto' | 'infer'; cases: SpecCase[] }> = {
  'inferred from values.yaml and templates': {
    chart: inferred,
    mode: 'auto',
    cases: [
      { name: 'the defaults', spec: { replicaCount: 1, image: { repository: 'nginx', tag: '' }, resources: {}, podAnnotations: {}, service: { port: 80 } }, problems: [] },
      { name: 'a wrong type', spec: { replicaCount: 'two' }, problems: ['spec.replicaCount: Invalid value: "string": must be of type integer: "two"'] },
      { name: 'a typo in a closed object', spec: { image: { tagg: '1.0' } }, problems: [unknown('image.tagg')] },
      { name: 'a typo at the top', spec: { replicaCont: 2 }, problems: [unknown('replicaCont')] },
      { name: 'a key the templates read but values.yaml lacks', spec: { service: { type: 'NodePort' } }, problems: [] },
      { name: 'free-form contents written as-is, numbers included', spec: { resources: { limits: { cpu: 1, memory: '1Gi' } }, podAnnotations: { a: 'b' } }, problems: [] },
      { name: 'null to drop a default, as in Helm', spec: { image: { tag: null } }, problems: [] },
    ],
  },
  'converted from values.schema.json': {
    chart: converted,
    mode: 'auto',
    cases: [
      { name: 'the defaults', spec: { replicaCount: 1, image: { repository: 'nginx' }, extra: {} }, problems: [] },
      { name: 'a wrong type', spec: { replicaCount: 'two' }, problems: ['spec.replicaCount: Invalid value: "string": must be of type integer: "two"'] },
      { name: 'a bound from the schema', spec: { replicaCount: -1 }, problems: ['spec.replicaCount: Invalid value: -1: should be greater than or equal to 0'] },
      { name: 'an unknown key where additionalProperties is false', spec: { image: { tag: '1' } }, problems: [unknown('image.tag')] },
      { name: 'an unknown key at the closed top', spec: { replicas: 1 }, problems: [unknown('replicas')] },
      { name: 'anything inside an open object', spec: { extra: { a: [1] } }, problems: [] },
    ],
  },
};

for (const [title, { chart, mode, cases }] of Object.entries(specCases)) {
  describe(`generated schema, ${title}`, () => {
    const { schema } = buildCrdSchema(chart, mode);
    for (const c of cases) {
      it(c.name, () => {
        const cr = { apiVersion: 'demo.example.com/v1', kind: 'Demo', metadata: { name: 'x' }, spec: c.spec };
        assert.deepEqual(validateAgainstSchema(cr, schema), c.problems);
      });
    }
  });
}
