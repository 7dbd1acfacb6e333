/**
 * Validates a value against a CRD schema the way the API server treats a create or update:
 * - nulls of non-nullable object fields are pruned before validation (reported here: the value
 *   never reaches the operator), other nulls must be allowed by `nullable`;
 * - types (integer is a whole number, number any number), x-kubernetes-int-or-string, enum,
 *   pattern, lengths, bounds, item and property counts, the formats Kubernetes knows;
 * - unknown fields: kept under x-kubernetes-preserve-unknown-fields (and not validated), checked
 *   against additionalProperties, otherwise pruned. kubectl's default server-side field
 *   validation (Strict) turns a pruned field into an error, so it is reported as one;
 * - at the root, `metadata` belongs to the API server and is not checked.
 * Returns `path: problem` strings, in document order.
 */
import { isMap } from '../../util/yaml.js';
import type { JSONSchemaProps } from './emit.js';
import { checkFormat } from './formats.js';
import { jsonTypeOf } from './json-schema/keywords.js';
import { formatPath } from './node.js';

type Json = Readonly<Record<string, unknown>>;

/** Validates `value` (a whole CR, or any value) against `schema`; empty when the API server would accept it unchanged. */
export function validateAgainstSchema(value: unknown, schema: JSONSchemaProps): string[] {
  const out: string[] = [];
  check(value, schema, [], out, { prune: true, root: true });
  return out;
}

interface Mode {
  /** False inside allOf/anyOf/oneOf/not: those only validate values, they do not prune. */
  readonly prune: boolean;
  readonly root: boolean;
}

function fitsType(v: unknown, type: unknown): boolean {
  const t = jsonTypeOf(v);
  if (type === 'number') return t === 'number' || t === 'integer';
  return t === type;
}

