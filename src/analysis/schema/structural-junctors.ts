/**
 * Structural rules for the logical junctors (allOf, anyOf, oneOf, not): inside them only value
 * validations are allowed (no type, description, default, nullable, additionalProperties or
 * x-kubernetes extensions), metadata may not be reasoned about, and every field or item they
 * mention must also be specified outside them. The int-or-string anyOf pattern is the exception.
 */
import { isMap } from '../../util/yaml.js';

type Json = Readonly<Record<string, unknown>>;

const JUNCTORS = ['allOf', 'anyOf', 'oneOf'] as const;
const FORBIDDEN: readonly (readonly [string, (v: unknown) => boolean, string])[] = [
  ['type', (v) => typeof v === 'string' && v !== '', 'must be empty to be structural'],
  ['additionalProperties', (v) => v !== undefined, 'must be undefined to be structural'],
  ['default', (v) => v !== undefined, 'must be undefined to be structural'],
  ['title', (v) => typeof v === 'string' && v !== '', 'must be empty to be structural'],
  ['description', (v) => typeof v === 'string' && v !== '', 'must be empty to be structural'],
  ['nullable', (v) => v === true, 'must be false to be structural'],
  ['x-kubernetes-preserve-unknown-fields', (v) => v === true, 'must be false to be structural'],
  ['x-kubernetes-embedded-resource', (v) => v === true, 'must be false to be structural'],
  ['x-kubernetes-int-or-string', (v) => v === true, 'must be false to be structural'],
  ['x-kubernetes-list-map-keys', (v) => Array.isArray(v) && v.length > 0, 'must be empty to be structural'],
  ['x-kubernetes-list-type', (v) => v !== undefined, 'must be undefined to be structural'],
];

/** `anyOf: [{type: integer}, {type: string}]`, the one junctor shape x-kubernetes-int-or-string may use. */
function isIntOrStringAnyOf(anyOf: unknown): boolean {
  if (!Array.isArray(anyOf) || anyOf.length !== 2) return false;
  const [a, b] = anyOf as unknown[];
  const only = (x: unknown, t: string): boolean => isMap(x) && x.type === t && Object.keys(x).length === 1;
  return only(a, 'integer') && only(b, 'string');
}

/** Checks the junctors of node `s` (at `path`); problems go to `out`. */
export function checkJunctors(s: Json, path: string, out: string[]): void {
  const skipAnyOf = isIntOrStringAnyOf(s.anyOf);
  const allOf = Array.isArray(s.allOf) ? s.allOf : [];
  const skipFirstAllOfAnyOf = isMap(allOf[0]) && isIntOrStringAnyOf(allOf[0].anyOf);
  for (const word of JUNCTORS) {
    const branches = s[word];
    if (!Array.isArray(branches)) continue;
    if (word === 'anyOf' && skipAnyOf) continue;
    branches.forEach((branch, i) => {
      if (!isMap(branch)) return;
      const at = `${path}.${word}[${i}]`;
      checkNested(branch, at, out, word === 'allOf' && i === 0 && skipFirstAllOfAnyOf);
      checkComplete(branch, s, at, out);
    });
  }
  if (isMap(s.not)) {
    checkNested(s.not, `${path}.not`, out, false);
    checkComplete(s.not, s, `${path}.not`, out);
  }
}

/** A schema inside a junctor: value validations only. */
function checkNested(v: Json, path: string, out: string[], skipAnyOf: boolean): void {
  for (const [key, forbidden, message] of FORBIDDEN) if (forbidden(v[key])) out.push(`${path}.${key}: Forbidden: ${message}`);
  if (isMap(v.properties) && Object.hasOwn(v.properties, 'metadata')) {
    out.push(`${path}.properties[metadata]: Forbidden: must not be specified in a nested context`);
  }
  for (const word of JUNCTORS) {
    const branches = v[word];
    if (!Array.isArray(branches) || (word === 'anyOf' && skipAnyOf)) continue;
    branches.forEach((b, i) => isMap(b) && checkNested(b, `${path}.${word}[${i}]`, out, false));
  }
  if (isMap(v.not)) checkNested(v.not, `${path}.not`, out, false);
  if (isMap(v.items)) checkNested(v.items, `${path}.items`, out, false);
  if (isMap(v.properties)) {
    for (const [name, p] of Object.entries(v.properties)) if (isMap(p)) checkNested(p, `${path}.properties[${name}]`, out, false);
  }
}

/** Every field and item a junctor specifies must also be specified outside it. */
function checkComplete(v: Json, outer: Json | undefined, path: string, out: string[]): void {
  if (isMap(v.items)) {
    if (!outer || !isMap(outer.items)) out.push(`${path}.items: Required value: because it is defined in ${path}`);
    checkComplete(v.items, isMap(outer?.items) ? outer.items : undefined, `${path}.items`, out);
  }
  if (isMap(v.properties)) {
    const outerProps = isMap(outer?.properties) ? outer.properties : undefined;
    for (const [name, p] of Object.entries(v.properties)) {
      const match = outerProps && Object.hasOwn(outerProps, name) && isMap(outerProps[name]) ? outerProps[name] : undefined;
      if (!match) out.push(`${path}.properties[${name}]: Required value: because it is defined in ${path}`);
      if (isMap(p)) checkComplete(p, match, `${path}.properties[${name}]`, out);
    }
  }
  for (const word of JUNCTORS) {
    const branches = v[word];
    if (Array.isArray(branches)) branches.forEach((b, i) => isMap(b) && checkComplete(b, outer, `${path}.${word}[${i}]`, out));
  }
  if (isMap(v.not)) checkComplete(v.not, outer, `${path}.not`, out);
}
