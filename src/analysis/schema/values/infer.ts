/**
 * A schema inferred from a chart's default values and how its templates use them.
 *
 * Types come from the defaults: boolean, integer (whole numbers) or number, string, array (items
 * from the elements), object; `null` is an open value, `{}` an open object, `[]` an array of open
 * items. Known int-or-string Kubernetes fields (maxUnavailable, maxSurge, minAvailable,
 * targetPort) and percentage strings accept both.
 *
 * When is an inferred object closed (unknown keys rejected)? Only on positive evidence that Helm
 * would ignore an unknown key there: the templates read keys of the object by name and never use
 * the object whole (toYaml, include, range, a function argument, tpl). Such an object gets the
 * keys of values.yaml plus every key the templates read, so a typo (`image.tagg`) is an error
 * rather than a silently ignored setting. Everything else stays open but keeps its typed
 * properties, so `replicaCount: "two"` is still rejected: empty objects, objects used whole,
 * objects the templates never read by key, values rendered with tpl (string or structure),
 * `global` (shared with subcharts), list items, and everything beneath an open object (it may be
 * handed on whole).
 *
 * Where the defaults are only examples of what another API accepts, scalars beneath are left
 * untyped (documented, not checked): contents written into manifests as-is (resources, whose
 * `cpu: 1` is as valid as `cpu: 100m`; config maps iterated with range) and the values of a
 * subchart that is not vendored.
 */
import { MAX_DEPTH, type SchemaContext } from '../context.js';
import { union } from '../combine.js';
import { PRESERVE, INT_OR_STRING, formatPath, openAny, withDescription, type SchemaNode } from '../node.js';
import type { UsageNode, ValueUsage } from '../templates/usage.js';
import type { ValueDocs } from './comments.js';

export interface InferOptions {
  readonly usage: ValueUsage;
  readonly docs: ValueDocs;
  readonly ctx: SchemaContext;
  /** Where these values sit in the CR spec (a subchart's key), for the open-places record. */
  readonly base: readonly string[];
  /** Value paths (joined with '.') that must stay open, and why. */
  readonly openAt: ReadonlyMap<string, OpenRule>;
  /** Top-level keys whose schema comes from elsewhere (subcharts): not added for template reads. */
  readonly reserved?: ReadonlySet<string>;
}

/** Why a value must stay open; `untyped` when the defaults beneath it are only examples. */
export interface OpenRule {
  readonly reason: string;
  readonly untyped?: boolean;
}

/** Inference state passed down the tree. */
interface Walk {
  readonly path: string[];
  /** Set beneath an open object: descendants stay open, and the ancestor's record explains them. */
  readonly forced: string | undefined;
  /** Set beneath values whose contents someone else defines: scalars get no type. */
  readonly untyped: boolean;
  readonly depth: number;
  /** How the templates use the value at `path` (looked up once, then followed down the walk). */
  readonly usage: Readonly<UsageNode> | undefined;
}

const INT_OR_STRING_KEYS = new Set(['maxUnavailable', 'maxSurge', 'minAvailable', 'targetPort']);
const FREE_FORM_KEY = /(annotations|labels|nodeselector|resources|securitycontext|affinity|tolerations)$/i;

/** Infers the schema of a chart's values map. */
export function inferValuesSchema(values: Readonly<Record<string, unknown>>, options: InferOptions): SchemaNode {
  return new Inferrer(options).infer(values, { path: [], forced: undefined, untyped: false, depth: 0, usage: options.usage.find([]) });
}

class Inferrer {
  constructor(private readonly o: InferOptions) {}

  infer(value: unknown, w: Walk): SchemaNode {
    const description = w.path.includes('[]') ? undefined : this.o.docs.get(w.path.join('.'));
    return withDescription(this.node(value, w), description);
  }

