/** What generation tells the user: the files (stdout), warnings and notes (stderr), next steps. */
import { relative } from 'node:path';
import { formatWarning } from '../diagnostics.js';
import type { Answers } from '../options/types.js';
import type { ProjectPlan } from './build.js';
import { formatActions, type FileAction } from './stage.js';

/** The outcome of one run, ready to print. */
export interface GenerationReport {
  readonly directory: string;
  readonly dryRun: boolean;
  /** `status path` lines (all files on a dry run; otherwise the ones written or kept). */
  readonly files: readonly string[];
  readonly counts: Readonly<Record<FileAction['status'], number>>;
  readonly warnings: readonly string[];
  readonly notes: readonly string[];
  readonly nextSteps: readonly string[];
}

/** Builds the report for a finished (or dry) run. */
export function reportPlan(answers: Answers, plan: ProjectPlan, actions: readonly FileAction[], dryRun: boolean): GenerationReport {
  const counts = { create: 0, identical: 0, conflict: 0, keep: 0, overwrite: 0, skip: 0 };
  for (const a of actions) counts[a.status]++;
  const shown = dryRun ? actions : actions.filter((a) => a.status !== 'identical');
  const rel = relative(process.cwd(), answers.directory) || '.';
  return {
    directory: answers.directory,
    dryRun,
    files: formatActions(shown),
    counts,
    warnings: plan.warnings.map(formatWarning),
    notes: [...plan.notes],
    nextSteps: [
      `cd ${rel}`,
      `make docker-build docker-push IMG=${answers.image}`,
      `make deploy IMG=${answers.image}`,
      'kubectl apply -k config/samples',
    ],
  };
}
