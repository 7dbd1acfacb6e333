/**
 * Two ways of combining schema nodes. union() accepts what either side accepts, as closely as a
 * structural schema can say it (array elements of mixed shapes, oneOf/anyOf branches, a parent
 * chart's overrides over a subchart's values). intersect() accepts what both accept (allOf, the
 * siblings of a $ref). Both are pure: inputs are shared, never changed.
 */
import {
  CONSTRAINT_KEYS, INT_OR_STRING, PRESERVE, isOpenAny, openAny, type SchemaNode, type SchemaType,
} from './node.js';

/** What kind of value a node accepts. */
export type NodeKind = SchemaType | 'any' | 'int-or-string';

/** The kind of value a node accepts ('any' for an open node without a type). */
export function kindOf(node: SchemaNode): NodeKind {
  if (node[INT_OR_STRING]) return 'int-or-string';
  return node.type ?? 'any';
}

const NUMERIC = new Set<NodeKind>(['integer', 'number']);
const INT_OR_STR = new Set<NodeKind>(['integer', 'string', 'int-or-string']);

function unionKind(x: NodeKind, y: NodeKind): NodeKind {
  if (x === y) return x;
  if (x === 'any' || y === 'any') return 'any';
  if (NUMERIC.has(x) && NUMERIC.has(y)) return 'number';
  if (INT_OR_STR.has(x) && INT_OR_STR.has(y)) return 'int-or-string';
  return 'any';
}

/** The kind both sides accept, or undefined when they have nothing in common. */
export function intersectKind(x: NodeKind, y: NodeKind): NodeKind | undefined {
  if (x === y) return x;
  if (x === 'any') return y;
  if (y === 'any') return x;
  if (NUMERIC.has(x) && NUMERIC.has(y)) return 'integer';
  if (x === 'int-or-string' && INT_OR_STR.has(y)) return y;
  if (y === 'int-or-string' && INT_OR_STR.has(x)) return x;
  return undefined;
}

function nodeOfKind(kind: NodeKind): SchemaNode {
  if (kind === 'any') return openAny();
  if (kind === 'int-or-string') return { [INT_OR_STRING]: true };
  return { type: kind };
}

function annotate(out: SchemaNode, a: SchemaNode, b: SchemaNode, nullable: boolean): SchemaNode {
  const result: SchemaNode = { ...out };
  const description = a.description ?? b.description;
  const title = a.title ?? b.title;
  if (description) result.description = description;
  if (title) result.title = title;
  if (nullable) result.nullable = true;
  else delete result.nullable;
  return result;
}

const sameData = (x: unknown, y: unknown): boolean => JSON.stringify(x) === JSON.stringify(y);

function unionEnum(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const seen = new Set(a.map((v) => JSON.stringify(v)));
  return [...a, ...b.filter((v) => !seen.has(JSON.stringify(v)))];
}

/** Constraints both sides share: only those that are equal (enums are joined). */
function sharedConstraints(a: SchemaNode, b: SchemaNode, out: SchemaNode): void {
  const target = out as Record<string, unknown>;
  for (const key of CONSTRAINT_KEYS) {
    const x = a[key];
    const y = b[key];
    if (x === undefined || y === undefined) continue;
    if (key === 'enum') target[key] = unionEnum(x as unknown[], y as unknown[]);
    else if (sameData(x, y)) target[key] = x;
  }
}

function mergeProperties(
  a: ReadonlyMap<string, SchemaNode> | undefined,
  b: ReadonlyMap<string, SchemaNode> | undefined,
  both: (x: SchemaNode, y: SchemaNode) => SchemaNode,
): Map<string, SchemaNode> | undefined {
  if (!a && !b) return undefined;
  const out = new Map(a ?? []);
  for (const [key, value] of b ?? []) {
    const mine = out.get(key);
    out.set(key, mine ? both(mine, value) : value);
  }
  return out;
}

function unionObjects(a: SchemaNode, b: SchemaNode): SchemaNode {
  const out: SchemaNode = { type: 'object' };
  const properties = mergeProperties(a.properties, b.properties, union);
  if (properties && properties.size > 0) out.properties = properties;
  const open = a[PRESERVE] === true || b[PRESERVE] === true;
  const aMap = a.additionalProperties;
  const bMap = b.additionalProperties;
  if (aMap && bMap) out.additionalProperties = union(aMap, bMap);
  else if (aMap || bMap) {
    const other = aMap ? b : a;
    // A map joined with an object that names keys can only be said as an open object.
    if (other.properties?.size || other[PRESERVE]) out[PRESERVE] = true;
    else out.additionalProperties = (aMap ?? bMap)!;
  }
  if (open) {
    out[PRESERVE] = true;
    delete out.additionalProperties;
  }
  sharedConstraints(a, b, out);
  return out;
}

/** A node accepting every value either node accepts. */
export function union(a: SchemaNode, b: SchemaNode): SchemaNode {
  const kind = unionKind(kindOf(a), kindOf(b));
  let out: SchemaNode;
  if (kind === 'object') out = unionObjects(a, b);
  else if (kind === 'array') {
    out = { type: 'array', items: union(a.items ?? openAny(), b.items ?? openAny()) };
    sharedConstraints(a, b, out);
  } else {
    out = nodeOfKind(kind);
    if (kind === kindOf(a) && kind === kindOf(b)) sharedConstraints(a, b, out);
  }
  return annotate(out, a, b, a.nullable === true || b.nullable === true);
}

function pickConstraints(a: SchemaNode, b: SchemaNode, out: SchemaNode): void {
  const target = out as Record<string, unknown>;
  for (const key of CONSTRAINT_KEYS) {
    const x = a[key];
    const y = b[key];
    if (key === 'enum' && x !== undefined && y !== undefined) {
      const keep = new Set((y as unknown[]).map((v) => JSON.stringify(v)));
      const both = (x as unknown[]).filter((v) => keep.has(JSON.stringify(v)));
      target[key] = both.length > 0 ? both : x;
    } else if (x !== undefined || y !== undefined) {
      target[key] = x ?? y;
    }
  }
}

/** A node accepting only values both accept; an open node when their kinds conflict. */
export function intersect(a: SchemaNode, b: SchemaNode): SchemaNode {
  const nullable = a.nullable === true && b.nullable === true;
  if (isOpenAny(a) && !a.properties) return annotate(b, b, a, b.nullable === true);
  if (isOpenAny(b) && !b.properties) return annotate(a, a, b, a.nullable === true);
  const kind = intersectKind(kindOf(a), kindOf(b));
  if (kind === undefined) return annotate(openAny(), a, b, nullable);
  const out = nodeOfKind(kind);
  if (kind === 'object' || kind === 'any') {
    const properties = mergeProperties(a.properties, b.properties, intersect);
    if (properties && properties.size > 0) out.properties = properties;
    if (a[PRESERVE] && b[PRESERVE]) out[PRESERVE] = true;
    else delete out[PRESERVE];
    const map = a.additionalProperties && b.additionalProperties
      ? intersect(a.additionalProperties, b.additionalProperties)
      : a.additionalProperties ?? b.additionalProperties;
    if (map && !out.properties) out.additionalProperties = map;
    if (kind === 'any' && !out[PRESERVE]) out.type = 'object';
  } else if (kind === 'array') {
    out.items = intersect(a.items ?? openAny(), b.items ?? openAny());
  }
  pickConstraints(a, b, out);
  return annotate(out, a, b, nullable);
}
