/** The result types of the RBAC analysis (re-exported by index.ts). */
import type { Warning } from '../../diagnostics.js';

/** One rule of the operator's ClusterRole. */
export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  /** Non-resource URLs (e.g. /metrics) a chart ClusterRole grants; apiGroups and resources are empty then. */
  readonly nonResourceURLs?: readonly string[];
  /**
   * Chart templates (paths relative to the top chart, e.g. templates/deployment.yaml,
   * charts/redis/templates/x.yaml) or 'helm-operator runtime' that need this rule.
   */
  readonly sources: readonly string[];
}

/** A group/version/kind the chart can create, with its resource name and scope. */
export interface EmittedKind {
  group: string;
  version: string;
  kind: string;
  resource: string;
  namespaced: boolean;
  sources: string[];
}

/** The operator's own resource: its full API group, plural and (when known) kind. */
export interface Primary {
  readonly group: string;
  readonly plural: string;
  readonly kind?: string;
}

/** Everything the analysis found. */
export interface RbacAnalysis {
  readonly rules: readonly PolicyRule[];
  readonly kinds: readonly EmittedKind[];
  readonly warnings: readonly Warning[];
  readonly notes: readonly string[];
  /**
   * Files of the chart that define the operator's own resource (a CRD of its group with its plural or
   * kind) or create objects of it: a project built on them would clash with the chart. Usually empty.
   */
  readonly primaryClashes: readonly string[];
}
