/**
 * YAML the way Helm reads it, and safely. Helm parses values and Chart.yaml with go-yaml v2, which is
 * YAML 1.1: `yes`, `on`, `y` are booleans. Charts are untrusted, so alias bombs (a few lines that
 * expand to billions of nodes) and absurd nesting are refused with a clear message before anything
 * walks the result.
 */
import yaml from 'js-yaml';
import { UserError } from '../diagnostics.js';

// This type replaces js-yaml's own bool type (same tag), so it lists true/false as well.
const TRUE_WORDS = new Set(['true', 'True', 'TRUE', 'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['false', 'False', 'FALSE', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

const yaml11Bool = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && (TRUE_WORDS.has(data) || FALSE_WORDS.has(data)),
  construct: (data: string) => TRUE_WORDS.has(data),
  predicate: (value: unknown) => typeof value === 'boolean',
  represent: { lowercase: (value: object) => (value ? 'true' : 'false') },
  defaultStyle: 'lowercase',
});

/** js-yaml's default schema plus YAML 1.1 booleans, as go-yaml v2 resolves them. */
export const HELM_YAML_SCHEMA = yaml.DEFAULT_SCHEMA.extend({ implicit: [yaml11Bool] });

/** Limits on what one YAML document may expand to. */
export const YAML_LIMITS = { maxNodes: 2_000_000, maxDepth: 200 } as const;

/** Parses one YAML document as Helm would. Empty text gives null. Errors name the file. */
export function parseHelmYaml(text: string, file: string): unknown {
  return checked(file, () => yaml.load(text, { schema: HELM_YAML_SCHEMA, json: true, filename: file, ...DEPTH }));
}

/** Parses a multi-document YAML stream (rendered manifests, CRD files); empty documents are dropped. */
export function parseHelmYamlAll(text: string, file: string): unknown[] {
  const docs = checked(file, () => yaml.loadAll(text, undefined, { schema: HELM_YAML_SCHEMA, json: true, filename: file, ...DEPTH }));
  return (docs as unknown[]).filter((d) => d !== null && d !== undefined);
}

/** js-yaml stops at its own depth (100 unless told): ours is the one limit, with the one message. */
const DEPTH = { maxDepth: YAML_LIMITS.maxDepth } as yaml.LoadOptions;
const tooDeep = (file: string): string => `${file}: YAML nests deeper than ${YAML_LIMITS.maxDepth} levels; refusing to read it`;

function checked<T>(file: string, parse: () => T): T {
  let value: T;
  try {
    value = parse();
  } catch (error) {
    if (error instanceof RangeError) {
      throw new UserError(`${file}: YAML is nested too deeply to read`, { cause: error });
    }
    if (error instanceof yaml.YAMLException) {
      const where = error.mark ? `:${error.mark.line + 1}` : '';
      if (error.reason.startsWith('nesting exceeded maxDepth')) throw new UserError(tooDeep(`${file}${where}`), { cause: error });
      throw new UserError(`${file}${where}: invalid YAML: ${error.reason}`, { cause: error });
    }
    throw error;
  }
  assertBounded(value, file);
  return value;
}

/**
 * Refuses values whose expanded size or depth exceeds YAML_LIMITS. js-yaml shares aliased nodes,
 * so sizes are memoised per node: the check is linear in the text even for an alias bomb.
 */
function assertBounded(root: unknown, file: string): void {
  const sizes = new Map<object, number>();
  const onPath = new Set<object>();
  const sizeOf = (node: unknown, depth: number): number => {
    if (node === null || typeof node !== 'object') return 1;
    if (depth > YAML_LIMITS.maxDepth) {
      throw new UserError(tooDeep(file));
    }
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (onPath.has(node)) throw new UserError(`${file}: YAML contains a recursive alias; refusing to read it`);
    onPath.add(node);
    let total = 1;
    for (const child of Object.values(node)) {
      total += sizeOf(child, depth + 1);
      if (total > YAML_LIMITS.maxNodes) {
        throw new UserError(`${file}: YAML expands to more than ${YAML_LIMITS.maxNodes} nodes (an alias bomb?); refusing to read it`);
      }
    }
    onPath.delete(node);
    sizes.set(node, total);
    return total;
  };
  sizeOf(root, 0);
}

/** Serialises data as YAML for generated files: stable, no refs, long strings kept on one line. */
export function dumpYaml(value: unknown): string {
  return yaml.dump(value, { noRefs: true, lineWidth: -1, sortKeys: false, quotingType: '"' });
}

/** True for a plain object (a YAML map). */
export function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
