/**
 * The CRD schema of a chart's custom resource: spec from the chart's values (its
 * values.schema.json, or inferred from values.yaml and the templates), status as the helm-operator
 * runtime writes it. Nothing is required and nothing is defaulted: the runtime merges the spec
 * over values.yaml, so every value may be left out.
 */
import type { Chart } from '../../chart/types.js';
import type { Warning } from '../../diagnostics.js';
import { chartValuesSchema } from './chart-schema.js';
import { SchemaContext } from './context.js';
import { crdRootSchema, schemalessObject } from './crd.js';
import { emitSchema, type JSONSchemaProps } from './emit.js';
import { fitDescriptions } from './size.js';
import { countProperties, type SchemaSummary } from './summary.js';

export type { JSONSchemaProps } from './emit.js';
export type { SchemaSummary } from './summary.js';
export { formatSchemaSummary } from './summary.js';
export { checkStructural } from './structural.js';
export { validateAgainstSchema } from './validate.js';

/** `--schema`: auto (values.schema.json when present, else inferred), infer (ignore it), none (schemaless). */
export type SchemaMode = 'auto' | 'infer' | 'none';

export interface CrdSchemaResult {
  /** The whole openAPIV3Schema for the CR: type object, properties apiVersion/kind/metadata/spec/status. */
  schema: JSONSchemaProps;
  summary: SchemaSummary;
  warnings: Warning[];
}

/** Builds the CR's openAPIV3Schema for `chart`. Deterministic: same chart, same output. */
export function buildCrdSchema(chart: Chart, mode: SchemaMode): CrdSchemaResult {
  if (mode === 'none') {
    return {
      schema: crdRootSchema(
        schemalessObject(`Values for the ${chart.metadata.name} chart, merged over its values.yaml.`),
        schemalessObject('Observed state of the release, written by the helm-operator runtime.'),
      ),
      summary: { source: 'none', properties: 0, open: [{ path: '(root)', reason: '--schema none' }], helmOnly: [] },
      warnings: [],
    };
  }
  const ctx = new SchemaContext();
  const built = chartValuesSchema(chart, mode, ctx);
  const node = built.node.description
    ? built.node
    : { ...built.node, description: `Values for the ${chart.metadata.name} chart, merged over its values.yaml.` };
  const spec = emitSchema(node, ctx, { nullableProperties: true });
  fitDescriptions(spec, ctx);
  return {
    schema: crdRootSchema(spec),
    summary: { source: built.source, properties: countProperties(spec), open: ctx.openPlaces(), helmOnly: ctx.helmOnly() },
    warnings: ctx.warnings,
  };
}
