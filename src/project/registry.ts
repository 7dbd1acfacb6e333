/**
 * The one registry of output files and what happens when each already exists.
 *
 * - `regenerate`: owned by the tool and derived from the chart and answers (watches.yaml, PROJECT,
 *   the CRD, the operator's role, the vendored chart). Re-running writes it again; if the file on disk
 *   differs, that is a conflict: asked about on a TTY, refused otherwise unless --force.
 * - `once`: scaffolding the user is expected to edit (Makefile, Dockerfile, manager, samples, ...).
 *   Written when missing; left alone when it exists.
 *
 * Every built-in template must be listed here (a test checks it). Files added by a --templates
 * overlay are `regenerate`.
 */
export type FilePolicy = 'regenerate' | 'once';

const REGENERATE = new Set([
  'PROJECT.ejs',
  'watches.yaml.ejs',
  'config/crd/bases/[fullGroup]_[plural].yaml.ejs',
  'config/rbac/role.yaml.ejs',
]);

const ONCE = new Set([
  'Dockerfile.ejs',
  'Makefile.ejs',
  'README.md.ejs',
  '_dockerignore.ejs',
  '_gitignore.ejs',
  'config/crd/kustomization.yaml.ejs',
  'config/default/kustomization.yaml.ejs',
  'config/default/manager_metrics_patch.yaml.ejs',
  'config/default/metrics_service.yaml.ejs',
  'config/manager/kustomization.yaml.ejs',
  'config/manager/manager.yaml.ejs',
  'config/manifests/bases/[project].clusterserviceversion.yaml.ejs',
  'config/manifests/kustomization.yaml.ejs',
  'config/network-policy/allow-metrics-traffic.yaml.ejs',
  'config/network-policy/kustomization.yaml.ejs',
  'config/prometheus/kustomization.yaml.ejs',
  'config/prometheus/monitor.yaml.ejs',
  'config/rbac/[kindLower]_admin_role.yaml.ejs',
  'config/rbac/[kindLower]_editor_role.yaml.ejs',
  'config/rbac/[kindLower]_viewer_role.yaml.ejs',
  'config/rbac/kustomization.yaml.ejs',
  'config/rbac/leader_election_role.yaml.ejs',
  'config/rbac/leader_election_role_binding.yaml.ejs',
  'config/rbac/metrics_auth_role.yaml.ejs',
  'config/rbac/metrics_auth_role_binding.yaml.ejs',
  'config/rbac/metrics_reader_role.yaml.ejs',
  'config/rbac/role_binding.yaml.ejs',
  'config/rbac/service_account.yaml.ejs',
  'config/samples/[group]_[version]_[kindLower].yaml.ejs',
  'config/samples/kustomization.yaml.ejs',
  'config/scorecard/bases/config.yaml.ejs',
  'config/scorecard/kustomization.yaml.ejs',
  'config/scorecard/patches/basic.config.yaml.ejs',
  'config/scorecard/patches/olm.config.yaml.ejs',
]);

/** Every built-in template path the registry knows. */
export const REGISTERED_TEMPLATES: readonly string[] = [...REGENERATE, ...ONCE].sort();

/** The policy for an output file made from `templatePath` (vendored chart files: pass undefined). */
export function policyFor(templatePath: string | undefined): FilePolicy {
  if (templatePath !== undefined && ONCE.has(templatePath)) return 'once';
  return 'regenerate';
}
