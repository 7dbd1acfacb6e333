/**
 * The rules the API server enforces on a CRD's openAPIV3Schema (apiextensions.k8s.io/v1): the
 * structural-schema invariants (apiextensions-apiserver pkg/apiserver/schema/validation.go) and the
 * static OpenAPI checks (pkg/apis/apiextensions/validation/validation.go), for a CRD with the
 * status subresource. Problems are reported with the API server's field paths, sorted as it does.
 */
import { isMap } from '../../util/yaml.js';
import type { JSONSchemaProps } from './emit.js';
import { patternProblem } from './json-schema/keywords.js';
import { checkJunctors } from './structural-junctors.js';

type Level = 'root' | 'item' | 'field';

/** Every field of apiextensions.k8s.io/v1 JSONSchemaProps; anything else is an unknown field. */
const PROPS_FIELDS = new Set([
  'id', '$schema', '$ref', 'description', 'type', 'format', 'title', 'default', 'maximum', 'exclusiveMaximum',
  'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems',
  'multipleOf', 'enum', 'maxProperties', 'minProperties', 'required', 'items', 'allOf', 'oneOf', 'anyOf', 'not',
  'properties', 'additionalProperties', 'patternProperties', 'dependencies', 'additionalItems', 'definitions',
  'externalDocs', 'example', 'nullable', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string', 'x-kubernetes-list-map-keys', 'x-kubernetes-list-type', 'x-kubernetes-map-type',
  'x-kubernetes-validations',
]);
const TYPES = new Set(['array', 'boolean', 'integer', 'number', 'object', 'string']);
/** Fields allowed at the root when the status subresource is enabled. */
const ROOT_FIELDS = new Set([
  'description', 'type', 'format', 'title', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength',
  'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'multipleOf', 'required', 'items', 'properties',
  'externalDocs', 'example', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-validations',
]);
const UNSUPPORTED: Record<string, string> = {
  id: 'id is not supported', $ref: '$ref is not supported', definitions: 'definitions is not supported',
  patternProperties: 'patternProperties is not supported', dependencies: 'dependencies is not supported',
  additionalItems: 'additionalItems is not supported',
};
const EMPTY_TYPE: Record<Level, string> = {
  root: 'must not be empty at the root', item: 'must not be empty for specified array items', field: 'must not be empty for specified object fields',
};

/** Structural-schema violations of a CRD's openAPIV3Schema, each as `path: problem`; empty when it is fine. */
export function checkStructural(schema: JSONSchemaProps): string[] {
  const out: string[] = [];
  const root = 'openAPIV3Schema';
  for (const key of Object.keys(schema)) {
    if (PROPS_FIELDS.has(key) && !ROOT_FIELDS.has(key) && key !== 'type') {
      out.push(`${root}.${key}: only ${[...ROOT_FIELDS].join(', ')} are allowed at the root of a schema with the status subresource`);
    }
  }
  if (schema.type !== 'object') out.push(`${root}.type: must be object at the root`);
  checkNode(schema, root, 'root', out, false);
  return out.sort();
}

function checkNode(s: Readonly<Record<string, unknown>>, path: string, level: Level, out: string[], insideMeta: boolean): void {
  for (const key of Object.keys(s)) {
    if (!PROPS_FIELDS.has(key)) out.push(`${path}.${key}: unknown field in JSONSchemaProps`);
    const unsupported = UNSUPPORTED[key];
    if (unsupported && s[key] !== undefined) out.push(`${path}.${key}: ${unsupported}`);
  }
  const type = s.type;
  const preserve = s['x-kubernetes-preserve-unknown-fields'];
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  if (type !== undefined && (typeof type !== 'string' || !TYPES.has(type))) {
    out.push(type === 'null'
      ? `${path}.type: type cannot be set to null, use nullable as an alternative`
      : `${path}.type: Unsupported value: ${JSON.stringify(type)}: supported values: ${[...TYPES].join(', ')}`);
  }
  if (embedded && insideMeta) out.push(`${path}.x-kubernetes-embedded-resource: must not be used inside of resource meta`);
  if (embedded && type !== 'object') out.push(`${path}.type: must be object if x-kubernetes-embedded-resource is true`);
  else if ((type === undefined || type === '') && !intOrString && preserve !== true) out.push(`${path}.type: Required value: ${EMPTY_TYPE[level]}`);
  if (embedded && preserve !== true && !hasProperties(s)) {
    out.push(`${path}.properties: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`);
  }
  if (preserve !== undefined && preserve !== true) out.push(`${path}.x-kubernetes-preserve-unknown-fields: must be true or undefined`);
  if (intOrString && preserve === true) out.push(`${path}.x-kubernetes-preserve-unknown-fields: must be false if x-kubernetes-int-or-string is true`);
  if (intOrString && embedded) out.push(`${path}.x-kubernetes-embedded-resource: must be false if x-kubernetes-int-or-string is true`);
  if (level === 'root' && s.nullable === true) out.push(`${path}.nullable: nullable cannot be true at the root`);
  if (s.uniqueItems === true) out.push(`${path}.uniqueItems: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`);
  for (const bound of ['exclusiveMinimum', 'exclusiveMaximum']) {
    if (s[bound] !== undefined && typeof s[bound] !== 'boolean') out.push(`${path}.${bound}: must be a boolean in OpenAPI v3.0`);
  }
  if (typeof s.pattern === 'string') {
    const problem = patternProblem(s.pattern);
    if (problem) out.push(`${path}.pattern: must be a valid regular expression, but ${problem}`);
  }
  checkListAndMapTypes(s, path, out);
  checkChildren(s, path, level, out, insideMeta);
  checkJunctors(s, path, out);
}

