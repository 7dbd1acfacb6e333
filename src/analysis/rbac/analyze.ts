/**
 * The RBAC analysis: every object the chart can create (all branches, all subcharts, hooks, crds/,
 * files printed through .Files.Get), the permissions its own Roles grant, its `lookup` calls and the
 * helm-operator runtime's needs, as one least-privilege rule list. No cluster is consulted.
 */
import type { Chart } from '../../chart/types.js';
import type { Warning } from '../../diagnostics.js';
import { compareStrings, sortedUnique } from '../../util/compare.js';
import { crdFileScopes, crdKind } from './crds.js';
import { GrantSet, OBJECT_VERBS } from './grants.js';
import { KindTable } from './kinds/table.js';
import { findLookups } from './lookups.js';
import { buildModel, type ChartModel } from './model.js';
import { docObjects, groupOf, type FoundObject } from './objects.js';
import { pluralize } from './pluralize.js';
import { Resolver } from './resolve.js';
import { escalationWarning, grantBoundRoles, grantChartRoles, RBAC_GROUP } from './role-grants.js';
import { lineActions, lineText } from './template/lines.js';
import type { EmittedKind, Primary, RbacAnalysis } from './types.js';
import { DocumentWalker, type Doc } from './walk.js';

/** Source name of the permissions the helm-operator runtime itself needs. */
export const RUNTIME_SOURCE = 'helm-operator runtime';

/** Runs the analysis; see index.ts for the contract. */
export function runAnalysis(chart: Chart, primary: Primary): RbacAnalysis {
  const model = buildModel(chart);
  const walker = new DocumentWalker(model);
  const docs = [...model.manifests, ...crdFileScopes(model)].flatMap((s) => walker.documents(s));
  const defined = docs.flatMap((d) => {
    const info = crdKind(d);
    return info ? [{ info, file: d.manifest.file }] : [];
  });
  const table = new KindTable(defined.map((d) => d.info));
  const resolver = new Resolver(model);
  const grants = new GrantSet();
  const warnings: Warning[] = [];
  const kinds = new Map<string, EmittedKind>();
  const testOnly: string[] = [];
  const docsWithObjects: { doc: Doc; objects: readonly FoundObject[] }[] = [];

  for (const doc of docs) {
    const found = docObjects(doc, resolver, table);
    warnings.push(...found.warnings);
    if (found.testHook) {
      testOnly.push(...found.objects.map((o) => `${o.source} (${o.kind})`));
      continue;
    }
    if (found.objects.length === 0) warnings.push(...objectsFromValues(doc));
    docsWithObjects.push({ doc, objects: found.objects });
    for (const o of found.objects) {
      const kind = emitKind(kinds, table, o, warnings);
      grants.add(o.group, kind.resource, OBJECT_VERBS, o.source);
    }
  }
  const ctx = { model, walker, resolver, grants, warnings, escalated: new Set<string>() };
  for (const { doc, objects } of docsWithObjects) {
    const roleKinds = new Set(objects.filter((o) => o.group === RBAC_GROUP).map((o) => o.kind));
    if (roleKinds.has('Role') || roleKinds.has('ClusterRole')) grantChartRoles(ctx, doc, roleKinds);
    if (roleKinds.has('RoleBinding') || roleKinds.has('ClusterRoleBinding')) grantBoundRoles(ctx, doc);
  }
  warnings.push(...escalationWarning(ctx.escalated));
  grantLookups(model, table, grants, warnings);
  grantRuntime(primary, grants);

  return {
    rules: grants.toRules(),
    kinds: [...kinds.values()]
      .map((k) => ({ ...k, sources: sortedUnique(k.sources) }))
      .sort((a, b) => compareStrings(a.group, b.group) || compareStrings(a.kind, b.kind) || compareStrings(a.version, b.version)),
    warnings: sortWarnings(warnings),
    notes: notes(model, testOnly),
    primaryClashes: sortedUnique([
      ...defined.filter(({ info }) => isPrimary(info, primary)).map((d) => d.file),
      ...[...kinds.values()].filter((k) => isPrimary(k, primary)).flatMap((k) => k.sources),
    ]),
  };
}

