/**
 * The schema of one chart's values (the CR spec), subcharts included under their keys.
 *
 * With `auto` and a values.schema.json, the converted schema is the authority; where it leaves an
 * object open (no additionalProperties: false) the keys values.yaml defines but the schema does
 * not are filled in from inference, and descriptions it lacks come from values.yaml comments. Its
 * closed objects stay as they are, even where templates read more keys: Helm validates values
 * against the same schema and would refuse them. Otherwise the schema is inferred. Each subchart's values get the subchart's own schema, widened
 * by what the parent's values.yaml sets under its key; `global` joins every chart's `global`.
 */
import type { Chart } from '../../chart/types.js';
import { union, kindOf } from './combine.js';
import { SchemaContext } from './context.js';
import { convertJsonSchema } from './json-schema/convert.js';
import { PRESERVE, isOpenAny, openAny, openObject, type SchemaNode } from './node.js';
import { scanChartUsage, type ValueUsage } from './templates/usage.js';
import { readValueDocs, type ValueDocs } from './values/comments.js';
import { inferValuesSchema, type OpenRule } from './values/infer.js';

export type ValuesSource = 'values.schema.json' | 'values.yaml';

/** The values schema of `chart`; `base` is where its values sit in the CR spec. */
export function chartValuesSchema(chart: Chart, mode: 'auto' | 'infer', ctx: SchemaContext, base: readonly string[] = []): { node: SchemaNode; source: ValuesSource } {
  const useSchema = mode === 'auto' && chart.valuesSchema !== undefined;
  const subKeys = new Set(chart.subcharts.map((s) => s.valuesKey));
  const own = Object.fromEntries(Object.entries(chart.values).filter(([k]) => !subKeys.has(k)));
  const scratch = useSchema ? new SchemaContext() : ctx;
  const analysis: Analysis = { usage: scanChartUsage(chart), docs: readValueDocs(chart.valuesText) };
  const inferred = inferChart(analysis, own, scratch, base, missingDependencies(chart), subKeys);
  let node = inferred;
  if (useSchema) {
    const converted = convertJsonSchema(chart.valuesSchema, ctx, `${chart.prefix}values.schema.json`, base);
    const adopted: (readonly string[])[] = [];
    node = supplement(converted, inferred, [...base], (path) => adopted.push(path));
    ctx.adoptOpen(scratch, adopted);
  }
  node = addSubcharts(node, chart, analysis, mode, ctx, base);
  for (const dep of chart.metadata.dependencies) {
    for (const condition of (dep.condition ?? '').split(',').map((c) => c.trim()).filter(Boolean)) {
      node = ensurePath(node, condition.split('.'), { type: 'boolean' });
    }
    for (const tag of dep.tags ?? []) node = ensurePath(node, ['tags', tag], { type: 'boolean' });
  }
  return { node, source: useSchema ? 'values.schema.json' : 'values.yaml' };
}

/** What the chart's templates and values.yaml comments say, computed once per chart. */
interface Analysis {
  readonly usage: ValueUsage;
  readonly docs: ValueDocs;
}

function inferChart(
  analysis: Analysis, values: Readonly<Record<string, unknown>>, ctx: SchemaContext, base: readonly string[],
  missing: ReadonlyMap<string, string>, reserved: ReadonlySet<string>,
): SchemaNode {
  const { usage } = analysis;
  const openAt = new Map<string, OpenRule>([['global', { reason: 'global values are shared with every subchart' }]]);
  const whole = usage.find([])?.whole;
  if (whole) {
    openAt.set('', { reason: `templates use .Values as a whole (${whole.file}:${whole.line})` });
    ctx.warn('hands .Values on as a whole, so which keys the chart reads cannot be seen; the CR spec accepts unknown keys', whole.file, whole.line);
  }
  for (const [key, reason] of missing) openAt.set(key, { reason, untyped: true });
  let node = inferValuesSchema(values, { ...analysis, ctx, base, openAt, reserved });
  for (const [key, reason] of missing) {
    if (node[PRESERVE] || node.properties?.has(key)) continue;
    ctx.open([...base, key], reason);
    node = withProperty(node, key, openObject());
  }
  return node;
}

