/** checkStructural: each rule the API server enforces, as a schema and the problem it reports. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkStructural } from '../../src/analysis/schema/index.js';

const root = (spec: Record<string, unknown>): Record<string, unknown> => ({
  type: 'object',
  properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec },
});
const S = 'openAPIV3Schema.properties[spec]';

interface Case {
  readonly name: string;
  readonly spec: Record<string, unknown>;
  readonly problems: readonly string[];
}

const cases: Case[] = [
  { name: 'a typed tree is structural', spec: { type: 'object', properties: { a: { type: 'array', items: { type: 'string' } } } }, problems: [] },
  { name: 'every field needs a type', spec: { type: 'object', properties: { a: { description: 'x' } } }, problems: [`${S}.properties[a].type: Required value: must not be empty for specified object fields`] },
  { name: 'array items need a type', spec: { type: 'array', items: {} }, problems: [`${S}.items.type: Required value: must not be empty for specified array items`] },
  { name: 'open nodes may omit the type', spec: { type: 'object', properties: { a: { 'x-kubernetes-preserve-unknown-fields': true } } }, problems: [] },
  { name: 'int-or-string nodes may omit the type', spec: { type: 'object', properties: { a: { 'x-kubernetes-int-or-string': true } } }, problems: [] },
  {
    name: 'children of an open node still need types',
    spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { properties: {} } } },
    problems: [`${S}.properties[a].type: Required value: must not be empty for specified object fields`],
  },
  { name: 'arrays need items', spec: { type: 'array' }, problems: [`${S}.items: Required value: must be specified`] },
  { name: 'items must be one schema', spec: { type: 'array', items: [{ type: 'string' }] }, problems: [`${S}.items: items must be a schema object and not an array`] },
  {
    name: 'additionalProperties and properties are mutually exclusive',
    spec: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
    problems: [`${S}.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`],
  },
  { name: '$ref is not supported', spec: { type: 'object', $ref: '#/definitions/x' }, problems: [`${S}.$ref: $ref is not supported`] },
  { name: 'definitions are not supported', spec: { type: 'object', definitions: { x: { type: 'string' } } }, problems: [`${S}.definitions: definitions is not supported`] },
  { name: 'patternProperties are not supported', spec: { type: 'object', patternProperties: { x: { type: 'string' } } }, problems: [`${S}.patternProperties: patternProperties is not supported`] },
  { name: 'type null is not allowed', spec: { type: 'null' }, problems: [`${S}.type: type cannot be set to null, use nullable as an alternative`] },
  { name: 'type lists are not OpenAPI v3.0', spec: { type: ['string', 'null'] }, problems: [`${S}.type: Unsupported value: ["string","null"]: supported values: array, boolean, integer, number, object, string`] },
  { name: 'uniqueItems: true is forbidden', spec: { type: 'array', items: { type: 'string' }, uniqueItems: true }, problems: [`${S}.uniqueItems: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`] },
  { name: 'preserve-unknown-fields: false is invalid', spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': false }, problems: [`${S}.x-kubernetes-preserve-unknown-fields: must be true or undefined`] },
  {
    name: 'int-or-string excludes preserve-unknown-fields',
    spec: { 'x-kubernetes-int-or-string': true, 'x-kubernetes-preserve-unknown-fields': true },
    problems: [`${S}.x-kubernetes-preserve-unknown-fields: must be false if x-kubernetes-int-or-string is true`],
  },
  { name: 'numeric exclusive bounds are draft-06, not OpenAPI v3.0', spec: { type: 'integer', exclusiveMinimum: 3 }, problems: [`${S}.exclusiveMinimum: must be a boolean in OpenAPI v3.0`] },
  { name: 'unknown keywords are not JSONSchemaProps fields', spec: { type: 'string', examples: ['a'] }, problems: [`${S}.examples: unknown field in JSONSchemaProps`] },
  { name: 'patterns must compile as Go regular expressions', spec: { type: 'string', pattern: '(?=a)' }, problems: [`${S}.pattern: must be a valid regular expression, but uses lookaround, which Go regular expressions lack`] },
  {
    name: 'the int-or-string anyOf pattern is allowed',
    spec: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
    problems: [],
  },
  {
    name: 'junctors may not set type, description, nullable or extensions',
    spec: { type: 'string', oneOf: [{ type: 'string', description: 'd', nullable: true }] },
    problems: [`${S}.oneOf[0].description: Forbidden: must be empty to be structural`, `${S}.oneOf[0].nullable: Forbidden: must be false to be structural`, `${S}.oneOf[0].type: Forbidden: must be empty to be structural`],
  },
  {
    name: 'fields named in a junctor must be specified outside it',
    spec: { type: 'object', properties: { a: { type: 'string' } }, anyOf: [{ properties: { a: { minLength: 1 } } }, { properties: { b: { minLength: 1 } } }] },
    problems: [`${S}.anyOf[1].properties[b]: Required value: because it is defined in ${S}.anyOf[1]`],
  },
  {
    name: 'embedded resources must be objects with properties or open',
    spec: { type: 'object', properties: { r: { type: 'string', 'x-kubernetes-embedded-resource': true } } },
    problems: [
      `${S}.properties[r].properties: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`,
      `${S}.properties[r].type: must be object if x-kubernetes-embedded-resource is true`,
    ],
  },
  { name: 'list types belong on arrays', spec: { type: 'string', 'x-kubernetes-list-type': 'set' }, problems: [`${S}.type: must be array if x-kubernetes-list-type is specified`] },
];

describe('checkStructural: one rule per case', () => {
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(checkStructural(root(c.spec)), [...c.problems].sort()));
  }
});

describe('checkStructural: the root and metadata', () => {
  it('wants type object at the root and no additionalProperties or nullable there', () => {
    assert.deepEqual(checkStructural({ type: 'object', nullable: true, additionalProperties: { type: 'string' } }), [
      'openAPIV3Schema.additionalProperties: must not be used at the root',
      'openAPIV3Schema.additionalProperties: only description, type, format, title, maximum, exclusiveMaximum, minimum, exclusiveMinimum, maxLength, minLength, pattern, maxItems, minItems, uniqueItems, multipleOf, required, items, properties, externalDocs, example, x-kubernetes-preserve-unknown-fields, x-kubernetes-validations are allowed at the root of a schema with the status subresource',
      'openAPIV3Schema.nullable: nullable cannot be true at the root',
      'openAPIV3Schema.nullable: only description, type, format, title, maximum, exclusiveMaximum, minimum, exclusiveMinimum, maxLength, minLength, pattern, maxItems, minItems, uniqueItems, multipleOf, required, items, properties, externalDocs, example, x-kubernetes-preserve-unknown-fields, x-kubernetes-validations are allowed at the root of a schema with the status subresource',
    ]);
    assert.deepEqual(checkStructural({ properties: {} }), [
      'openAPIV3Schema.type: Required value: must not be empty at the root',
      'openAPIV3Schema.type: must be object at the root',
    ]);
  });

  it('allows metadata to restrict only name and generateName', () => {
    const withMeta = (metadata: Record<string, unknown>): string[] => checkStructural({ type: 'object', properties: { metadata } });
    assert.deepEqual(withMeta({ type: 'object' }), []);
    assert.deepEqual(withMeta({ type: 'object', properties: { name: { type: 'string', maxLength: 63 } } }), []);
    assert.deepEqual(withMeta({ type: 'object', properties: { labels: { type: 'object' } } }), [
      'openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified',
    ]);
    assert.deepEqual(withMeta({ type: 'string' }), ['openAPIV3Schema.properties[metadata].type: must be object']);
  });

  it('wants kind and apiVersion to be strings', () => {
    assert.deepEqual(checkStructural({ type: 'object', properties: { kind: { type: 'integer' } } }), ['openAPIV3Schema.properties[kind].type: must be string']);
  });

  it('forbids metadata inside a junctor', () => {
    assert.deepEqual(checkStructural(root({ type: 'object', properties: { metadata: { type: 'object' } }, allOf: [{ properties: { metadata: {} } }] })), [
      `${S}.allOf[0].properties[metadata]: Forbidden: must not be specified in a nested context`,
    ]);
  });
});
