/**
 * RBAC for the operator's ClusterRole `manager-role`, derived from the chart alone: everything the
 * chart can create under any values, the permissions its own Roles grant, its `lookup` calls, and what
 * the helm-operator runtime needs for the primary CR. Deterministic; never consults a cluster.
 */
import type { Chart } from '../../chart/types.js';
import { runAnalysis } from './analyze.js';
import type { RbacAnalysis } from './types.js';

export type { EmittedKind, PolicyRule, RbacAnalysis } from './types.js';
export { pluralize } from './pluralize.js';
export { RUNTIME_SOURCE } from './analyze.js';

/**
 * Rules for the operator's ClusterRole `manager-role`: everything the chart can create plus what the
 * helm-operator runtime needs for the CR (group = full API group e.g. `demo.my.domain`, plural e.g.
 * `demos`). Deterministic and sorted.
 */
export function analyzeRbac(chart: Chart, primary: { group: string; plural: string }): RbacAnalysis {
  return runAnalysis(chart, primary);
}
