/**
 * The objects one YAML document can be: its top-level `apiVersion`/`kind` (or the items of a `kind:
 * List`), resolved to every group/kind the branches and values allow, paired through the kind table.
 */
import type { Warning } from '../../diagnostics.js';
import type { KindTable } from './kinds/table.js';
import { Resolver, type Resolution } from './resolve.js';
import { yamlScalar } from './template/expr.js';
import { lineText, type Part } from './template/lines.js';
import { fieldValue, warningAt as at, type Doc, type DocLine } from './walk.js';

/** One group/version/kind a document can create, and where. */
export interface FoundObject {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The manifest template (path relative to the top chart). */
  readonly source: string;
  /** Where the kind is written (may be a helper file). */
  readonly file: string;
  readonly line: number;
}

/** What a document contributes. */
export interface DocObjects {
  readonly objects: readonly FoundObject[];
  /** The document only runs under `helm test`. */
  readonly testHook: boolean;
  readonly warnings: readonly Warning[];
}

interface Field { readonly line: DocLine; readonly resolution: Resolution; readonly literal: boolean }

/** Finds the objects of one document. */
export function docObjects(doc: Doc, resolver: Resolver, table: KindTable): DocObjects {
  const warnings: Warning[] = [];
  let fields = topFields(doc, resolver);
  if (fields.kinds.some((k) => k.resolution.values.includes('List'))) fields = listItemFields(doc, resolver);
  const apiVersions = [...new Set(fields.apiVersions.flatMap((f) => f.resolution.values))];
  const objects: FoundObject[] = [];
  for (const field of fields.kinds) {
    for (const kind of kindCandidates(field, apiVersions, table, warnings)) {
      for (const [group, version] of pairGroups(kind, apiVersions, table, field, warnings)) {
        objects.push({ group, version, kind, source: doc.manifest.file, file: field.line.scope.file, line: field.line.line });
      }
    }
  }
  for (const f of fields.apiVersions) {
    if (f.resolution.values.length === 0) warnings.push(at(f.line, `apiVersion is computed at render time (${describe(f)}); its API group is taken from the kind table`));
  }
  return { objects, testHook: isTestHook(doc), warnings };
}

function topFields(doc: Doc, resolver: Resolver): { apiVersions: Field[]; kinds: Field[] } {
  return collectFields(doc.lines.filter((l) => l.indent === 0), resolver, false);
}

/** Items of a v1 List: `- apiVersion:`/`- kind:` at the shallowest item indentation and their siblings. */
function listItemFields(doc: Doc, resolver: Resolver): { apiVersions: Field[]; kinds: Field[] } {
  const dashed = doc.lines.filter((l) => l.indent > 0 && /^\s*-\s+["']?(apiVersion|kind)["']?\s*:/.test(lineText(l, '{}')));
  if (dashed.length === 0) return { apiVersions: [], kinds: [] };
  const itemIndent = Math.min(...dashed.map((l) => l.indent));
  const lines = doc.lines.filter((l) => l.indent === itemIndent || l.indent === itemIndent + 2);
  return collectFields(lines, resolver, true);
}

function collectFields(lines: readonly DocLine[], resolver: Resolver, item: boolean): { apiVersions: Field[]; kinds: Field[] } {
  const read = (key: 'apiVersion' | 'kind'): Field[] => lines.flatMap((line) => {
    const parts = fieldValue(line, key, item);
    if (!parts) return [];
    const resolution = resolver.resolveParts(parts, line.scope, key);
    return [{ line, resolution, literal: parts.every((p) => 'text' in p) }];
  });
  return { apiVersions: read('apiVersion'), kinds: read('kind') };
}

/** Kinds a `kind:` field can hold. Value-chosen kinds keep the alternatives the table knows in the doc's groups. */
function kindCandidates(field: Field, apiVersions: readonly string[], table: KindTable, warnings: Warning[]): string[] {
  const { values, hints } = field.resolution;
  if (field.literal) {
    if (values.length === 0) warnings.push(at(field.line, `kind "${lineText(field.line).replace(/^\s*-?\s*kind\s*:\s*/, '')}" is not a valid kind; ignored`));
    return [...values];
  }
  const groups = apiVersions.map(groupOf);
  const fits = (k: string): boolean => (groups.length === 0 ? table.groupsOf(k).length > 0 : groups.some((g) => table.has(g, k)));
  const known = [...new Set([...values, ...hints])].filter(fits);
  const chosen = (known.length > 0 ? known : [...values]).sort();
  if (chosen.length === 0) {
    warnings.push(at(field.line, `kind is computed at render time (${describe(field)}) and could not be resolved; grant its permissions by hand`));
  } else if (field.resolution.dynamic.length > 0) {
    warnings.push(at(field.line, `kind is chosen by values (${describe(field)}); granting ${chosen.join(', ')}; any other kind needs its rules added by hand`));
  }
  return chosen;
}

/** Group/version pairs for a kind: the doc's apiVersions the table accepts, else all of them, else the table's. */
function pairGroups(kind: string, apiVersions: readonly string[], table: KindTable, field: Field, warnings: Warning[]): [string, string][] {
  const all = apiVersions.map((av) => [groupOf(av), versionOf(av)] as [string, string]);
  const known = all.filter(([g]) => table.has(g, kind));
  if (known.length > 0) return known;
  if (all.length > 0) return all;
  const groups = table.groupsOf(kind);
  const preferred = groups.length > 1 ? groups.filter((g) => g !== 'extensions') : groups;
  if (preferred.length === 0) warnings.push(at(field.line, `kind ${kind} has no apiVersion the analysis can read; no rule granted`));
  return preferred.map((g) => [g, table.get(g, kind)!.version]);
}

/** True when every `helm.sh/hook` annotation of the document names only test hooks. */
function isTestHook(doc: Doc): boolean {
  const hooks = doc.lines.flatMap((line) => {
    const parts = line.parts.some((p) => 'text' in p && p.text.includes('helm.sh/hook')) ? fieldValue(line, 'helm\\.sh/hook', true) : undefined;
    return parts ? [parts] : [];
  });
  if (hooks.length === 0) return false;
  const names = (parts: readonly Part[]): string[] => yamlScalar(lineText({ parts, line: 0 })).split(',').map((h) => h.trim());
  return hooks.every((parts) => parts.every((p) => 'text' in p) && names(parts).every((h) => h === 'test' || h === 'test-success'));
}

/** The API group of an apiVersion (`apps/v1` → apps, `v1` → ""). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function versionOf(apiVersion: string): string {
  return apiVersion.slice(apiVersion.indexOf('/') + 1);
}

function describe(field: Field): string {
  return field.resolution.dynamic.length > 0 ? field.resolution.dynamic.join(', ') : lineText(field.line, '{{…}}').trim();
}
