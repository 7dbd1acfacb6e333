/**
 * Accumulates permissions (group/resource → verbs, with the templates that need them) and turns them
 * into sorted PolicyRules: one rule per API group and verb set, resources and sources sorted.
 */
import { compareStrings, sortedUnique } from '../../util/compare.js';
import type { PolicyRule } from './types.js';

/** The verbs a chart object needs: helm creates, reads, patches and deletes it. */
export const OBJECT_VERBS: readonly string[] = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/** What `*` in a chart role's verbs stands for, written out. */
export const ALL_VERBS: readonly string[] = [...OBJECT_VERBS, 'deletecollection'];

const VERB_ORDER = new Map(ALL_VERBS.map((v, i) => [v, i]));

/** Verbs in the conventional order (get, list, watch, create, ...), others alphabetically after. */
export function sortVerbs(verbs: Iterable<string>): string[] {
  const rank = (v: string): number => VERB_ORDER.get(v) ?? ALL_VERBS.length;
  return [...new Set(verbs)].sort((a, b) => rank(a) - rank(b) || compareStrings(a, b));
}

interface Entry { readonly verbs: Set<string>; readonly sources: Set<string> }

/** A set of permissions being collected. */
export class GrantSet {
  private readonly resources = new Map<string, Map<string, Entry>>();
  private readonly urls = new Map<string, Entry>();

  /** Grants verbs on group/resource, needed by `source`. */
  add(group: string, resource: string, verbs: Iterable<string>, source: string): void {
    const byResource = this.resources.get(group) ?? new Map<string, Entry>();
    this.resources.set(group, byResource);
    merge(byResource, resource, verbs, source);
  }

  /** Grants verbs on a non-resource URL (e.g. /metrics). */
  addNonResource(url: string, verbs: Iterable<string>, source: string): void {
    merge(this.urls, url, verbs, source);
  }

  /** Sorted rules: by API group, then one rule per distinct verb set; non-resource rules last. */
  toRules(): PolicyRule[] {
    const rules: PolicyRule[] = [];
    for (const group of [...this.resources.keys()].sort(compareStrings)) {
      for (const [verbs, names, sources] of byVerbs(this.resources.get(group)!)) {
        rules.push({ apiGroups: [group], resources: names, verbs, sources });
      }
    }
    for (const [verbs, urls, sources] of byVerbs(this.urls)) {
      rules.push({ apiGroups: [], resources: [], nonResourceURLs: urls, verbs, sources });
    }
    return rules;
  }
}

function merge(map: Map<string, Entry>, name: string, verbs: Iterable<string>, source: string): void {
  const entry = map.get(name) ?? { verbs: new Set<string>(), sources: new Set<string>() };
  for (const v of verbs) entry.verbs.add(v);
  entry.sources.add(source);
  map.set(name, entry);
}

/** Groups names with identical verb sets: [verbs, names, sources], ordered by first name. */
function byVerbs(entries: ReadonlyMap<string, Entry>): [string[], string[], string[]][] {
  const groups = new Map<string, { verbs: string[]; names: string[]; sources: string[] }>();
  for (const name of [...entries.keys()].sort(compareStrings)) {
    const entry = entries.get(name)!;
    const verbs = sortVerbs(entry.verbs);
    const key = verbs.join(',');
    const group = groups.get(key) ?? { verbs, names: [], sources: [] };
    group.names.push(name);
    group.sources.push(...entry.sources);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => [g.verbs, g.names, sortedUnique(g.sources)]);
}
