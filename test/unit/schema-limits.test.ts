/** Pathological input must neither blow the stack nor go exponential. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_DEPTH, MAX_NODES } from '../../src/analysis/schema/context.js';
import { SchemaContext } from '../../src/analysis/schema/context.js';
import { buildCrdSchema, checkStructural } from '../../src/analysis/schema/index.js';
import { clip, fitDescriptions } from '../../src/analysis/schema/size.js';
import { OPEN, chartOf, convert, valuesSchema } from '../fixtures/schema/chart.js';

/** Milliseconds `run` takes. */
function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function nested(depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let node = leaf;
  for (let i = 0; i < depth; i++) node = wrap(node);
  return node;
}

function depthOf(schema: unknown): number {
  let depth = 0;
  let node = schema as { properties?: Record<string, unknown> } | undefined;
  while (node?.properties) {
    node = Object.values(node.properties)[0] as typeof node;
    depth++;
  }
  return depth;
}

describe('schema limits', () => {
  it('caps deeply nested JSON Schema with an open subtree and a warning', () => {
    const doc = nested(20_000, { type: 'string' }, (inner) => ({ type: 'object', properties: { a: inner } }));
    let result: ReturnType<typeof convert> | undefined;
    const ms = timed(() => (result = convert(doc)));
    assert.ok(ms < 10_000, `took ${ms} ms: exponential?`);
    assert.equal(depthOf(result!.schema), MAX_DEPTH + 1);
    assert.ok(result!.warnings.some((w) => w.message.includes(`nests deeper than ${MAX_DEPTH} levels; left open`)));
  });

  it('converts each $ref target once, so a diamond graph of 2^40 paths stays fast, and caps the output size', () => {
    const defs: Record<string, unknown> = { d40: { type: 'string' } };
    for (let i = 0; i < 40; i++) {
      defs[`d${i}`] = { type: 'object', additionalProperties: false, properties: { a: { $ref: `#/$defs/d${i + 1}` }, b: { $ref: `#/$defs/d${i + 1}` } } };
    }
    let result: ReturnType<typeof convert> | undefined;
    const ms = timed(() => (result = convert({ $defs: defs, $ref: '#/$defs/d0' })));
    assert.ok(ms < 10_000, `took ${ms} ms: exponential?`);
    const size = JSON.stringify(result!.schema).length;
    assert.ok(size < MAX_NODES * 200, `output of ${size} characters`);
    assert.ok(result!.warnings.some((w) => w.message.includes(`more than ${MAX_NODES} nodes`)));
    assert.deepEqual(checkStructural({ type: 'object', properties: { spec: result!.schema } }), []);
  });

  it('survives a $ref chain far longer than the depth cap', () => {
    const defs: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) defs[`n${i}`] = { type: 'object', properties: { next: { $ref: `#/$defs/n${i + 1}` } } };
    defs.n5000 = { type: 'string' };
    const result = convert({ $defs: defs, $ref: '#/$defs/n0' });
    assert.equal(depthOf(result.schema) <= MAX_DEPTH + 2, true);
    assert.ok(result.warnings.some((w) => w.message.includes('left open')));
  });

  it('caps deeply nested values.yaml the same way', () => {
    const yaml = Array.from({ length: 80 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ` 1\n`;
    const built = valuesSchema(chartOf({ 'values.yaml': yaml }));
    assert.ok(depthOf(built.schema) <= MAX_DEPTH + 2);
    assert.ok(built.warnings.some((w) => w.message.includes(`values nest deeper than ${MAX_DEPTH} levels`)));
  });

  it('reads templates with thousands of nested blocks in linear time', () => {
    const depth = 20_000;
    const template = `${'{{ with .Values.a }}'.repeat(depth)}{{ .b }}${'{{ end }}'.repeat(depth)}`;
    const chart = chartOf({ 'values.yaml': 'a: {b: 1}\n', 'templates/x.yaml': template });
    const ms = timed(() => buildCrdSchema(chart, 'infer'));
    assert.ok(ms < 10_000, `took ${ms} ms: exponential?`);
  });

  it('keeps keys such as __proto__ as plain properties', () => {
    const built = valuesSchema(chartOf({ 'values.yaml': '__proto__: {polluted: true}\nconstructor: 1\n' }));
    const props = built.schema.properties as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(props).sort(), ['__proto__', 'constructor']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getOwnPropertyDescriptor(props, 'constructor')?.value.type, 'integer');
    assert.equal(Object.getOwnPropertyDescriptor(props, '__proto__')?.value[OPEN], true);
  });

  it('shortens descriptions until the CRD fits what kubectl apply can store', () => {
    assert.equal(clip('First paragraph.\n\nSecond one.', 400), 'First paragraph.');
    assert.equal(clip('one two three four', 12), 'one two…');
    const long = 'word '.repeat(200).trim();
    const spec = { type: 'object', description: long, properties: { a: { type: 'string', description: long } } };
    const ctx = new SchemaContext();
    fitDescriptions(spec, ctx, 700);
    assert.equal(spec.description.length <= 160, true);
    assert.equal(spec.properties.a.description.length <= 160, true);
    assert.ok(Buffer.byteLength(JSON.stringify(spec)) <= 700);
    assert.match(ctx.warnings[0]!.message, /descriptions were cut to their first paragraph and 160 characters/);
    const small = { type: 'object', description: 'short' };
    fitDescriptions(small, new SchemaContext(), 700);
    assert.equal(small.description, 'short');
  });
});