const show = (v: unknown): string => {
  const text = JSON.stringify(v instanceof Date ? v.toISOString() : v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

function check(v: unknown, s: unknown, path: string[], out: string[], mode: Mode): void {
  if (!isMap(s)) return;
  const at = formatPath(path);
  if (v === null || v === undefined) {
    if (s.nullable !== true && (s.type !== undefined || s['x-kubernetes-int-or-string'] === true)) {
      out.push(`${at}: Invalid value: "null": must be of type ${s.type ?? 'integer-or-string'}`);
    }
    return;
  }
  const t = jsonTypeOf(v);
  if (s['x-kubernetes-int-or-string'] === true && t !== 'integer' && t !== 'string') {
    out.push(`${at}: Invalid value: "${t}": must be an integer or a string`);
    return;
  }
  if (s.type !== undefined && !fitsType(v, s.type)) {
    out.push(`${at}: Invalid value: "${t}": must be of type ${String(s.type)}: ${show(v)}`);
    return;
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
    out.push(`${at}: Unsupported value: ${show(v)}: supported values: ${s.enum.map(show).join(', ')}`);
  }
  if (typeof v === 'string' || v instanceof Date) checkString(v instanceof Date ? v.toISOString() : v, s, at, out);
  if (typeof v === 'number') checkNumber(v, s, at, out);
  if (Array.isArray(v)) checkArray(v, s, path, out, mode);
  else if (isMap(v) && !(v instanceof Date)) checkObject(v, s, path, out, mode);
  checkJunctors(v, s, path, out);
}

function checkString(v: string, s: Json, at: string, out: string[]): void {
  const length = [...v].length;
  if (typeof s.maxLength === 'number' && length > s.maxLength) out.push(`${at}: Too long: may not be more than ${s.maxLength} characters`);
  if (typeof s.minLength === 'number' && length < s.minLength) out.push(`${at}: Invalid value: ${show(v)}: should be at least ${s.minLength} chars long`);
  if (typeof s.pattern === 'string') {
    let re: RegExp | undefined;
    try {
      re = new RegExp(s.pattern, 'u');
    } catch {
      re = undefined;
    }
    if (re && !re.test(v)) out.push(`${at}: Invalid value: ${show(v)}: should match '${s.pattern}'`);
  }
  if (typeof s.format === 'string' && !checkFormat(s.format, v)) out.push(`${at}: Invalid value: ${show(v)}: must be of format ${s.format}`);
}

function checkNumber(v: number, s: Json, at: string, out: string[]): void {
  if (typeof s.minimum === 'number' && (s.exclusiveMinimum === true ? v <= s.minimum : v < s.minimum)) {
    out.push(`${at}: Invalid value: ${v}: should be greater than ${s.exclusiveMinimum === true ? '' : 'or equal to '}${s.minimum}`);
  }
  if (typeof s.maximum === 'number' && (s.exclusiveMaximum === true ? v >= s.maximum : v > s.maximum)) {
    out.push(`${at}: Invalid value: ${v}: should be less than ${s.exclusiveMaximum === true ? '' : 'or equal to '}${s.maximum}`);
  }
  if (typeof s.multipleOf === 'number' && s.multipleOf > 0) {
    const q = v / s.multipleOf;
    if (Math.abs(q - Math.round(q)) > 1e-9) out.push(`${at}: Invalid value: ${v}: should be a multiple of ${s.multipleOf}`);
  }
}

function checkArray(v: readonly unknown[], s: Json, path: string[], out: string[], mode: Mode): void {
  const at = formatPath(path);
  if (typeof s.maxItems === 'number' && v.length > s.maxItems) out.push(`${at}: Too many: ${v.length}: must have at most ${s.maxItems} items`);
  if (typeof s.minItems === 'number' && v.length < s.minItems) out.push(`${at}: Invalid value: ${v.length}: should have at least ${s.minItems} items`);
  if (!isMap(s.items)) return;
  v.forEach((item, i) => check(item, s.items, [...path, `[${i}]`], out, { ...mode, root: false }));
}

function checkObject(v: Json, s: Json, path: string[], out: string[], mode: Mode): void {
  const at = formatPath(path);
  const count = Object.keys(v).length;
  if (typeof s.maxProperties === 'number' && count > s.maxProperties) out.push(`${at}: Too many: ${count}: must have at most ${s.maxProperties} items`);
  if (typeof s.minProperties === 'number' && count < s.minProperties) out.push(`${at}: Invalid value: ${count}: should have at least ${s.minProperties} properties`);
  const props = isMap(s.properties) ? s.properties : undefined;
  const extra = s.additionalProperties;
  const keeps = s['x-kubernetes-preserve-unknown-fields'] === true || extra === true;
  for (const key of Object.keys(v)) {
    const child = [...path, key];
    if (mode.root && key === 'metadata') continue;
    const sub = props && Object.hasOwn(props, key) ? props[key] : isMap(extra) ? extra : undefined;
    if (sub === undefined) {
      if (!keeps && mode.prune) out.push(`${formatPath(child)}: unknown field (pruned by the API server; rejected by strict field validation)`);
      continue;
    }
    if (v[key] === null && isMap(sub) && sub.nullable !== true) {
      if (mode.prune) out.push(`${formatPath(child)}: null is pruned by the API server (not nullable), so Helm never sees it`);
      continue;
    }
    check(v[key], sub, child, out, { ...mode, root: false });
  }
}

function checkJunctors(v: unknown, s: Json, path: string[], out: string[]): void {
  const quiet = (schema: unknown): string[] => {
    const errors: string[] = [];
    check(v, schema, path, errors, { prune: false, root: false });
    return errors;
  };
  const at = formatPath(path);
  if (Array.isArray(s.allOf)) for (const branch of s.allOf) out.push(...quiet(branch));
  if (Array.isArray(s.anyOf) && s.anyOf.length > 0 && !s.anyOf.some((b) => quiet(b).length === 0)) {
    out.push(`${at}: Invalid value: must validate at least one schema (anyOf)`);
  }
  if (Array.isArray(s.oneOf) && s.oneOf.length > 0) {
    const passing = s.oneOf.filter((b) => quiet(b).length === 0).length;
    if (passing !== 1) out.push(`${at}: Invalid value: must validate one and only one schema (oneOf), ${passing} matched`);
  }
  if (isMap(s.not) && quiet(s.not).length === 0) out.push(`${at}: Invalid value: must not validate the schema (not)`);
}
