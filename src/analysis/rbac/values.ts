/**
 * What a chart says a value can be: its default in values.yaml (with parent-chart overrides), the
 * schema's enum/default, and the comment above the key (bitnami's `## @param master.kind Use either
 * Deployment, StatefulSet (default) or DaemonSet`). Paths may contain `*` for "any key" (range loops).
 */
import type { Chart } from '../../chart/types.js';
import type { ChartModel, ChartUnit } from './model.js';

/** Strings a value path can hold according to values.yaml, parents' values and the schema. */
export function valueStrings(model: ChartModel, unit: number, path: readonly string[]): string[] {
  const out: string[] = [];
  let u: number | undefined = unit;
  let p = path;
  while (u !== undefined) {
    const chart: ChartUnit = model.units[u]!;
    collectStrings(lookup(chart.chart.values, p), out);
    for (const node of schemaNodes(chart.chart.valuesSchema, p)) {
      collectStrings(node.enum, out);
      collectStrings(node.default, out);
    }
    p = chart.parent ? [chart.parent.valuesKey, ...p] : p;
    u = chart.parent?.unit;
  }
  return out;
}

/** Comment text written above (or after) each key of values.yaml matching the path; `*` matches any key. */
export function valueComments(model: ChartModel, unit: number, path: readonly string[]): string[] {
  return yamlKeys(model.units[unit]!.chart).filter((k) => matches(k.path, path)).map((k) => k.comment);
}

/** Values and comments of every key with this name anywhere in values.yaml (last resort for `$x.kind`). */
export function keysNamed(model: ChartModel, unit: number, name: string): string[] {
  return yamlKeys(model.units[unit]!.chart).filter((k) => k.path[k.path.length - 1] === name).map((k) => `${k.value} ${k.comment}`);
}

function lookup(node: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return [node];
  if (node === null || typeof node !== 'object') return [];
  const [head, ...rest] = path;
  const children = head === '*' ? Object.values(node) : [(node as Record<string, unknown>)[head!]];
  return children.flatMap((c) => (c === undefined ? [] : lookup(c, rest)));
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) if (typeof v === 'string') out.push(v);
}

interface SchemaNode { enum?: unknown; default?: unknown; description?: unknown }

function schemaNodes(schema: unknown, path: readonly string[]): SchemaNode[] {
  let nodes: unknown[] = [schema];
  for (const key of path) {
    nodes = nodes.flatMap((n) => expand(schema, n)).flatMap((n) => {
      if (!n || typeof n !== 'object') return [];
      const obj = n as Record<string, unknown>;
      const props = (obj.properties ?? {}) as Record<string, unknown>;
      if (key === '*') return [...Object.values(props), obj.additionalProperties, obj.items].filter(Boolean);
      return [props[key], typeof obj.additionalProperties === 'object' ? obj.additionalProperties : undefined].filter(Boolean);
    });
  }
  return nodes.flatMap((n) => expand(schema, n)).filter((n): n is SchemaNode => !!n && typeof n === 'object');
}

/** A schema node with local `$ref`s and `allOf`/`anyOf`/`oneOf` branches followed (bounded). */
function expand(root: unknown, node: unknown, depth = 0): unknown[] {
  if (!node || typeof node !== 'object' || depth > 8) return [];
  const obj = node as Record<string, unknown>;
  const out: unknown[] = [node];
  if (typeof obj.$ref === 'string' && obj.$ref.startsWith('#/')) {
    let target: unknown = root;
    for (const seg of obj.$ref.slice(2).split('/')) target = (target as Record<string, unknown> | undefined)?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
    out.push(...expand(root, target, depth + 1));
  }
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(obj[k])) for (const branch of obj[k] as unknown[]) out.push(...expand(root, branch, depth + 1));
  }
  return out;
}

function matches(keyPath: readonly string[], pattern: readonly string[]): boolean {
  return keyPath.length === pattern.length && pattern.every((p, i) => p === '*' || p === keyPath[i]);
}

interface YamlKey { path: string[]; value: string; comment: string }

const keyCache = new WeakMap<Chart, YamlKey[]>();

/** Block-style mapping keys of a chart's values.yaml with their paths, scalar values and comments. */
function yamlKeys(chart: Chart): YamlKey[] {
  const cached = keyCache.get(chart);
  if (cached) return cached;
  const text = chart.valuesText;
  const out: YamlKey[] = [];
  const stack: { indent: number; key: string }[] = [];
  let comments: string[] = [];
  for (const line of text.split('\n')) {
    const comment = /^\s*#+\s?(.*)$/.exec(line);
    if (comment) {
      comments.push(comment[1]!);
      continue;
    }
    const m = /^(\s*)(["']?)([^\s"'#:][^"'#:]*?)\2\s*:(?:\s+(.*))?$/.exec(line);
    if (!m) {
      if (line.trim() === '' || /^\s*-/.test(line)) comments = [];
      continue;
    }
    const indent = m[1]!.length;
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    stack.push({ indent, key: m[3]! });
    const [value = '', inline = ''] = (m[4] ?? '').split(/\s#\s?/, 2);
    out.push({ path: stack.map((s) => s.key), value: value.trim().replace(/^["']|["']$/g, ''), comment: [...comments, inline].join(' ') });
    comments = [];
  }
  keyCache.set(chart, out);
  return out;
}
