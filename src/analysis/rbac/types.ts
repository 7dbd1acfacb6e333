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

/** Everything the analysis found. */
export interface RbacAnalysis {
  readonly rules: readonly PolicyRule[];
  readonly kinds: readonly EmittedKind[];
  readonly warnings: readonly Warning[];
  readonly notes: readonly string[];
}
