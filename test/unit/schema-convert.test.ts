/** values.schema.json → CRD schema: one conversion rule per case, as input/expected pairs. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { INT_OR_STRING, OPEN, convert } from '../fixtures/schema/chart.js';

const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'object', properties, additionalProperties: false, ...extra,
});

interface Case {
  readonly name: string;
  readonly input: Record<string, unknown>;
  /** The converted schema of property `v`. */
  readonly expected: Record<string, unknown>;
}

const cases: Case[] = [
  { name: 'a plain type is kept', input: { type: 'integer' }, expected: { type: 'integer' } },
  { name: 'type with "null" becomes nullable', input: { type: ['string', 'null'] }, expected: { nullable: true, type: 'string' } },
  { name: 'integer or string becomes int-or-string', input: { type: ['integer', 'string'] }, expected: { [INT_OR_STRING]: true } },
  {
    name: 'integer, string or null becomes nullable int-or-string',
    input: { type: ['string', 'integer', 'null'] },
    expected: { nullable: true, [INT_OR_STRING]: true },
  },
  { name: 'integer or number becomes number', input: { type: ['integer', 'number'] }, expected: { type: 'number' } },
  { name: 'other type mixes become an open value', input: { type: ['object', 'string'], description: 'd' }, expected: { description: 'd', [OPEN]: true } },
  { name: 'type null alone is an open nullable value', input: { type: 'null' }, expected: { nullable: true, [OPEN]: true } },
  { name: 'const becomes a one-value enum', input: { const: 'RuntimeDefault' }, expected: { enum: ['RuntimeDefault'], type: 'string' } },
  { name: 'null in an enum becomes nullable', input: { type: ['string', 'null'], enum: ['a', null] }, expected: { enum: ['a'], nullable: true, type: 'string' } },
  {
    name: 'descriptions, pattern, lengths and known formats are kept',
    input: { type: 'string', description: 'd', pattern: '^[a-z]+$', minLength: 1, maxLength: 9, format: 'date-time' },
    expected: { description: 'd', format: 'date-time', maxLength: 9, minLength: 1, pattern: '^[a-z]+$', type: 'string' },
  },
  { name: 'title stands in for a missing description', input: { type: 'string', title: 'T' }, expected: { description: 'T', type: 'string' } },
  { name: 'formats Kubernetes does not know are dropped', input: { type: 'string', format: 'uri-reference' }, expected: { type: 'string' } },
  { name: 'JSON Schema duration (ISO 8601) is dropped: Kubernetes means Go durations', input: { type: 'string', format: 'duration' }, expected: { type: 'string' } },
  {
    name: 'draft-04 bounds are kept as they are',
    input: { type: 'integer', minimum: 1, exclusiveMinimum: true, maximum: 9 },
    expected: { exclusiveMinimum: true, maximum: 9, minimum: 1, type: 'integer' },
  },
  {
    name: 'draft-06+ numeric exclusive bounds become OpenAPI v3.0 booleans',
    input: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, multipleOf: 0.5 },
    expected: { exclusiveMaximum: true, exclusiveMinimum: true, maximum: 1, minimum: 0, multipleOf: 0.5, type: 'number' },
  },
  {
    name: 'a stricter minimum beside an exclusive bound wins',
    input: { type: 'integer', minimum: 5, exclusiveMinimum: 1 },
    expected: { minimum: 5, type: 'integer' },
  },
  { name: 'uniqueItems is dropped (forbidden in CRDs)', input: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 3 }, expected: { items: { type: 'string' }, maxItems: 3, type: 'array' } },
  { name: 'an array without items gets open items', input: { type: 'array' }, expected: { items: { [OPEN]: true }, type: 'array' } },
  { name: 'tuple items (list form) become open items', input: { type: 'array', items: [{ type: 'string' }] }, expected: { items: { [OPEN]: true }, type: 'array' } },
  { name: '2020-12 prefixItems become open items', input: { type: 'array', prefixItems: [{ type: 'string' }] }, expected: { items: { [OPEN]: true }, type: 'array' } },
  {
    name: 'additionalProperties: false closes the object',
    input: obj({ a: { type: 'string' } }),
    expected: { properties: { a: { type: 'string' } }, type: 'object' },
  },
  {
    name: 'an object without additionalProperties: false keeps unknown keys',
    input: { type: 'object', properties: { a: { type: 'string' } } },
    expected: { properties: { a: { type: 'string' } }, type: 'object', [OPEN]: true },
  },
  {
    name: 'additionalProperties: <schema> alone is a map',
    input: { type: 'object', additionalProperties: { type: 'string' } },
    expected: { additionalProperties: { type: 'string' }, type: 'object' },
  },
  {
    name: 'additionalProperties beside properties cannot be said: the object stays open',
    input: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'integer' } },
    expected: { properties: { a: { type: 'string' } }, type: 'object', [OPEN]: true },
  },
  {
    name: 'patternProperties leave the object open',
    input: { type: 'object', additionalProperties: false, patternProperties: { '^x-': { type: 'string' } } },
    expected: { type: 'object', [OPEN]: true },
  },
  { name: 'unevaluatedProperties: false closes the object too', input: { type: 'object', properties: {}, unevaluatedProperties: false }, expected: { type: 'object' } },
  { name: 'properties without a type imply an object', input: { properties: { a: { type: 'boolean' } }, additionalProperties: false }, expected: { properties: { a: { type: 'boolean' } }, type: 'object' } },
  { name: 'a schema without any type is an open value', input: { description: 'anything' }, expected: { description: 'anything', [OPEN]: true } },
  { name: 'required, default, examples, if/then/else and not are dropped', input: { type: 'string', default: 'x', examples: ['y'], if: {}, then: {}, else: {}, not: { const: 'z' } }, expected: { type: 'string' } },
  {
    name: 'oneOf branches of different types become an open value with their descriptions',
    input: { description: 'Port.', oneOf: [{ type: 'boolean', description: 'on or off' }, { type: 'object', description: 'settings' }] },
    expected: { description: 'Port.\nOne of:\n- on or off\n- settings', [OPEN]: true },
  },
  {
    name: 'without a description of its own, the branches describe the open value',
    input: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, description: 'a list' }] },
    expected: { description: 'One of:\n- string\n- a list', [OPEN]: true },
  },
  {
    name: 'anyOf of integer and string becomes int-or-string',
    input: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
    expected: { [INT_OR_STRING]: true },
  },
  {
    name: 'a null branch makes the alternatives nullable',
    input: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    expected: { nullable: true, type: 'string' },
  },
  {
    name: 'oneOf branches of one type are joined: properties of each, enums merged',
    input: { oneOf: [obj({ a: { type: 'string', enum: ['x'] } }), obj({ a: { type: 'string', enum: ['y'] }, b: { type: 'integer' } })] },
    expected: { properties: { a: { enum: ['x', 'y'], type: 'string' }, b: { type: 'integer' } }, type: 'object' },
  },
  {
    name: 'constraint-only branches (required) are dropped',
    input: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false, oneOf: [{ required: ['a'] }, { required: ['b'] }] },
    expected: { properties: { a: { type: 'string' } }, type: 'object' },
  },
  {
    name: 'allOf is intersected',
    input: { allOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { properties: { b: { type: 'integer', minimum: 1 } }, additionalProperties: false }] },
    expected: { properties: { a: { type: 'string' }, b: { minimum: 1, type: 'integer' } }, type: 'object' },
  },
  { name: 'a pattern Go cannot compile (lookahead) is dropped', input: { type: 'string', pattern: '^(?!x).*$' }, expected: { type: 'string' } },
  { name: 'OpenAPI nullable in the source is kept', input: { type: 'string', nullable: true }, expected: { nullable: true, type: 'string' } },
];

