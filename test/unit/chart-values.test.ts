/** Helm's coalescing of values (src/chart/values.ts); which subcharts render is tested with helm in default-failures. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coalesce } from '../../src/chart/values.js';

test('coalesce: maps merge key by key, the upper value wins, a null above removes the key', () => {
  const under = { a: 1, b: { c: 2, d: 3 }, e: 'x', f: [1] };
  const over = { b: { c: 20, d: null }, e: null, f: [2], g: true };
  assert.deepEqual(JSON.parse(JSON.stringify(coalesce(over, under))), { a: 1, b: { c: 20 }, f: [2], g: true });
  assert.deepEqual(under, { a: 1, b: { c: 2, d: 3 }, e: 'x', f: [1] }, 'inputs are left as they were');
});

test('coalesce: a __proto__ key from YAML stays a plain key', () => {
  const under = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
  const merged = coalesce({}, under);
  assert.equal(Object.hasOwn(merged, '__proto__'), true);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.equal((merged as Record<string, unknown>)['polluted'], undefined);
});
