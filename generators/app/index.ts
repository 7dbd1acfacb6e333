/**
 * `helm-operator:app`: a new operator project from a Helm chart. A thin Yeoman generator: each
 * lifecycle step hands over to the engine in src/, and files reach the disk only through Yeoman's
 * in-memory file system, committed once everything has rendered and validated.
 */
import { existsSync } from 'node:fs';
import Generator from 'yeoman-generator';
import { acquireChart, acquireStarterChart, type AcquiredChart, type AcquireOptions } from '../../src/chart/source.js';
import { DEFAULT_LIMITS, type ChartLimits } from '../../src/chart/limits.js';
import { loadChart } from '../../src/chart/load.js';
import type { Chart } from '../../src/chart/types.js';
import { UserError } from '../../src/diagnostics.js';
import { resolveAnswers, type Question } from '../../src/options/answers.js';
import { checkFlags } from '../../src/options/check-flags.js';
import type { Answers, GenerateOptions } from '../../src/options/types.js';
import { buildProject, type ProjectPlan } from '../../src/project/build.js';
import { classifyFiles, NEEDS_CONFIRMATION, settleConflicts, type FileAction } from '../../src/project/stage.js';
import { reportPlan, type GenerationReport } from '../../src/project/report.js';

/** Options the generator takes (from our CLI, from `yo helm-operator`, or from yeoman-test). */
export interface AppOptions extends GenerateOptions {
  /** Receives the outcome; the CLI prints it. Set by the CLI and tests. */
  readonly onReport?: (report: GenerationReport) => void;
  /** Told the project folder before anything is written, and whether it existed (the CLI cleans up a failed new one). */
  readonly onTarget?: (directory: string, existed: boolean) => void;
}

/** The chart-source options (issue 5) as yo or the CLI passed them. */
function chartSourceSettings(o: Record<string, unknown>): Partial<GenerateOptions> {
  const out: Record<string, unknown> = {};
  for (const k of ['repo', 'chartVersion', 'username', 'password', 'caFile']) if (typeof o[k] === 'string') out[k] = o[k];
  for (const k of ['insecureSkipTlsVerify', 'plainHttp', 'offline']) if (o[k] === true) out[k] = true;
  for (const k of ['maxChartBytes', 'maxChartFiles', 'timeoutSeconds']) if (typeof o[k] === 'number') out[k] = o[k];
  return out as Partial<GenerateOptions>;
}

function chartLimits(s: GenerateOptions): ChartLimits {
  return { maxBytes: s.maxChartBytes ?? DEFAULT_LIMITS.maxBytes, maxFiles: s.maxChartFiles ?? DEFAULT_LIMITS.maxFiles };
}

function acquireOptions(s: GenerateOptions): AcquireOptions {
  return {
    limits: chartLimits(s),
    ...(s.repo !== undefined ? { repo: s.repo } : {}),
    ...(s.chartVersion !== undefined ? { version: s.chartVersion } : {}),
    remote: {
      tls: { ...(s.caFile !== undefined ? { caFile: s.caFile } : {}), ...(s.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}) },
      plainHttp: s.plainHttp === true,
      offline: s.offline === true,
      ...(s.username !== undefined ? { credentials: { username: s.username, password: s.password ?? '' } } : {}),
      ...(s.timeoutSeconds !== undefined ? { timeoutMs: s.timeoutSeconds * 1000 } : {}),
    },
  };
}

export default class AppGenerator extends Generator {
  private settings!: AppOptions;
  private acquired: AcquiredChart | undefined;
  private chart: Chart | undefined;
  private answers!: Answers;
  private plan!: ProjectPlan;
  private actions: FileAction[] = [];

