/**
 * `lookup` calls in the templates a chart actually renders (manifests and the named templates they
 * reach): each needs get and list on the kind it reads.
 */
import type { Warning } from '../../diagnostics.js';
import type { ChartModel } from './model.js';
import { includedNames } from './template/expr.js';
import type { Scope } from './template/scopes.js';

/** One `lookup "apiVersion" "Kind" ...` call. */
export interface LookupCall {
  readonly apiVersion: string;
  readonly kind: string;
  /** The manifest template that reaches the call. */
  readonly source: string;
  readonly file: string;
  readonly line: number;
}

/** Every lookup reachable from a manifest; calls with computed arguments become warnings. */
export function findLookups(model: ChartModel): { calls: LookupCall[]; warnings: Warning[] } {
  const calls: LookupCall[] = [];
  const warnings: Warning[] = [];
  const perScope = new Map<Scope, ScopeLookups>();
  const reach = reachableDefines(model);
  for (const manifest of model.manifests) {
    for (const scope of [manifest, ...(reach.get(manifest) ?? [])]) {
      let found = perScope.get(scope);
      if (!found) {
        found = scopeLookups(scope);
        perScope.set(scope, found);
        warnings.push(...found.warnings);
      }
      for (const call of found.calls) calls.push({ ...call, source: manifest.file });
    }
  }
  return { calls, warnings };
}

interface ScopeLookups { calls: Omit<LookupCall, 'source'>[]; warnings: Warning[] }

function scopeLookups(scope: Scope): ScopeLookups {
  const out: ScopeLookups = { calls: [], warnings: [] };
  for (const token of scope.tokens) {
    if (token.type !== 'action' || token.comment || !/\blookup\b/.test(token.expr)) continue;
    const re = /\blookup\s+("[^"]*"|\S+)\s+("[^"]*"|\S+)/g;
    for (let m = re.exec(token.expr); m; m = re.exec(token.expr)) {
      const [apiVersion, kind] = [m[1]!, m[2]!].map((a) => /^"(.*)"$/.exec(a)?.[1]);
      if (apiVersion !== undefined && kind) out.calls.push({ apiVersion, kind, file: scope.file, line: token.line });
      else out.warnings.push({ file: scope.file, line: token.line, message: `lookup of a computed kind (${m[0]}); grant get/list on it by hand` });
    }
  }
  return out;
}

/** For each manifest, the named templates it can reach through include/template (any position). */
function reachableDefines(model: ChartModel): Map<Scope, Scope[]> {
  const direct = new Map<Scope, Set<string>>();
  const namesOf = (scope: Scope): Set<string> => {
    let names = direct.get(scope);
    if (!names) {
      names = new Set(scope.tokens.flatMap((t) => (t.type === 'action' ? includedNames(t.expr) : [])));
      direct.set(scope, names);
    }
    return names;
  };
  const out = new Map<Scope, Scope[]>();
  for (const manifest of model.manifests) {
    const seen = new Set<string>();
    const queue = [...namesOf(manifest)];
    const scopes: Scope[] = [];
    while (queue.length > 0) {
      const name = queue.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      for (const d of model.defines.get(name) ?? []) {
        scopes.push(d);
        queue.push(...namesOf(d));
      }
    }
    out.set(manifest, scopes);
  }
  return out;
}