function emitKind(kinds: Map<string, EmittedKind>, table: KindTable, o: FoundObject, warnings: Warning[]): EmittedKind {
  const key = `${o.group}/${o.version}/${o.kind}`;
  let kind = kinds.get(key);
  if (!kind) {
    const info = table.get(o.group, o.kind);
    if (!info) {
      warnings.push({ file: o.file, line: o.line, message: `kind ${o.kind} (${o.group || 'core'}/${o.version}) is not in the kind table; assuming namespaced resource "${pluralize(o.kind)}"` });
    }
    kind = { group: o.group, version: o.version, kind: o.kind, resource: info?.resource ?? pluralize(o.kind), namespaced: info?.namespaced ?? true, sources: [] };
    kinds.set(key, kind);
  }
  kind.sources.push(o.source);
  return kind;
}

/** A document that prints only `toYaml`/`tpl` of values at the top level (extraObjects and the like). */
function objectsFromValues(doc: Doc): Warning[] {
  for (const line of doc.lines) {
    if (line.indent !== 0 || line.scope !== doc.manifest || lineText(line).trim() !== '') continue;
    const action = lineActions(line).find((a) => /\btoYaml\b|\btpl\b|tplvalues\.render/.test(a.expr));
    if (action) return [{ file: line.scope.file, line: line.line, message: `objects rendered from values here (${action.expr}) can be of any kind; add rules for the kinds you put there by hand` }];
  }
  return [];
}

function grantLookups(model: ChartModel, table: KindTable, grants: GrantSet, warnings: Warning[]): void {
  const { calls, warnings: lookupWarnings } = findLookups(model);
  warnings.push(...lookupWarnings);
  for (const call of calls) {
    const group = groupOf(call.apiVersion);
    const resource = table.get(group, call.kind)?.resource ?? pluralize(call.kind);
    grants.add(group, resource, ['get', 'list'], call.source);
  }
}

/** The same resource as the operator's own: its group, and its plural or its kind. */
function isPrimary(k: { group: string; resource: string; kind: string }, primary: Primary): boolean {
  return k.group === primary.group && (k.resource === primary.plural || k.kind === primary.kind);
}

function grantRuntime(primary: Primary, grants: GrantSet): void {
  grants.add('', 'secrets', OBJECT_VERBS, RUNTIME_SOURCE);
  grants.add('', 'events', ['create', 'patch'], RUNTIME_SOURCE);
  grants.add('', 'namespaces', ['get'], RUNTIME_SOURCE);
  grants.add(primary.group, primary.plural, OBJECT_VERBS, RUNTIME_SOURCE);
  for (const sub of ['status', 'finalizers']) grants.add(primary.group, `${primary.plural}/${sub}`, ['get', 'update', 'patch'], RUNTIME_SOURCE);
}

function notes(model: ChartModel, testOnly: readonly string[]): string[] {
  const out: string[] = [];
  if (testOnly.length > 0) {
    out.push(`left out objects that only run under \`helm test\`, which the operator never runs: ${sortedUnique(testOnly).join(', ')}`);
  }
  const conditional = model.units.flatMap((u) => u.chart.subcharts.filter((s) => s.condition).map((s) => `${s.chart.prefix} (${s.condition})`));
  if (conditional.length > 0) {
    out.push(`subcharts are covered whether or not their condition is on: ${sortedUnique(conditional).join(', ')}`);
  }
  return out;
}

function sortWarnings(warnings: readonly Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings
    .filter((w) => {
      const key = `${w.file}\u0000${w.line}\u0000${w.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => compareStrings(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || compareStrings(a.message, b.message));
}
