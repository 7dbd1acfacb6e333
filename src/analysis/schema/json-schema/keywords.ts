/**
 * Tables for turning JSON Schema (draft-04 to 2020-12) into a CRD schema: which type lists map to
 * what, which formats Kubernetes knows, and which patterns its Go (RE2) regexps can compile.
 */
import type { NodeKind } from '../combine.js';

/**
 * Formats the API server validates the way JSON Schema means them. `duration` is left out on
 * purpose: JSON Schema means ISO 8601 (`P1D`), Kubernetes means Go durations (`24h`).
 */
export const KNOWN_FORMATS = new Set([
  'bsonobjectid', 'uri', 'email', 'hostname', 'ipv4', 'ipv6', 'cidr', 'mac', 'uuid', 'uuid3', 'uuid4',
  'uuid5', 'isbn', 'isbn10', 'isbn13', 'creditcard', 'ssn', 'hexcolor', 'rgbcolor', 'byte', 'password',
  'date', 'date-time', 'datetime', 'int32', 'int64', 'float', 'double',
]);

/**
 * Keywords that reject values the converter cannot carry into a CRD. Helm still checks them against
 * values.schema.json when the operator reconciles, so the summary names them: a CR they reject is
 * accepted by the API server and fails at reconcile instead. patternProperties is not listed: the
 * object it sits on is left open and reported as such.
 */
export const HELM_ONLY_KEYWORDS = new Set([
  'not', 'if', 'then', 'else', 'dependentRequired', 'dependentSchemas', 'dependencies', 'propertyNames',
  'contains', 'minContains', 'maxContains', 'additionalItems', 'unevaluatedItems', '$dynamicRef', '$recursiveRef',
]);

// Every other keyword the converter does not read is left out without a note: `required` and
// `default` on purpose (the runtime merges the CR over values.yaml, so nothing is required and
// defaults stay the chart's), metadata and annotations ($schema, $id, examples, deprecated, ...),
// and keywords that are not JSON Schema (UI hints such as bitnami's `form`), which Helm ignores too.

export interface TypeInfo {
  /** The kind of value, or undefined when the schema names no type. */
  readonly kind: NodeKind | undefined;
  readonly nullable: boolean;
  /** The JSON types when they cannot be said in a CRD (e.g. object or string). */
  readonly mixed?: readonly string[];
}

const SINGLE = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

/** Maps a JSON Schema `type` (a name or a list of names) onto what a CRD node can say. */
export function mapType(type: unknown): TypeInfo {
  if (type === undefined) return { kind: undefined, nullable: false };
  const names = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
  const nullable = names.includes('null');
  const rest = [...new Set(names.filter((t) => t !== 'null'))].sort();
  if (rest.length === 0) return { kind: 'any', nullable };
  if (rest.length === 1) {
    const only = rest[0]!;
    return SINGLE.has(only) ? { kind: only as NodeKind, nullable } : { kind: 'any', nullable, mixed: rest };
  }
  const key = rest.join(',');
  if (key === 'integer,string') return { kind: 'int-or-string', nullable };
  if (key === 'integer,number') return { kind: 'number', nullable };
  return { kind: 'any', nullable, mixed: rest };
}

/** The JSON type of a value, as JSON Schema names it (a YAML timestamp is a string). */
export function jsonTypeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The kind a node needs when the schema gives no type but other keywords imply one. */
export function impliedKind(schema: Readonly<Record<string, unknown>>): NodeKind | undefined {
  if ('properties' in schema || 'additionalProperties' in schema || 'patternProperties' in schema) return 'object';
  if ('items' in schema || 'prefixItems' in schema) return 'array';
  const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
  if (values) {
    const kinds = [...new Set(values.filter((v) => v !== null).map(jsonTypeOf))];
    if (kinds.length === 1 && kinds[0] !== 'object') return kinds[0] as NodeKind;
  }
  if ('pattern' in schema || 'minLength' in schema || 'maxLength' in schema) return 'string';
  if ('minimum' in schema || 'maximum' in schema || 'multipleOf' in schema) return 'number';
  return undefined;
}

/**
 * Why a pattern cannot go into a CRD, or undefined when it can. The API server compiles patterns
 * with Go's RE2, which has no lookaround or backreferences; the validator here uses JavaScript.
 */
export function patternProblem(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return 'uses lookaround, which Go regular expressions lack';
  if (/\(\?>/.test(pattern)) return 'uses an atomic group, which Go regular expressions lack';
  if (/\\[1-9]|\\k</.test(pattern)) return 'uses a backreference, which Go regular expressions lack';
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'is not a valid regular expression';
  }
  return undefined;
}

/** True when a value has the JSON type a CRD kind asks for (used to keep enums consistent). */
export function valueFitsKind(value: unknown, kind: NodeKind | undefined): boolean {
  if (kind === undefined || kind === 'any') return true;
  const t = jsonTypeOf(value);
  if (kind === 'number') return t === 'number' || t === 'integer';
  if (kind === 'int-or-string') return t === 'integer' || t === 'string';
  return t === kind;
}
