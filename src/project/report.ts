/** What generation tells the user: the files (stdout), warnings and notes (stderr), next steps. */
import { relative } from 'node:path';
import { formatWarning } from '../diagnostics.js';
import type { Answers } from '../options/types.js';
import type { ProjectPlan } from './build.js';
import { formatActions, NEEDS_CONFIRMATION, type FileAction } from './stage.js';

/** The outcome of one run, ready to print. */
export interface GenerationReport {
  readonly directory: string;
  readonly dryRun: boolean;
  /** `status path` lines (all files on a dry run; otherwise the ones written or kept, the chart's new files as one line). */
  readonly files: readonly string[];
  readonly counts: Readonly<Record<FileAction['status'], number>>;
  /** `status path` for each file the project lacks, has changed, or no longer needs (create, conflict, stale). */
  readonly drift: readonly string[];
  readonly warnings: readonly string[];
  readonly notes: readonly string[];
  /** The operator's permissions, one line per rule. */
  readonly permissions: readonly string[];
  readonly nextSteps: readonly string[];
}

const MANAGE = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
/** Where a project on disk differs from what generation would write. */
const DRIFT: ReadonlySet<FileAction['status']> = new Set(['create', ...NEEDS_CONFIRMATION]);

/** One line per ClusterRole rule: group, resources, verbs (`manage` for the seven a chart object needs). */
export function formatPermissions(rules: ProjectPlan['model']['rbac']['rules']): string[] {
  const rows = rules.map((r) => {
    const verbs = r.verbs.length === MANAGE.length && MANAGE.every((v) => r.verbs.includes(v)) ? 'manage' : r.verbs.join(', ');
    const what = r.nonResourceURLs && r.nonResourceURLs.length > 0 && r.resources.length === 0
      ? ['(urls)', r.nonResourceURLs.join(', ')]
      : [r.apiGroups.map((g) => g || 'core').join(', '), r.resources.join(', ')];
    return [what[0]!, what[1]!, verbs];
  });
  const width = (i: number): number => Math.min(40, Math.max(...rows.map((r) => r[i]!.length), 0));
  return rows.map((r) => `  ${r[0]!.padEnd(width(0))}  ${r[1]!.padEnd(width(1))}  ${r[2]}`);
}

/**
 * `status path` lines, with the vendored chart's new files as one line (`create helm-charts/x/ (n files)`):
 * a chart can hold hundreds. Every other change to it (overwritten, removed, kept) keeps its own line.
 */
function collapseNewChart(actions: readonly FileAction[], chartPath: string): string[] {
  const inChart = (a: FileAction): boolean => a.status === 'create' && a.file.path.startsWith(`${chartPath}/`);
  const created = actions.filter(inChart).length;
  if (created < 2) return formatActions(actions);
  const lines: string[] = [];
  let placed = false;
  for (const a of actions) {
    if (!inChart(a)) lines.push(...formatActions([a]));
    else if (!placed) {
      lines.push(`${'create'.padEnd(9)} ${chartPath}/ (${created} files)`);
      placed = true;
    }
  }
  return lines;
}

/** Builds the report for a finished (or dry) run. */
export function reportPlan(answers: Answers, plan: ProjectPlan, actions: readonly FileAction[], dryRun: boolean): GenerationReport {
  const counts = { create: 0, identical: 0, conflict: 0, keep: 0, stale: 0, overwrite: 0, removed: 0, skip: 0 };
  for (const a of actions) counts[a.status]++;
  const shown = dryRun ? formatActions(actions) : collapseNewChart(actions.filter((a) => a.status !== 'identical'), plan.model.chart.path);
  const rel = relative(process.cwd(), answers.directory);
  return {
    directory: answers.directory,
    dryRun,
    files: shown,
    counts,
    drift: formatActions(actions.filter((a) => DRIFT.has(a.status))),
    warnings: plan.warnings.map(formatWarning),
    notes: [...plan.notes],
    permissions: formatPermissions(plan.model.rbac.rules),
    nextSteps: [
      ...(rel === '' ? [] : [`cd ${shellWord(rel)}`]),
      `make docker-build docker-push IMG=${answers.image}`,
      `make deploy IMG=${answers.image}`,
      'kubectl apply -k config/samples',
    ],
  };
}

/** A path as one POSIX shell word: as it is when it needs no quoting, else in single quotes. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
