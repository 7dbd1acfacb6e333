/**
 * The CRD schema of every shared real chart: structural, and accepting the chart's default values
 * (the sample CR's spec) and every values file it ships under ci/, a subchart's under its key.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readChartDir } from '../../src/chart/read.js';
import { loadChart } from '../../src/chart/load.js';
import type { Chart } from '../../src/chart/types.js';
import {
  buildCrdSchema, checkStructural, formatSchemaSummary, validateAgainstSchema, type JSONSchemaProps, type SchemaMode,
} from '../../src/analysis/schema/index.js';
import { parseHelmYaml } from '../../src/util/yaml.js';
import { sharedCharts } from '../support/paths.js';

const charts = readdirSync(sharedCharts).filter((name) => statSync(join(sharedCharts, name)).isDirectory()).sort();

interface ValuesFile {
  readonly label: string;
  readonly spec: unknown;
}

/** The chart's ci/*.yaml files, and its subcharts' (nested under their keys), read from disk: .helmignore often drops ci/. */
function ciFiles(dir: string, chart: Chart, keys: readonly string[] = []): ValuesFile[] {
  const out: ValuesFile[] = [];
  const ci = join(dir, chart.prefix, 'ci');
  if (existsSync(ci)) {
    for (const file of readdirSync(ci).filter((f) => /\.ya?ml$/.test(f)).sort()) {
      const label = join(chart.prefix, 'ci', file);
      let spec = parseHelmYaml(readFileSync(join(ci, file), 'utf8'), label) ?? {};
      for (const key of [...keys].reverse()) spec = { [key]: spec };
      out.push({ label, spec });
    }
  }
  for (const sub of chart.subcharts) out.push(...ciFiles(dir, sub.chart, [...keys, sub.valuesKey]));
  return out;
}

const cr = (spec: unknown): Record<string, unknown> => ({ apiVersion: 'charts.example.com/v1alpha1', kind: 'Release', metadata: { name: 'sample' }, spec });

/** How many properties, at every depth, a schema has and how many of them carry a description. */
function described(schema: JSONSchemaProps): { total: number; withDescription: number } {
  let total = 0;
  let withDescription = 0;
  for (const child of Object.values((schema.properties ?? {}) as Record<string, JSONSchemaProps>)) {
    total++;
    if (typeof child.description === 'string' && child.description !== '') withDescription++;
    const inner = described(child);
    total += inner.total;
    withDescription += inner.withDescription;
  }
  return { total, withDescription };
}

for (const name of charts) {
  describe(`CRD schema of ${name}`, async () => {
    const dir = join(sharedCharts, name);
    const chart = loadChart(await readChartDir(dir));
    const files = [{ label: 'values.yaml (the sample CR)', spec: chart.values }, ...ciFiles(dir, chart)];
    const modes: SchemaMode[] = chart.valuesSchema === undefined ? ['auto'] : ['auto', 'infer'];

    for (const mode of modes) {
      const result = buildCrdSchema(chart, mode);
      it(`--schema ${mode}: is structural`, () => {
        assert.deepEqual(checkStructural(result.schema), []);
      });
      it(`--schema ${mode}: accepts the defaults and the ${files.length - 1} ci values files`, () => {
        const problems = files.flatMap((f) => validateAgainstSchema(cr(f.spec), result.schema).map((p) => `${f.label}: ${p}`));
        assert.deepEqual(problems, []);
      });
      it(`--schema ${mode}: is small enough for the last-applied annotation of kubectl apply (256 KiB)`, () => {
        assert.ok(Buffer.byteLength(JSON.stringify(result.schema)) < 256 * 1024 - 8 * 1024);
      });
      it(`--schema ${mode}: says where it came from and what it left open`, () => {
        const lines = formatSchemaSummary(result.summary);
        assert.match(lines[0]!, mode === 'auto' && chart.valuesSchema !== undefined ? /values\.schema\.json/ : /values\.yaml/);
        assert.ok(result.summary.properties > 0);
      });
    }

    it('--schema none is schemaless and structural', () => {
      assert.deepEqual(checkStructural(buildCrdSchema(chart, 'none').schema), []);
    });

    it('is deterministic', () => {
      assert.equal(JSON.stringify(buildCrdSchema(chart, 'auto')), JSON.stringify(buildCrdSchema(chart, 'auto')));
    });

    if (name.startsWith('bitnami-')) {
      it("carries the @param descriptions of bitnami's values.yaml", () => {
        const spec = (buildCrdSchema(chart, 'auto').schema.properties as Record<string, JSONSchemaProps>).spec!;
        const { withDescription, total } = described(spec);
        assert.ok(withDescription / total > 0.8, `${withDescription} of ${total} properties described`);
      });
    }
  });
}

