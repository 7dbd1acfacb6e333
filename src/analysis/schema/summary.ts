/**
 * The short account of a generated schema the CLI prints: where it came from, how many properties
 * it describes, and what was left open and why.
 */
import { compareStrings } from '../../util/compare.js';
import { isMap } from '../../util/yaml.js';
import type { HelmOnlyNote } from './context.js';
import type { JSONSchemaProps } from './emit.js';

/** Where the CRD schema came from, its size, and the places that accept unknown content. */
export interface SchemaSummary {
  source: 'values.schema.json' | 'values.yaml' | 'none';
  properties: number;
  open: { path: string; reason: string }[];
  /** values.schema.json keywords the CRD cannot carry: Helm checks them when the operator reconciles. */
  helmOnly: HelmOnlyNote[];
}

/** Number of named properties in a schema, at every depth. */
export function countProperties(schema: JSONSchemaProps): number {
  let count = 0;
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isMap(node)) continue;
    if (isMap(node.properties)) {
      const children = Object.values(node.properties);
      count += children.length;
      stack.push(...children);
    }
    stack.push(node.items, node.additionalProperties);
  }
  return count;
}

const SHOWN_PER_REASON = 6;

const SOURCE_LINES: Record<SchemaSummary['source'], (n: number) => string> = {
  'values.schema.json': (n) => `CRD schema: converted from values.schema.json (${n} properties)`,
  'values.yaml': (n) => `CRD schema: inferred from values.yaml and the templates (${n} properties)`,
  none: () => 'CRD schema: none (--schema none): spec and status accept anything, as with operator-sdk',
};

/**
 * One line for the source, one per reason something was left open, and one per schema file whose
 * checks only Helm makes.
 */
export function formatSchemaSummary(summary: SchemaSummary): string[] {
  const lines = [SOURCE_LINES[summary.source](summary.properties)];
  const byReason = new Map<string, string[]>();
  for (const place of summary.open) {
    const paths = byReason.get(place.reason) ?? [];
    paths.push(place.path);
    byReason.set(place.reason, paths);
  }
  const reasons = [...byReason].sort(([a, x], [b, y]) => y.length - x.length || compareStrings(a, b));
  for (const [reason, paths] of reasons) {
    const shown = paths.slice(0, SHOWN_PER_REASON).join(', ');
    const more = paths.length > SHOWN_PER_REASON ? ` (+${paths.length - SHOWN_PER_REASON} more)` : '';
    lines.push(`left open, ${reason}: ${shown}${more}`);
  }
  for (const note of summary.helmOnly) {
    lines.push(`checked by Helm when reconciling, not by the CRD (${note.file}): ${note.keywords.join(', ')}`);
  }
  return lines;
}