  private node(value: unknown, w: Walk): SchemaNode {
    if (w.usage?.tpl) return this.open(w, 'rendered with tpl (a string or a structure)', openAny());
    if (w.depth > MAX_DEPTH) {
      this.o.ctx.warn(`${formatPath([...this.o.base, ...w.path])}: values nest deeper than ${MAX_DEPTH} levels; left open`);
      return this.open(w, 'values nested too deeply', openAny());
    }
    if (value === null || value === undefined) return this.open(w, 'null in values.yaml', { ...openAny(), nullable: true });
    if (Array.isArray(value)) return this.array(value, w);
    if (typeof value === 'object' && !(value instanceof Date)) return this.object(value as Record<string, unknown>, w);
    if (w.usage !== undefined && w.usage.children.size > 0) {
      return this.open(w, `templates read keys under a ${typeof value} default`, openAny());
    }
    return w.untyped ? openAny() : scalar(value, w.path[w.path.length - 1]);
  }

  private array(value: readonly unknown[], w: Walk): SchemaNode {
    const inner: Walk = { ...w, path: [...w.path, '[]'], forced: w.forced ?? 'list item', depth: w.depth + 1, usage: w.usage?.children.get('[]') };
    const items = value.length === 0 ? openAny() : value.map((v) => this.infer(v, inner)).reduce((a, b) => union(a, b));
    return { type: 'array', items };
  }

  private object(value: Record<string, unknown>, w: Walk): SchemaNode {
    const { path } = w;
    const keys = Object.keys(value);
    const reads = [...(w.usage?.children.keys() ?? [])];
    const rule = this.o.openAt.get(path.join('.'));
    const serialized = w.usage?.serialized !== undefined;
    const last = path[path.length - 1];
    let reason = rule?.reason;
    if (!reason && keys.length === 0) reason = 'empty in values.yaml (free-form)';
    if (!reason && serialized) reason = 'written into manifests as-is (toYaml, range)';
    if (!reason && w.usage?.whole) reason = 'handed whole to helpers or functions';
    if (!reason && last !== undefined && FREE_FORM_KEY.test(last)) reason = 'free-form Kubernetes field';
    if (!reason && reads.length === 0) reason = 'templates read none of its keys by name';
    const inner = {
      path,
      forced: w.forced ?? reason,
      untyped: w.untyped || serialized || rule?.untyped === true,
      depth: w.depth + 1,
    };
    const properties = new Map<string, SchemaNode>();
    for (const key of keys) properties.set(key, this.infer(value[key], { ...inner, path: [...path, key], usage: w.usage?.children.get(key) }));
    if (!inner.forced) {
      for (const key of reads) {
        if (properties.has(key) || (path.length === 0 && this.o.reserved?.has(key))) continue;
        this.o.ctx.open([...this.o.base, ...path, key], 'read by templates, not in values.yaml');
        properties.set(key, openAny());
      }
    }
    const node: SchemaNode = { type: 'object' };
    if (properties.size > 0) node.properties = properties;
    if (inner.forced) node[PRESERVE] = true;
    if (reason && !w.forced) this.o.ctx.open([...this.o.base, ...path], reason);
    return node;
  }

  /** An open node, recorded as such unless an open ancestor already explains it. */
  private open(w: Walk, reason: string, node: SchemaNode): SchemaNode {
    if (!w.forced) this.o.ctx.open([...this.o.base, ...w.path], reason);
    return node;
  }
}

function scalar(value: unknown, key: string | undefined): SchemaNode {
  const intOrString = key !== undefined && INT_OR_STRING_KEYS.has(key);
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (typeof value === 'number') {
    if (intOrString && Number.isInteger(value)) return { [INT_OR_STRING]: true };
    return { type: Number.isInteger(value) ? 'integer' : 'number' };
  }
  if (typeof value === 'string' && (intOrString || /^\d+(\.\d+)?%$/.test(value))) return { [INT_OR_STRING]: true };
  return { type: 'string' };
}
