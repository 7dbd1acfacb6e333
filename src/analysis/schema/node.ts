/**
 * The schema tree the analysis builds before it is written out as apiextensions.k8s.io/v1
 * JSONSchemaProps. Properties are Maps so that value keys such as `__proto__` or `constructor`
 * from a chart cannot touch object prototypes; emit.ts turns the tree into plain, sorted data.
 */

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

export const PRESERVE = 'x-kubernetes-preserve-unknown-fields';
export const INT_OR_STRING = 'x-kubernetes-int-or-string';

/** One node of a CRD schema, limited to what a structural schema may say. */
export type SchemaNode = {
  type?: SchemaType;
  description?: string;
  title?: string;
  nullable?: boolean;
  properties?: ReadonlyMap<string, SchemaNode>;
  additionalProperties?: SchemaNode;
  items?: SchemaNode;
  enum?: readonly unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  multipleOf?: number;
  [PRESERVE]?: true;
  [INT_OR_STRING]?: true;
};

/** The value constraints that are copied, compared and merged as plain data. */
export const CONSTRAINT_KEYS = [
  'enum', 'format', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'multipleOf',
] as const satisfies readonly (keyof SchemaNode)[];

/** Any value at all: no type, unknown fields kept. */
export function openAny(description?: string): SchemaNode {
  return withDescription({ [PRESERVE]: true }, description);
}

/** An object whose keys are all kept, whatever they are. */
export function openObject(description?: string): SchemaNode {
  return withDescription({ type: 'object', [PRESERVE]: true }, description);
}

/** True for a node that accepts any value (no type, unknown fields kept). */
export function isOpenAny(node: SchemaNode): boolean {
  return node.type === undefined && node[INT_OR_STRING] !== true && node[PRESERVE] === true;
}

/** A copy of the node with a description, unless it already has one or none is given. */
export function withDescription(node: SchemaNode, description: string | undefined): SchemaNode {
  if (!description || node.description) return node;
  return { ...node, description };
}

/** A path inside the values, for messages: `a.b[].c`, keys with dots or spaces in brackets. */
export function formatPath(path: readonly string[]): string {
  let out = '';
  for (const key of path) {
    if (key === '[]' || /^\[\d+\]$/.test(key)) out += key;
    else if (/^[A-Za-z0-9_-]+$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${key}]`;
  }
  return out === '' ? '(root)' : out;
}

