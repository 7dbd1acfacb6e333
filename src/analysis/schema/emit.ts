/**
 * Writes a schema tree out as plain JSONSchemaProps data: keys sorted, every node a fresh object
 * (memoised $ref targets are shared inside the tree, and a YAML dump must not turn them into
 * anchors), and a cap on the number of nodes so a small but explosive $ref graph cannot produce an
 * enormous CRD.
 */
import { compareStrings } from '../../util/compare.js';
import { MAX_NODES, type SchemaContext } from './context.js';
import { PRESERVE, formatPath, type SchemaNode } from './node.js';

/** apiextensions.k8s.io/v1 JSONSchemaProps as plain data. */
export type JSONSchemaProps = Record<string, unknown>;

/** Writes a property into a plain object without ever touching its prototype (`__proto__` keys). */
export function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export interface EmitOptions {
  /**
   * Marks every object property and map value nullable. Helm reads `key: null` in user values as
   * "drop this default"; without nullable the API server would silently prune such nulls from
   * the CR, and the chart default would come back.
   */
  readonly nullableProperties?: boolean;
}

interface Emitter {
  readonly ctx: SchemaContext;
  readonly options: EmitOptions;
  left: number;
  warned: boolean;
}

/** Emits `node` as sorted plain data. */
export function emitSchema(node: SchemaNode, ctx: SchemaContext, options: EmitOptions = {}): JSONSchemaProps {
  return emitNode(node, [], { ctx, options, left: MAX_NODES, warned: false }, false);
}

function emitNode(input: SchemaNode, path: string[], e: Emitter, isField: boolean): JSONSchemaProps {
  const { ctx } = e;
  const node = isField && e.options.nullableProperties && !input.nullable ? { ...input, nullable: true } : input;
  if (--e.left < 0) {
    if (!e.warned) {
      ctx.warn(`the schema has more than ${MAX_NODES} nodes; from ${formatPath(path)} on, subtrees are left open`);
      e.warned = true;
    }
    ctx.open(path, 'schema too large');
    return node.nullable ? { nullable: true, [PRESERVE]: true } : { [PRESERVE]: true };
  }
  const out: JSONSchemaProps = {};
  for (const key of Object.keys(node).sort(compareStrings) as (keyof SchemaNode)[]) {
    const value = node[key];
    if (value === undefined) continue;
    if (key === 'properties') {
      const props = value as ReadonlyMap<string, SchemaNode>;
      if (props.size === 0) continue;
      const target: Record<string, unknown> = {};
      for (const name of [...props.keys()].sort(compareStrings)) {
        defineKey(target, name, emitNode(props.get(name)!, [...path, name], e, true));
      }
      out.properties = target;
    } else if (key === 'items' || key === 'additionalProperties') {
      out[key] = emitNode(value as SchemaNode, [...path, key === 'items' ? '[]' : '*'], e, key === 'additionalProperties');
    } else if (key === 'enum') {
      out.enum = JSON.parse(JSON.stringify(value)) as unknown[];
    } else {
      out[key] = value;
    }
  }
  return out;
}
