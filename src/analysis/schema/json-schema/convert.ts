/**
 * values.schema.json (JSON Schema draft-04 … 2020-12) → a structural CRD schema node.
 *
 * Rules: `$ref` is resolved locally and each target converted once (memoised by identity, so
 * shared definitions cost nothing extra and a huge $ref graph stays linear); a reference back into
 * a definition being converted ends in an open subtree with a warning; `type: [x, "null"]` becomes
 * nullable; integer-or-string becomes x-kubernetes-int-or-string; other type mixes and
 * oneOf/anyOf branches of different types become an open subtree; `const` becomes a one-value
 * enum; allOf is intersected. An object is closed (unknown keys pruned, which strict field
 * validation reports as errors) only where the source says `additionalProperties: false`;
 * everywhere else unknown keys are kept, as JSON Schema allows them. Everything a CRD cannot say is
 * dropped and counted for one note per file.
 */
import { isMap } from '../../../util/yaml.js';
import { intersect, intersectKind, kindOf, union, type NodeKind } from '../combine.js';
import { MAX_DEPTH, type SchemaContext } from '../context.js';
import {
  INT_OR_STRING, PRESERVE, formatPath, isOpenAny, openAny, type SchemaNode,
} from '../node.js';
import { applyScalarKeywords } from './scalars.js';
import {
  HELM_ONLY_KEYWORDS, impliedKind, mapType,
} from './keywords.js';
import { RefResolver } from './refs.js';

type Json = Readonly<Record<string, unknown>>;

/** Converts a parsed values.schema.json; `file` names it in warnings, `base` prefixes paths. */
export function convertJsonSchema(doc: unknown, ctx: SchemaContext, file: string, base: readonly string[] = []): SchemaNode {
  const node = new Converter(doc, ctx, file).convert(doc, [...base], 0);
  if (kindOf(node) === 'object' || isOpenAny(node)) return node;
  ctx.warn(`the root of the schema is not an object (${kindOf(node)}); the CR spec is left open`, file);
  ctx.open(base, 'values.schema.json root is not an object');
  return { type: 'object', [PRESERVE]: true };
}

class Converter {
  private readonly memo = new Map<object, SchemaNode>();
  private readonly active = new Set<object>();
  private readonly refs: RefResolver;

  constructor(doc: unknown, private readonly ctx: SchemaContext, private readonly file: string) {
    this.refs = new RefResolver(doc);
  }

  convert(schema: unknown, path: string[], depth: number): SchemaNode {
    if (schema === true || schema === undefined) return openAny();
    if (!isMap(schema)) {
      this.warn(path, schema === false ? 'schema `false` (no value allowed) is left open' : 'is not a schema object; left open');
      return openAny();
    }
    const known = this.memo.get(schema);
    if (known) return known;
    if (depth > MAX_DEPTH) {
      this.warn(path, `nests deeper than ${MAX_DEPTH} levels; left open`);
      this.ctx.open(path, 'schema nested too deeply');
      return openAny();
    }
    this.active.add(schema);
    try {
      const node = this.convertMap(schema, path, depth);
      this.memo.set(schema, node);
      return node;
    } finally {
      this.active.delete(schema);
    }
  }

  private convertMap(schema: Json, path: string[], depth: number): SchemaNode {
    this.noteDropped(schema, path);
    let node = this.own(schema, path, depth);
    if (typeof schema.$ref === 'string') node = this.both(node, this.ref(schema.$ref, path, depth), path);
    for (const dynamic of ['$dynamicRef', '$recursiveRef']) {
      if (typeof schema[dynamic] === 'string') {
        this.warn(path, `${dynamic} is not resolved; left open`);
        this.ctx.open(path, `${dynamic} in values.schema.json`);
        node = openAny();
      }
    }
    if (Array.isArray(schema.allOf)) {
      for (const branch of schema.allOf) node = this.both(node, this.convert(branch, path, depth + 1), path);
    }
    let listed: string | undefined;
    for (const word of ['anyOf', 'oneOf'] as const) {
      const branches = schema[word];
      if (!Array.isArray(branches)) continue;
      const result = this.alternatives(node, branches, word, path, depth);
      node = result.node;
      listed ??= result.listed;
    }
    if (!node) {
      node = openAny();
      this.ctx.open(path, 'no type in values.schema.json');
    }
    const own = text(schema.description) ?? text(schema.title);
    const description = own && listed ? `${own}\n${listed}` : own ?? listed;
    if (description) node = { ...node, description };
    if (schema.nullable === true && !node.nullable) node = { ...node, nullable: true };
    return node;
  }

  /** The node for the schema's own keywords (no $ref or combinators); undefined if it names no shape. */
  private own(schema: Json, path: string[], depth: number): SchemaNode | undefined {
    const info = mapType(schema.type);
    const kind: NodeKind | undefined = info.kind ?? impliedKind(schema);
    if (kind === undefined) return undefined;
    let node: SchemaNode;
    if (info.mixed) {
      node = openAny();
      this.ctx.open(path, `values.schema.json allows ${info.mixed.join(' or ')}`);
    } else if (kind === 'object') node = this.object(schema, path, depth);
    else if (kind === 'array') node = this.array(schema, path, depth);
    else if (kind === 'any') node = openAny();
    else if (kind === 'int-or-string') node = { [INT_OR_STRING]: true };
    else node = { type: kind };
    const problems = applyScalarKeywords(schema, kind, node);
    for (const keyword of problems.dropped) this.ctx.dropped(this.file, keyword, path);
    for (const warning of problems.warnings) this.warn(path, warning);
    if (info.nullable || problems.nullable) node.nullable = true;
    return node;
  }

