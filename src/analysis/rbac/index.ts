/**
 * RBAC for the operator's ClusterRole `manager-role`, derived from the chart alone: everything the
 * chart can create under any values, the permissions its own Roles grant, its `lookup` calls, and what
 * the helm-operator runtime needs for the primary CR. Deterministic; never consults a cluster.
 */
import type { Chart } from '../../chart/types.js';
import { runAnalysis } from './analyze.js';
import type { Primary, RbacAnalysis } from './types.js';

export type { EmittedKind, PolicyRule, Primary, RbacAnalysis } from './types.js';
export { pluralize } from './pluralize.js';
export { RUNTIME_SOURCE } from './analyze.js';

/**
 * Rules for the operator's ClusterRole `manager-role`: everything the chart can create plus what the
 * helm-operator runtime needs for the CR (group = full API group e.g. `demo.my.domain`, plural e.g.
 * `demos`, and its kind when known). Deterministic and sorted.
 */
export function analyzeRbac(chart: Chart, primary: Primary): RbacAnalysis {
  return runAnalysis(chart, primary);
}
