/**
 * What the chart's own RBAC objects require of the operator: Kubernetes lets it create a Role or
 * ClusterRole only if it already holds every permission the role grants, and bind a role only if it
 * holds the role's permissions. Literal rules are copied (with `*` verbs written out); rules that are
 * computed at render time, or grant `*` groups/resources, fall back to `escalate` and `bind`.
 */
import type { Warning } from '../../diagnostics.js';
import { ALL_VERBS, type GrantSet } from './grants.js';
import type { ChartModel } from './model.js';
import type { Resolver } from './resolve.js';
import { literalRoleRef, readRoleRules, systemRoleRules, type ChartRoleRule } from './roles.js';
import type { Doc, DocumentWalker } from './walk.js';

/** The API group of Roles, ClusterRoles and their bindings. */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** What the role analysis reads and where it writes. */
export interface RoleContext {
  readonly model: ChartModel;
  readonly walker: DocumentWalker;
  readonly resolver: Resolver;
  readonly grants: GrantSet;
  readonly warnings: Warning[];
  /** Role resources (`roles`, `clusterroles`) the operator got escalate and bind on. */
  readonly escalated: Set<string>;
}

type Fallback = (file: string, line: number, why: string) => void;

/** Chart roles: the operator must hold what they grant, else it needs escalate/bind. */
export function grantChartRoles(ctx: RoleContext, doc: Doc, roleKinds: ReadonlySet<string>): void {
  const { grants, warnings } = ctx;
  const source = doc.manifest.file;
  const roleResources = ['Role', 'ClusterRole'].filter((k) => roleKinds.has(k)).map((k) => `${k.toLowerCase()}s`);
  const fallback: Fallback = (file, line, why) => {
    for (const r of roleResources) {
      grants.add(RBAC_GROUP, r, ['escalate', 'bind'], source);
      ctx.escalated.add(r);
    }
    warnings.push({ file, line, message: `${why}; the operator cannot hold these permissions up front: escalate and bind on ${roleResources.join(' and ')} instead` });
  };
  const { rules, computed, notes: findings } = readRoleRules(doc.lines, ctx.model, ctx.walker, ctx.resolver);
  warnings.push(...findings);
  for (const w of computed) fallback(w.file ?? source, w.line ?? 0, w.message);
  for (const rule of rules) grantRoleRule(rule, source, grants, fallback);
}

function grantRoleRule(rule: ChartRoleRule, source: string, grants: GrantSet, fallback: Fallback): void {
  const verbs = rule.verbs.includes('*') ? [...ALL_VERBS, ...rule.verbs.filter((v) => v !== '*')] : rule.verbs;
  if (rule.nonResourceURLs.length > 0) {
    if (rule.nonResourceURLs.includes('*') || rule.verbs.includes('*')) fallback(rule.file, rule.line, 'role rule grants `*` on non-resource URLs');
    else for (const url of rule.nonResourceURLs) grants.addNonResource(url, verbs, source);
    return;
  }
  if (rule.apiGroups.some((g) => g.includes('*')) || rule.resources.some((r) => r.includes('*'))) {
    fallback(rule.file, rule.line, 'role rule grants `*` API groups or resources');
    return;
  }
  for (const group of rule.apiGroups) for (const resource of rule.resources) grants.add(group, resource, verbs, source);
}

/**
 * The one warning that sums up the fallbacks (none when there were none): what escalate and bind
 * let the operator do. The rules that needed them are warned of one by one.
 */
export function escalationWarning(escalated: ReadonlySet<string>): Warning[] {
  if (escalated.size === 0) return [];
  const on = [...escalated].sort().join(' and ');
  // No file: warnings are sorted by file, so this one comes before the rules it sums up.
  return [{ message: `the operator gets escalate and bind on ${on} for the chart's role rules warned of below; with them it can grant any permission: review before deploying` }];
}

/** Bindings to built-in roles need those roles' permissions (or bind); unknown literal names are reported. */
export function grantBoundRoles(ctx: RoleContext, doc: Doc): void {
  const { grants, warnings } = ctx;
  const ref = literalRoleRef(doc.lines);
  if (!ref) return;
  const rules = systemRoleRules(ref.name);
  if (rules) {
    for (const r of rules) grants.add(r.group, r.resource, r.verbs, doc.manifest.file);
  } else if (ref.name.startsWith('system:') || ['cluster-admin', 'admin', 'edit', 'view'].includes(ref.name)) {
    warnings.push({ file: ref.line.scope.file, line: ref.line.line, message: `binds the built-in role ${ref.name}; the operator needs its permissions (or bind on it) to create the binding: add them by hand` });
  }
}
