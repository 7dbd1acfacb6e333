/**
 * The group/kind → resource/scope table: built-in Kubernetes APIs, commonly used CRD kinds and the
 * CRDs the chart itself defines (which win over the bundled entries).
 */
import { BUILTIN_KINDS } from './builtin.js';
import { COMMON_CRD_KINDS } from './common-crds.js';

/** What RBAC needs to know about a kind. */
export interface KindInfo {
  readonly group: string;
  readonly kind: string;
  readonly resource: string;
  readonly namespaced: boolean;
  /** A version to report when the chart's apiVersion could not be read. */
  readonly version: string;
}

/** Parses the compact table format of builtin.ts / common-crds.ts. */
export function parseKindTable(text: string): KindInfo[] {
  const out: KindInfo[] = [];
  let group = '';
  let version = '';
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    const [a, b, c] = raw.trim().split(/\s+/);
    if (!/^\s/.test(raw)) {
      group = a === 'core' ? '' : a!;
      version = b!;
    } else {
      out.push({ group, kind: a!, resource: b!, namespaced: c === 'ns', version });
    }
  }
  return out;
}

const BUNDLED: readonly KindInfo[] = [...parseKindTable(BUILTIN_KINDS), ...parseKindTable(COMMON_CRD_KINDS)];

/** Lookup by group and kind, and the reverse questions the analysis asks. */
export class KindTable {
  private readonly byKey = new Map<string, KindInfo>();
  private readonly groupsByKind = new Map<string, Set<string>>();

  /** The bundled table, with `extra` (the chart's own CRDs) taking precedence. */
  constructor(extra: readonly KindInfo[] = []) {
    for (const info of [...BUNDLED, ...extra]) {
      this.byKey.set(key(info.group, info.kind), info);
      const groups = this.groupsByKind.get(info.kind) ?? new Set<string>();
      groups.add(info.group);
      this.groupsByKind.set(info.kind, groups);
    }
  }

  /** The entry for a group and kind. */
  get(group: string, kind: string): KindInfo | undefined {
    return this.byKey.get(key(group, kind));
  }

  /** Groups that have a kind of this name, sorted. */
  groupsOf(kind: string): string[] {
    return [...(this.groupsByKind.get(kind) ?? [])].sort();
  }

  /** True when the group has a kind of this name. */
  has(group: string, kind: string): boolean {
    return this.byKey.has(key(group, kind));
  }
}

function key(group: string, kind: string): string {
  return `${group}/${kind}`;
}
