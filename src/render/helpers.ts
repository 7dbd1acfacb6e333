/**
 * The fixed set of helpers templates receive as `h`. Every value from the chart or the user reaches a
 * YAML file through h.yaml or h.str, so quoting is the serializer's job, never the template's.
 */
import yaml from 'js-yaml';
import { unwrap } from './strict-view.js';

/** Helper functions available to templates as `h`. */
export interface TemplateHelpers {
  /** Any value as YAML, every line indented by `indent` spaces, no trailing newline. */
  yaml(value: unknown, indent?: number): string;
  /** One YAML scalar for a string (quoted when YAML needs it). */
  str(value: string): string;
  /** JSON.stringify(value). */
  json(value: unknown): string;
  /** Items joined by ", ". */
  list(values: readonly string[]): string;
}

function dump(value: unknown): string {
  // Serialise the plain model value, not the template's strict view of it: same output, no proxy per node.
  return yaml.dump(unwrap(value), { noRefs: true, lineWidth: -1, quotingType: '"' }).replace(/\n$/, '');
}

/** The helpers passed to every template. */
export const templateHelpers: TemplateHelpers = Object.freeze({
  yaml(value: unknown, indent = 0): string {
    const pad = ' '.repeat(indent);
    return dump(value).split('\n').map((line) => (line === '' ? line : pad + line)).join('\n');
  },
  str(value: string): string {
    if (typeof value !== 'string') throw new TypeError(`h.str expects a string, got ${typeof value}`);
    // A multi-line string would become a block scalar, which is only valid at the indentation the
    // serializer chose; inline use needs one quoted line.
    return value.includes('\n') ? JSON.stringify(value) : dump(value);
  },
  json(value: unknown): string {
    return JSON.stringify(unwrap(value));
  },
  list(values: readonly string[]): string {
    return values.join(', ');
  },
});
