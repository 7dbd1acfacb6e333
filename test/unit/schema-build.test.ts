/** buildCrdSchema over fixture charts: modes, descriptions, subcharts, status, summary, determinism. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readChartDir } from '../../src/chart/read.js';
import { loadChart } from '../../src/chart/load.js';
import type { Chart } from '../../src/chart/types.js';
import {
  buildCrdSchema, checkStructural, formatSchemaSummary, validateAgainstSchema, type JSONSchemaProps,
} from '../../src/analysis/schema/index.js';
import { parseHelmYaml } from '../../src/util/yaml.js';
import { repoRoot } from '../support/paths.js';
import { OPEN, at, chartOf, lines } from '../fixtures/schema/chart.js';

const fixtures = join(repoRoot, 'test', 'fixtures', 'schema');
const fixture = async (name: string): Promise<Chart> => loadChart(await readChartDir(join(fixtures, name)));
const spec = (schema: JSONSchemaProps): JSONSchemaProps => at(schema, 'spec');
const cr = (s: unknown): Record<string, unknown> => ({ apiVersion: 'x.example.com/v1', kind: 'X', metadata: { name: 'x' }, spec: s });

/** Every keyword used anywhere in a schema. */
function keywords(schema: unknown, out = new Set<string>()): Set<string> {
  if (schema === null || typeof schema !== 'object') return out;
  for (const [key, value] of Object.entries(schema)) {
    out.add(key);
    if (key === 'properties') for (const child of Object.values(value as object)) keywords(child, out);
    else if (key === 'items' || key === 'additionalProperties') keywords(value, out);
  }
  return out;
}

describe('buildCrdSchema: descriptions', () => {
  it('reads helm-docs comments: `# --`, continuation lines, `# path --`, and plain comments, not commented-out YAML', async () => {
    const s = spec(buildCrdSchema(await fixture('helm-docs'), 'auto').schema);
    assert.equal(at(s, 'replicaCount').description, 'Number of replicas');
    assert.equal(at(s, 'image', 'repository').description, 'Image repository');
    assert.equal(at(s, 'image', 'tag').description, 'Overrides the image tag; defaults to the chart appVersion');
    assert.equal(at(s, 'service', 'port').description, 'Port the Service listens on');
    assert.equal(at(s, 'service', 'type').description, 'Service type: ClusterIP, NodePort or LoadBalancer');
    assert.equal(at(s, 'logLevel').description, 'A plain comment above a key describes it too');
    assert.equal(at(s, 'resources').description, undefined);
  });

  it("reads bitnami's `## @param path text` wherever it stands", async () => {
    const s = spec(buildCrdSchema(await fixture('umbrella'), 'auto').schema);
    assert.equal(at(s, 'replicaCount').description, "Replicas of the umbrella's own workload");
    assert.equal(at(s, 'global', 'registry').description, 'Registry every chart pulls from');
  });
});

describe('buildCrdSchema: subcharts', () => {
  it("gives a subchart's key the subchart's schema, widened by the parent's values and its condition", async () => {
    const s = spec(buildCrdSchema(await fixture('umbrella'), 'auto').schema);
    const web = at(s, 'web');
    assert.equal(web[OPEN], undefined, 'the subchart reads its keys by name: closed');
    assert.deepEqual(Object.keys(web.properties as object).sort(), ['enabled', 'extraKey', 'global', 'service']);
    assert.equal(at(web, 'enabled').type, 'boolean');
    assert.equal(at(web, 'service', 'port').type, 'integer');
    assert.deepEqual(Object.keys(at(web, 'service').properties as object).sort(), ['annotations', 'name', 'port', 'type']);
  });

  it('joins every chart’s global, keeps library and missing subcharts open, and reads library templates in the parent’s context', async () => {
    const { schema, summary } = buildCrdSchema(await fixture('umbrella'), 'auto');
    const s = spec(schema);
    assert.deepEqual(Object.keys(at(s, 'global').properties as object).sort(), ['pullPolicy', 'registry']);
    assert.equal(at(s, 'global')[OPEN], true);
    assert.equal(at(s, 'lib')[OPEN], true);
    assert.equal(at(s, 'absent')[OPEN], true);
    assert.equal(at(s, 'absent', 'settings', 'name').type, undefined, 'values of a subchart we cannot see are not typed');
    assert.ok(Object.hasOwn(s.properties as object, 'nameOverride'), 'the library helper reads .Values.nameOverride');
    assert.deepEqual(summary.open.filter((o) => ['lib', 'absent'].includes(o.path)), [
      { path: 'absent', reason: 'subchart absent is not in charts/ (run helm dependency build)' },
      { path: 'lib', reason: 'values of a library chart' },
    ]);
  });

  it('accepts the defaults and the ci values (a subchart’s under its key), and rejects mistakes inside the subchart', async () => {
    const { schema } = buildCrdSchema(await fixture('umbrella'), 'auto');
    const chart = await fixture('umbrella');
    const read = (path: string): unknown => parseHelmYaml(readFileSync(join(fixtures, 'umbrella', path), 'utf8'), path);
    assert.deepEqual(validateAgainstSchema(cr(chart.values), schema), []);
    assert.deepEqual(validateAgainstSchema(cr(read('ci/web-values.yaml')), schema), []);
    assert.deepEqual(validateAgainstSchema(cr({ web: read('charts/child/ci/port-values.yaml') }), schema), []);
    assert.deepEqual(validateAgainstSchema(cr({ web: { service: { annotations: { a: 'b' } } } }), schema), [], 'the parent reads web.service.annotations');
    assert.deepEqual(validateAgainstSchema(cr({ web: { service: { port: 'x', typo: 1 } }, absent: { anything: [1] } }), schema), [
      'spec.web.service.port: Invalid value: "string": must be of type integer: "x"',
      'spec.web.service.typo: unknown field (pruned by the API server; rejected by strict field validation)',
    ]);
  });
});