  private object(schema: Json, path: string[], depth: number): SchemaNode {
    const node: SchemaNode = { type: 'object' };
    const properties = new Map<string, SchemaNode>();
    if (isMap(schema.properties)) {
      for (const [key, sub] of Object.entries(schema.properties)) {
        properties.set(key, this.convert(sub, [...path, key], depth + 1));
      }
    }
    if (properties.size > 0) node.properties = properties;
    const extra = schema.additionalProperties ?? schema.unevaluatedProperties;
    const patterns = isMap(schema.patternProperties) && Object.keys(schema.patternProperties).length > 0;
    if (patterns) {
      node[PRESERVE] = true;
      this.ctx.open(path, 'patternProperties in values.schema.json');
    } else if (extra === false) {
      // closed: the source forbids unknown keys
    } else if (isMap(extra) && Object.keys(extra).length > 0) {
      const values = this.convert(extra, [...path, '*'], depth + 1);
      if (properties.size === 0 && !isOpenAny(values)) node.additionalProperties = values;
      else {
        node[PRESERVE] = true;
        if (properties.size > 0) this.ctx.open(path, 'properties beside additionalProperties in values.schema.json');
      }
    } else {
      node[PRESERVE] = true;
      this.ctx.open(path, 'open in values.schema.json (no additionalProperties: false)');
    }
    return node;
  }

  private array(schema: Json, path: string[], depth: number): SchemaNode {
    const itemsPath = [...path, '[]'];
    if (Array.isArray(schema.items) || schema.prefixItems !== undefined) {
      this.ctx.dropped(this.file, Array.isArray(schema.items) ? 'items (list form)' : 'prefixItems', path);
      this.ctx.open(itemsPath, 'tuple items in values.schema.json');
      return { type: 'array', items: openAny() };
    }
    return { type: 'array', items: schema.items === undefined ? openAny() : this.convert(schema.items, itemsPath, depth + 1) };
  }

  private ref(ref: string, path: string[], depth: number): SchemaNode {
    const found = this.refs.resolve(ref);
    if ('error' in found) {
      this.warn(path, `${found.error}; left open`);
      this.ctx.open(path, 'unresolved $ref in values.schema.json');
      return openAny();
    }
    if (isMap(found.target) && this.active.has(found.target)) {
      this.warn(path, `$ref ${ref} refers back to itself; the recursion is left open`);
      this.ctx.open(path, 'recursive $ref in values.schema.json');
      return openAny(text(found.target.description));
    }
    return this.convert(found.target, path, depth + 1);
  }

  /** allOf, $ref beside other keywords: values must satisfy both. */
  private both(a: SchemaNode | undefined, b: SchemaNode, path: string[]): SchemaNode {
    if (!a) return b;
    if (intersectKind(kindOf(a), kindOf(b)) === undefined) {
      this.warn(path, `combines ${kindOf(a)} with ${kindOf(b)}, which no value satisfies; left open`);
      this.ctx.open(path, 'contradictory allOf in values.schema.json');
    }
    return intersect(a, b);
  }

  /**
   * anyOf/oneOf: one branch must match. Branches that only add constraints (required, not) are
   * dropped. `listed` describes the branches when they are not all alike.
   */
  private alternatives(base: SchemaNode | undefined, branches: readonly unknown[], word: string, path: string[], depth: number): { node: SchemaNode | undefined; listed?: string } {
    const shaped = branches.filter((b) => b === true || (isMap(b) && hasShape(b)));
    if (shaped.length < branches.length) this.ctx.dropped(this.file, `${word} (constraint-only branches)`, path);
    if (shaped.length === 0) return { node: base };
    const nullable = shaped.some((b) => isMap(b) && isNullOnly(b));
    const typed = shaped.filter((b) => !(isMap(b) && isNullOnly(b))).map((b) => this.convert(b, path, depth + 1));
    if (typed.length === 0) return { node: base ? { ...base, nullable: true } : { ...openAny(), nullable: true } };
    let joined = typed.reduce((x, y) => union(x, y));
    let listed: string | undefined;
    if (kindOf(joined) === 'any' && new Set(typed.map(kindOf)).size > 1) {
      this.ctx.open(path, `${word} of different types in values.schema.json`);
      listed = `One of:\n${typed.map((n) => `- ${n.description ?? kindOf(n)}`).join('\n')}`;
      joined = openAny();
    } else {
      const descriptions = [...new Set(typed.map((n) => n.description).filter((d): d is string => !!d))];
      if (descriptions.length > 1) listed = `One of:\n${descriptions.map((d) => `- ${d}`).join('\n')}`;
    }
    if (listed) joined = { ...joined, description: undefined };
    if (nullable) joined = { ...joined, nullable: true };
    return { node: base ? this.both(base, joined, path) : joined, ...(listed ? { listed } : {}) };
  }

  private noteDropped(schema: Json, path: string[]): void {
    for (const key of Object.keys(schema)) {
      if (HELM_ONLY_KEYWORDS.has(key)) this.ctx.dropped(this.file, key, path);
    }
  }

  private warn(path: readonly string[], message: string): void {
    this.ctx.warn(`${formatPath(path)}: ${message}`, this.file);
  }
}

const SHAPE_KEYWORDS = ['type', 'properties', 'additionalProperties', 'items', 'enum', 'const', '$ref', 'allOf', 'anyOf', 'oneOf', 'pattern', 'format'];

function hasShape(schema: Json): boolean {
  return SHAPE_KEYWORDS.some((k) => k in schema);
}

function isNullOnly(schema: Json): boolean {
  const t = schema.type;
  return t === 'null' || (Array.isArray(t) && t.length === 1 && t[0] === 'null');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