function checkListAndMapTypes(s: Readonly<Record<string, unknown>>, path: string, out: string[]): void {
  const listType = s['x-kubernetes-list-type'];
  if (listType !== undefined) {
    if (s.type !== 'array') out.push(`${path}.type: must be array if x-kubernetes-list-type is specified`);
    if (!['atomic', 'set', 'map'].includes(listType as string)) out.push(`${path}.x-kubernetes-list-type: Unsupported value: ${JSON.stringify(listType)}`);
    if (listType === 'map' && !(Array.isArray(s['x-kubernetes-list-map-keys']) && s['x-kubernetes-list-map-keys'].length > 0)) {
      out.push(`${path}.x-kubernetes-list-map-keys: must not be empty if x-kubernetes-list-type is map`);
    }
  } else if (Array.isArray(s['x-kubernetes-list-map-keys']) && s['x-kubernetes-list-map-keys'].length > 0) {
    out.push(`${path}.x-kubernetes-list-type: must be map if x-kubernetes-list-map-keys is non-empty`);
  }
  const mapType = s['x-kubernetes-map-type'];
  if (mapType !== undefined) {
    if (s.type !== 'object') out.push(`${path}.type: must be object if x-kubernetes-map-type is specified`);
    if (mapType !== 'atomic' && mapType !== 'granular') out.push(`${path}.x-kubernetes-map-type: Unsupported value: ${JSON.stringify(mapType)}`);
  }
}

function checkChildren(s: Readonly<Record<string, unknown>>, path: string, level: Level, out: string[], insideMeta: boolean): void {
  if (s.type === 'array' && s.items === undefined) out.push(`${path}.items: Required value: must be specified`);
  if (Array.isArray(s.items)) out.push(`${path}.items: items must be a schema object and not an array`);
  else if (isMap(s.items)) checkNode(s.items, `${path}.items`, 'item', out, insideMeta);
  const extra = s.additionalProperties;
  if (extra !== undefined) {
    if (level === 'root') out.push(`${path}.additionalProperties: must not be used at the root`);
    if (hasProperties(s) && extra !== true) out.push(`${path}.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`);
    if (isMap(extra)) checkNode(extra, `${path}.additionalProperties`, 'field', out, insideMeta);
  }
  if (!isMap(s.properties)) return;
  const typeMeta = level === 'root' || s['x-kubernetes-embedded-resource'] === true;
  for (const [name, child] of Object.entries(s.properties)) {
    const childPath = `${path}.properties[${name}]`;
    if (!isMap(child)) {
      out.push(`${childPath}: must be a schema object`);
      continue;
    }
    if (typeMeta && (name === 'kind' || name === 'apiVersion') && child.type !== 'string') out.push(`${childPath}.type: must be string`);
    if (typeMeta && name === 'metadata') checkMetadata(child, childPath, level === 'root', out);
    checkNode(child, childPath, 'field', out, insideMeta || (typeMeta && name === 'metadata'));
  }
}

/** metadata is the API server's: a schema may only restrict name and generateName. */
function checkMetadata(meta: Readonly<Record<string, unknown>>, path: string, atRoot: boolean, out: string[]): void {
  if (meta.type !== 'object') out.push(`${path}.type: must be object`);
  if (!atRoot) return;
  const props = isMap(meta.properties) ? Object.keys(meta.properties) : [];
  const onlyNames = props.every((p) => p === 'name' || p === 'generateName');
  const rest = Object.keys(meta).filter((k) => k !== 'type' && k !== 'default' && !(k === 'properties' && onlyNames));
  if (rest.length > 0) out.push(`${path}: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`);
}

function hasProperties(s: Readonly<Record<string, unknown>>): boolean {
  return isMap(s.properties) && Object.keys(s.properties).length > 0;
}
