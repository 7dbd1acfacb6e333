/**
 * The value constraints of one JSON Schema node that a CRD can keep: enum/const, pattern,
 * lengths, bounds (draft-04 boolean and draft-06+ numeric exclusive bounds), multipleOf, formats
 * Kubernetes knows, item and property counts.
 */
import type { NodeKind } from '../combine.js';
import type { SchemaNode } from '../node.js';
import { KNOWN_FORMATS, patternProblem, valueFitsKind } from './keywords.js';

type Json = Readonly<Record<string, unknown>>;

export interface ScalarOutcome {
  /** Keywords (or `format: x`) left out, for the per-file note. */
  readonly dropped: string[];
  readonly warnings: string[];
  /** True when the enum/const allows null. */
  readonly nullable: boolean;
}

const STRINGY = new Set<NodeKind>(['string', 'int-or-string']);
const NUMERIC = new Set<NodeKind>(['integer', 'number', 'int-or-string']);
const SCALAR = new Set<NodeKind>(['string', 'integer', 'number', 'boolean', 'int-or-string']);

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Copies the constraints that fit `kind` from `schema` onto `node` (a fresh node it may change). */
export function applyScalarKeywords(schema: Json, kind: NodeKind, node: SchemaNode): ScalarOutcome {
  const out: ScalarOutcome = { dropped: [], warnings: [], nullable: false };
  const nullable = applyEnum(schema, kind, node, out);
  if (STRINGY.has(kind)) applyStringKeywords(schema, node, out);
  if (NUMERIC.has(kind)) applyBounds(schema, node);
  if (kind === 'array') {
    setCount(node, 'minItems', schema.minItems);
    setCount(node, 'maxItems', schema.maxItems);
    if (schema.uniqueItems === true) out.dropped.push('uniqueItems');
  }
  if (kind === 'object') {
    setCount(node, 'minProperties', schema.minProperties);
    setCount(node, 'maxProperties', schema.maxProperties);
  }
  return { ...out, nullable };
}

function applyEnum(schema: Json, kind: NodeKind, node: SchemaNode, out: ScalarOutcome): boolean {
  const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
  if (!values) return false;
  const nullable = values.includes(null);
  const fitting = values.filter((v) => v !== null && valueFitsKind(v, kind));
  if (!SCALAR.has(kind)) out.dropped.push(`enum of ${kind} values`);
  else if (fitting.length > 0) node.enum = fitting;
  return nullable;
}

function applyStringKeywords(schema: Json, node: SchemaNode, out: ScalarOutcome): void {
  setCount(node, 'minLength', schema.minLength);
  setCount(node, 'maxLength', schema.maxLength);
  if (typeof schema.pattern === 'string') {
    const problem = patternProblem(schema.pattern);
    if (problem) out.warnings.push(`pattern ${JSON.stringify(schema.pattern)} ${problem}; left out`);
    else node.pattern = schema.pattern;
  }
  if (typeof schema.format === 'string') {
    if (KNOWN_FORMATS.has(schema.format)) node.format = schema.format === 'datetime' ? 'date-time' : schema.format;
    // Formats Kubernetes does not know are left out without a note: JSON Schema treats format as an
    // annotation unless a validator opts in, and Helm's own check of values.schema.json still sees it.
  }
}

function applyBounds(schema: Json, node: SchemaNode): void {
  const lower = bound(num(schema.minimum), schema.exclusiveMinimum, (a, b) => a >= b);
  const upper = bound(num(schema.maximum), schema.exclusiveMaximum, (a, b) => a <= b);
  if (lower) {
    node.minimum = lower.value;
    if (lower.exclusive) node.exclusiveMinimum = true;
  }
  if (upper) {
    node.maximum = upper.value;
    if (upper.exclusive) node.exclusiveMaximum = true;
  }
  const multipleOf = num(schema.multipleOf);
  if (multipleOf !== undefined && multipleOf > 0) node.multipleOf = multipleOf;
}

/**
 * One bound in OpenAPI v3.0 form. Draft-04 writes `exclusiveMinimum: true` beside `minimum`;
 * draft-06 and later write the exclusive bound as a number of its own.
 */
function bound(plain: number | undefined, exclusive: unknown, tighter: (a: number, b: number) => boolean): { value: number; exclusive: boolean } | undefined {
  if (typeof exclusive === 'number' && Number.isFinite(exclusive)) {
    if (plain === undefined || tighter(exclusive, plain)) return { value: exclusive, exclusive: true };
    return { value: plain, exclusive: false };
  }
  if (plain === undefined) return undefined;
  return { value: plain, exclusive: exclusive === true };
}

function setCount(node: SchemaNode, key: 'minLength' | 'maxLength' | 'minItems' | 'maxItems' | 'minProperties' | 'maxProperties', value: unknown): void {
  const n = count(value);
  if (n !== undefined) node[key] = n;
}