  constructor(args?: string[], options?: Record<string, unknown>) {
    super(args, options as never);
    this.argument('directory', { type: String, required: false, description: 'project directory' });
    for (const name of ['chart', 'domain', 'group', 'api-version', 'kind', 'project-name', 'image', 'helm-operator-version', 'templates', 'schema']) {
      this.option(name, { type: String, description: `see create-helm-operator --help` });
    }
    this.option('dry-run', { type: Boolean, description: 'print the plan, write nothing' });
    for (const name of ['repo', 'chart-version', 'username', 'ca-file']) {
      this.option(name, { type: String, description: `see create-helm-operator --help` });
    }
    for (const name of ['insecure-skip-tls-verify', 'plain-http', 'offline']) {
      this.option(name, { type: Boolean, description: `see create-helm-operator --help` });
    }
    for (const name of ['max-chart-bytes', 'max-chart-files', 'timeout-seconds']) {
      this.option(name, { type: Number, description: `see create-helm-operator --help` });
    }
  }

  /** Reads and checks the options, then the chart: both before any question is asked. */
  async initializing(): Promise<void> {
    const o = this.options as Record<string, unknown>;
    const str = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    this.settings = {
      directory: str('directory'),
      chart: str('chart'),
      domain: str('domain'),
      group: str('group'),
      apiVersion: str('apiVersion'),
      kind: str('kind'),
      projectName: str('projectName'),
      image: str('image'),
      helmOperatorVersion: str('helmOperatorVersion'),
      templates: str('templates'),
      schema: str('schema') as GenerateOptions['schema'],
      force: o['force'] === true,
      dryRun: o['dryRun'] === true,
      interactive: o['interactive'] === true,
      cwd: this.destinationRoot(),
      onReport: o['onReport'] as AppOptions['onReport'],
      onTarget: o['onTarget'] as AppOptions['onTarget'],
      ...chartSourceSettings(o),
    };
    checkFlags(this.settings);
    if (this.settings.chart !== undefined) {
      this.acquired = await acquireChart(this.settings.chart, acquireOptions(this.settings));
      this.chart = loadChart(this.acquired.files, chartLimits(this.settings));
    }
  }

  /** Asks for what is missing, on a TTY only. */
  async prompting(): Promise<void> {
    const ask = async (q: Question): Promise<string> => {
      const answer = await this.prompt<Record<string, string>>([{ type: 'input', name: q.name, message: q.message, default: q.default, validate: q.validate }]);
      return String(answer[q.name] ?? '');
    };
    this.answers = await resolveAnswers(this.settings, this.chart?.metadata.name, this.settings.interactive ? ask : undefined);
  }

  /** Builds the whole project in memory and compares it with the disk. */
  async configuring(): Promise<void> {
    if (!this.acquired) {
      this.acquired = await acquireStarterChart(this.answers.kind.toLowerCase());
      this.chart = loadChart(this.acquired.files);
    }
    this.plan = await buildProject(this.answers, this.acquired, this.chart!, this.settings.templates);
    this.settings.onTarget?.(this.answers.directory, existsSync(this.answers.directory));
    this.actions = await classifyFiles(this.plan.files, this.answers.directory, this.plan.model.chart.path);
    const conflicts = this.actions.filter((a) => NEEDS_CONFIRMATION.has(a.status));
    if (conflicts.length > 0 && !this.settings.force && !this.settings.dryRun && !this.settings.interactive) {
      throw new UserError(
        `${this.answers.directory}: ${conflicts.length} file(s) would change: ${conflicts.map((c) => (c.status === 'stale' ? `${c.file.path} (removed)` : c.file.path)).join(', ')}`,
        { hint: 're-run with --force to overwrite them, or on a terminal to choose file by file' },
      );
    }
  }

  /** Stages the files in Yeoman's mem-fs; the environment commits them (asking about conflicts on a TTY). */
  writing(): void {
    if (this.settings.dryRun) return;
    for (const action of this.actions) {
      if (action.status === 'create' || action.status === 'conflict') this.fs.write(action.target, action.file.content);
      else if (action.status === 'stale') this.fs.delete(action.target);
    }
  }

  async end(): Promise<void> {
    const dryRun = this.settings.dryRun === true;
    const actions = dryRun ? this.actions : await settleConflicts(this.actions);
    this.settings.onReport?.(reportPlan(this.answers, this.plan, actions, dryRun));
  }
}