const withSchema = chartOf({
  'values.yaml': lines('a: 1'),
  'values.schema.json': JSON.stringify({ type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } }),
  'templates/t.yaml': '{{ .Values.a }}',
});

describe('buildCrdSchema: modes', () => {
  it('auto uses values.schema.json; infer ignores it', () => {
    assert.equal(at(spec(buildCrdSchema(withSchema, 'auto').schema), 'a').type, 'string');
    assert.equal(buildCrdSchema(withSchema, 'auto').summary.source, 'values.schema.json');
    assert.equal(at(spec(buildCrdSchema(withSchema, 'infer').schema), 'a').type, 'integer');
    assert.equal(buildCrdSchema(withSchema, 'infer').summary.source, 'values.yaml');
  });

  it("none gives operator-sdk's schemaless spec and status", () => {
    const { schema, summary } = buildCrdSchema(withSchema, 'none');
    assert.deepEqual(at(schema, 'spec'), { description: 'Values for the demo chart, merged over its values.yaml.', type: 'object', [OPEN]: true });
    assert.equal(at(schema, 'status').type, 'object');
    assert.equal(at(schema, 'status')[OPEN], true);
    assert.deepEqual(summary, { source: 'none', properties: 0, open: [{ path: '(root)', reason: '--schema none' }], helmOnly: [] });
    assert.deepEqual(checkStructural(schema), []);
  });
});

describe('buildCrdSchema: the CR around the spec', () => {
  it('describes status as the runtime writes it and keeps it open beyond that', () => {
    const { schema } = buildCrdSchema(withSchema, 'auto');
    assert.deepEqual(Object.keys(schema.properties as object), ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    const status = at(schema, 'status');
    assert.equal(status[OPEN], true);
    const condition = (at(status, 'conditions').items as JSONSchemaProps).properties as Record<string, JSONSchemaProps>;
    assert.deepEqual(Object.keys(condition), ['lastTransitionTime', 'message', 'reason', 'status', 'type']);
    assert.deepEqual(Object.keys(at(status, 'deployedRelease').properties as object), ['manifest', 'name']);
    const accepted = validateAgainstSchema({
      ...cr({ a: 'x' }),
      status: { conditions: [{ type: 'Deployed', status: 'True', reason: 'InstallSuccessful', message: 'ok', lastTransitionTime: '2024-05-01T10:00:00Z' }], deployedRelease: { name: 'x', manifest: '---' }, extra: 1 },
    }, schema);
    assert.deepEqual(accepted, []);
  });

  it('requires nothing, defaults nothing, and lets null through to Helm (which drops the default)', async () => {
    for (const chart of [withSchema, await fixture('helm-docs'), await fixture('umbrella')]) {
      const { schema } = buildCrdSchema(chart, 'auto');
      const used = keywords(schema);
      assert.equal(used.has('required'), false);
      assert.equal(used.has('default'), false);
      assert.deepEqual(checkStructural(schema), []);
      for (const [name, child] of Object.entries(spec(schema).properties as Record<string, JSONSchemaProps>)) {
        assert.equal(child.nullable, true, `${name} is nullable`);
      }
    }
  });
});

describe('buildCrdSchema: summary and determinism', () => {
  it('summarises the source, the number of properties and what was left open', async () => {
    const { summary } = buildCrdSchema(await fixture('helm-docs'), 'auto');
    assert.deepEqual(formatSchemaSummary(summary), [
      'CRD schema: inferred from values.yaml and the templates (9 properties)',
      'left open, empty in values.yaml (free-form): resources',
    ]);
  });

  it("names what values.schema.json checks that the CRD cannot, once per file; its required and defaults are left out quietly", () => {
    const chart = chartOf({
      'values.yaml': lines('a: x', 'b: [x]'),
      'values.schema.json': JSON.stringify({
        $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: false, required: ['a'],
        properties: { a: { type: 'string', default: 'x', not: { const: '' } }, b: { type: 'array', items: { type: 'string' }, uniqueItems: true } },
      }),
    });
    const { summary, warnings } = buildCrdSchema(chart, 'auto');
    assert.deepEqual(warnings, []);
    assert.deepEqual(formatSchemaSummary(summary), [
      'CRD schema: converted from values.schema.json (2 properties)',
      'checked by Helm when reconciling, not by the CRD (values.schema.json): not (1×, first at a), uniqueItems (1×, first at b)',
    ]);
  });

  it('is deterministic: same chart, same output, whatever the order of its files', async () => {
    const chart = await fixture('umbrella');
    const reordered = loadChart({ origin: 'test', files: [...(await readChartDir(join(fixtures, 'umbrella'))).files].reverse() });
    const first = JSON.stringify(buildCrdSchema(chart, 'auto'));
    assert.equal(JSON.stringify(buildCrdSchema(chart, 'auto')), first);
    assert.equal(JSON.stringify(buildCrdSchema(reordered, 'auto')), first);
  });
});