/** Dependencies declared in Chart.yaml but not present under charts/: their values stay open. */
function missingDependencies(chart: Chart): Map<string, string> {
  const present = new Set(chart.subcharts.map((s) => s.valuesKey));
  const missing = new Map<string, string>();
  for (const dep of chart.metadata.dependencies) {
    const key = dep.alias ?? dep.name;
    if (!present.has(key)) missing.set(key, `subchart ${dep.name} is not in charts/ (run helm dependency build)`);
  }
  return missing;
}

function addSubcharts(node: SchemaNode, chart: Chart, analysis: Analysis, mode: 'auto' | 'infer', ctx: SchemaContext, base: readonly string[]): SchemaNode {
  let out = node;
  const globals: SchemaNode[] = [];
  for (const sub of chart.subcharts) {
    const key = sub.valuesKey;
    let built: SchemaNode;
    if (sub.chart.metadata.type === 'library') {
      built = openObject();
      ctx.open([...base, key], 'values of a library chart');
    } else {
      built = chartValuesSchema(sub.chart, mode, ctx, [...base, key]).node;
      const subGlobal = built.properties?.get('global');
      if (subGlobal) globals.push(subGlobal);
    }
    const parentPart = chart.values[key];
    if (parentPart !== undefined) {
      const scratch = new SchemaContext();
      const widened = inferValuesSchema({ [key]: parentPart }, { ...analysis, ctx: scratch, base, openAt: new Map() }).properties?.get(key);
      if (widened) built = overlay(built, widened);
    }
    // The parent's templates may read keys of the subchart's values that neither chart defines.
    for (const path of analysis.usage.pathsUnder([key])) built = ensurePath(built, path, openAny());
    out = withProperty(out, key, built);
  }
  const global = out.properties?.get('global');
  const joined = [...(global ? [global] : []), ...globals];
  if (joined.length > 1) out = withProperty(out, 'global', joined.reduce((a, b) => union(a, b)));
  return out;
}

/** The subchart's schema, widened to accept what the parent's values.yaml sets under its key. */
function overlay(sub: SchemaNode, parent: SchemaNode): SchemaNode {
  const description = sub.description ?? parent.description;
  if (kindOf(sub) === 'object' && kindOf(parent) === 'object' && !sub.additionalProperties) {
    const properties = new Map(sub.properties ?? []);
    for (const [key, p] of parent.properties ?? []) {
      const mine = properties.get(key);
      properties.set(key, mine ? overlay(mine, p) : p);
    }
    return { ...sub, ...(description ? { description } : {}), ...(properties.size > 0 ? { properties } : {}) };
  }
  if (kindOf(sub) === kindOf(parent) || isOpenAny(sub)) return description ? { ...sub, description } : sub;
  return union(sub, parent);
}

/**
 * The converted schema, completed from the inferred one: descriptions it lacks, and properties
 * inside objects it leaves open. `adopt` is told each path taken over from inference.
 */
function supplement(base: SchemaNode, extra: SchemaNode, path: string[], adopt: (path: readonly string[]) => void): SchemaNode {
  let out = base;
  if (!out.description && extra.description) out = { ...out, description: extra.description };
  if (kindOf(out) !== 'object' || kindOf(extra) !== 'object') return out;
  const properties = new Map(out.properties ?? []);
  let changed = false;
  for (const [key, sub] of extra.properties ?? []) {
    const mine = properties.get(key);
    if (mine) {
      const next = supplement(mine, sub, [...path, key], adopt);
      if (next !== mine) properties.set(key, next);
      changed ||= next !== mine;
    } else if (out[PRESERVE] && !out.additionalProperties) {
      properties.set(key, sub);
      adopt([...path, key]);
      changed = true;
    }
  }
  return changed ? { ...out, properties } : out;
}

function withProperty(node: SchemaNode, key: string, value: SchemaNode): SchemaNode {
  return { ...node, properties: new Map(node.properties ?? []).set(key, value) };
}

/**
 * Makes sure a closed object chain lets `path` be set: a missing key becomes `leaf` when it is the
 * last one, else an open object (which keeps anything beneath).
 */
function ensurePath(node: SchemaNode, path: readonly string[], leaf: SchemaNode): SchemaNode {
  const [head, ...rest] = path;
  if (head === undefined || kindOf(node) !== 'object' || node.additionalProperties) return node;
  const child = node.properties?.get(head);
  if (child) {
    const next = ensurePath(child, rest, leaf);
    return next === child ? node : withProperty(node, head, next);
  }
  if (node[PRESERVE]) return node;
  return withProperty(node, head, rest.length === 0 ? leaf : openObject());
}