describe('convert values.schema.json: one rule per case', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { schema } = convert({ type: 'object', additionalProperties: false, properties: { v: c.input } });
      assert.deepEqual(schema, { properties: { v: c.expected }, type: 'object' });
    });
  }
});

describe('convert values.schema.json: references', () => {
  it('resolves $ref into $defs, definitions and JSON pointers, and keeps the referring description', () => {
    const { schema } = convert({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $ref: '#/$defs/root',
      $defs: { root: obj({ a: { $ref: '#/definitions/a', description: 'outer' }, b: { $ref: '#/$defs/root/properties/a' } }) },
      definitions: { a: { type: 'string', description: 'inner' } },
    });
    assert.deepEqual(schema, {
      properties: { a: { description: 'outer', type: 'string' }, b: { description: 'outer', type: 'string' } },
      type: 'object',
    });
  });

  it('applies the siblings of a $ref too (2019-09 and later)', () => {
    const { schema } = convert(obj({ a: { $ref: '#/$defs/s', maxLength: 3 } }, { $defs: { s: { type: 'string', minLength: 1 } } }));
    assert.deepEqual(schema, { properties: { a: { maxLength: 3, minLength: 1, type: 'string' } }, type: 'object' });
  });

  it('ends a recursive reference in an open subtree, with a warning', () => {
    const { schema, warnings, open } = convert(obj({ tree: { $ref: '#/$defs/node' } }, {
      $defs: { node: obj({ name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } }) },
    }));
    assert.deepEqual(schema, {
      properties: {
        tree: {
          properties: { children: { items: { [OPEN]: true }, type: 'array' }, name: { type: 'string' } },
          type: 'object',
        },
      },
      type: 'object',
    });
    assert.match(warnings.map((w) => w.message).join('\n'), /tree\.children\[\]: \$ref #\/\$defs\/node refers back to itself/);
    assert.deepEqual(open, [{ path: 'tree.children[]', reason: 'recursive $ref in values.schema.json' }]);
  });

  it('leaves external and dangling references open, with warnings naming them', () => {
    const { schema, warnings } = convert(obj({
      ext: { $ref: 'https://example.com/k8s.json#/definitions/Affinity' },
      gone: { $ref: '#/$defs/missing' },
    }));
    assert.deepEqual(schema, { properties: { ext: { [OPEN]: true }, gone: { [OPEN]: true } }, type: 'object' });
    const text = warnings.map((w) => w.message).join('\n');
    assert.match(text, /ext: external \$ref https:\/\/example\.com\/k8s\.json#\/definitions\/Affinity is not fetched; left open/);
    assert.match(text, /gone: \$ref #\/\$defs\/missing points at nothing; left open/);
  });

  it('leaves required, default, metadata, annotations and non-JSON-Schema keywords out without a note', () => {
    const { warnings, helmOnly } = convert({
      $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'x', type: 'object', required: ['a'],
      properties: {
        a: { type: 'string', default: 'x', examples: ['y'], deprecated: true, form: true, format: 'uri-reference' },
        b: { type: 'string', default: 'z', hidden: { value: false } },
      },
    });
    assert.deepEqual(warnings, []);
    assert.deepEqual(helmOnly, []);
  });

  it('names the checks only Helm makes once per file, with a count and the first place', () => {
    const { warnings, helmOnly } = convert({
      type: 'object',
      properties: {
        a: { type: 'string', not: { const: 'z' } },
        b: { type: 'array', items: { type: 'string' }, uniqueItems: true, contains: { const: 'x' } },
        c: { type: 'object', properties: { d: { type: 'string', not: { const: '' } } }, additionalProperties: false, propertyNames: { maxLength: 3 } },
      },
    });
    assert.deepEqual(warnings, []);
    assert.deepEqual(helmOnly, [{
      file: 'values.schema.json',
      keywords: ['contains (1×, first at b)', 'not (2×, first at a)', 'propertyNames (1×, first at c)', 'uniqueItems (1×, first at b)'],
    }]);
  });
});
