/**
 * Keeps the CRD small enough to install. `kubectl apply` (client-side, what `make install` and
 * `make deploy` run) copies the whole object into the last-applied-configuration annotation, which
 * may hold at most 256 KiB. Descriptions are most of a big schema, so they are shortened (first
 * paragraph, then fewer characters, then none) until the schema fits the budget.
 */
import { isMap } from '../../util/yaml.js';
import type { SchemaContext } from './context.js';
import type { JSONSchemaProps } from './emit.js';

/** Bytes of JSON the spec schema may take, leaving room for the rest of the CRD under 256 KiB. */
export const SPEC_SCHEMA_BUDGET = 245_000;

const STEPS = [400, 160, 60, 0] as const;

/** Shortens descriptions in `spec` (in place) until it fits `budget`, with a warning saying so. */
export function fitDescriptions(spec: JSONSchemaProps, ctx: SchemaContext, budget = SPEC_SCHEMA_BUDGET): void {
  const size = (): number => Buffer.byteLength(JSON.stringify(spec));
  const before = size();
  if (before <= budget) return;
  for (const max of STEPS) {
    shorten(spec, max);
    const after = size();
    if (after <= budget) {
      const how = max === 0 ? 'left out' : `cut to their first paragraph and ${max} characters`;
      ctx.warn(`the CRD schema would take ${before} bytes; descriptions were ${how} (${after} bytes) so that kubectl apply can store the CRD`);
      return;
    }
  }
  ctx.warn(`the CRD schema takes ${size()} bytes even without descriptions; install the CRD with kubectl apply --server-side`);
}

function shorten(node: unknown, max: number): void {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!isMap(current)) continue;
    if (typeof current.description === 'string') {
      const text = clip(current.description, max);
      if (text === '') delete current.description;
      else current.description = text;
    }
    if (isMap(current.properties)) stack.push(...Object.values(current.properties));
    stack.push(current.items, current.additionalProperties);
  }
}

/** The first paragraph of `text`, cut at a word boundary to at most `max` characters. */
export function clip(text: string, max: number): string {
  if (max === 0) return '';
  const paragraph = text.split(/\n\s*\n/)[0]!.trim();
  if (paragraph.length <= max) return paragraph;
  const cut = paragraph.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
