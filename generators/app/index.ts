/**
 * `helm-operator:app`: a new operator project from a Helm chart. A thin Yeoman generator: each
 * lifecycle step hands over to the engine in src/, and files reach the disk only through Yeoman's
 * in-memory file system, committed once everything has rendered and validated.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Generator from 'yeoman-generator';
import { acquireChart, acquireStarterChart, acquireVendoredChart, type AcquiredChart } from '../../src/chart/source.js';
import { isUserError, UserError } from '../../src/diagnostics.js';
import { resolveAnswers, type Question } from '../../src/options/answers.js';
import { checkChartVersion, checkFlags } from '../../src/options/check-flags.js';
import { acquireOptions, GENERATOR_FLAGS, optionsFromYeoman } from '../../src/options/from-yeoman.js';
import { readRecordedChart } from '../../src/options/recorded.js';
import type { Answers, GenerateOptions } from '../../src/options/types.js';
import { buildProject, type ProjectPlan } from '../../src/project/build.js';
import { classifyFiles, NEEDS_CONFIRMATION, settleConflicts, type FileAction } from '../../src/project/stage.js';
import { reportPlan, type GenerationReport } from '../../src/project/report.js';
import { KnownNewFiles } from '../../src/project/yo-resolve.js';

/** Options the generator takes (from our CLI, from `yo helm-operator`, or from yeoman-test). */
export interface AppOptions extends GenerateOptions {
  /** Receives the outcome; the CLI prints it. Set by the CLI and tests. */
  readonly onReport?: (report: GenerationReport) => void;
  /** Told the project folder before anything is written, and whether it existed (the CLI cleans up a failed new one). */
  readonly onTarget?: (directory: string, existed: boolean) => void;
}

export default class AppGenerator extends Generator {
  private settings!: AppOptions;
  private acquired: AcquiredChart | undefined;
  private answers!: Answers;
  private plan!: ProjectPlan;
  private actions: FileAction[] = [];

  constructor(args?: string[], options?: Record<string, unknown>) {
    super(args, options as never);
    this.argument('directory', { type: String, required: false, description: 'project directory' });
    const types = { string: String, boolean: Boolean, number: Number } as const;
    for (const [kind, names] of Object.entries(GENERATOR_FLAGS) as [keyof typeof types, readonly string[]][]) {
      for (const name of names) this.option(name, { type: types[kind], description: 'see create-helm-operator --help' });
    }
  }

  /** Reads and checks the options, then the chart: both before any question is asked. */
  async initializing(): Promise<void> {
    const o = this.options as Record<string, unknown>;
    this.settings = {
      ...optionsFromYeoman(o, this.destinationRoot()),
      onReport: o['onReport'] as AppOptions['onReport'],
      onTarget: o['onTarget'] as AppOptions['onTarget'],
    };
    checkFlags(this.settings);
    await checkChartVersion(this.settings);
    if (this.settings.chart !== undefined) {
      this.acquired = await acquireChart(this.settings.chart, acquireOptions(this.settings));
    } else if (this.settings.interactive && !this._regenerating()) {
      await this._askForChart();
    }
  }

  // Helpers start with `_`: Yeoman runs every other method of a generator as a step of its run.

  /** An existing project named on the command line: without --chart it regenerates from its own chart. */
  private _regenerating(): boolean {
    const { directory } = this.settings;
    return directory !== undefined && readRecordedChart(resolve(this.destinationRoot(), directory)) !== undefined;
  }

  /** On a TTY without --chart: which chart, read as soon as it is typed (a bad one is asked again). */
  private async _askForChart(): Promise<void> {
    await this.prompt([{
      type: 'input',
      name: 'chart',
      message: 'Helm chart (path, .tgz, URL, oci://, repo/chart; empty: built-in starter)',
      validate: async (value: string): Promise<true | string> => {
        const location = value.trim();
        if (location === '') return true;
        try {
          this.acquired = await acquireChart(location, acquireOptions({ ...this.settings, chart: location }));
          this.settings = { ...this.settings, chart: location };
          return true;
        } catch (error) {
          if (isUserError(error)) return error.message;
          throw error;
        }
      },
    }]);
  }

  /** Asks for what is missing, on a TTY only. */
  async prompting(): Promise<void> {
    const ask = async (q: Question): Promise<string> => {
      const answer = await this.prompt<Record<string, string>>([{ type: 'input', name: q.name, message: q.message, default: q.default, validate: q.validate }]);
      return String(answer[q.name] ?? '');
    };
    this.answers = await resolveAnswers(this.settings, this.acquired?.chart.metadata.name, this.settings.interactive ? ask : undefined);
  }

  /**
   * Builds the whole project in memory and compares it with the disk. Without --chart, an existing
   * project is regenerated from the chart it vendors; a new one gets the built-in starter chart.
   */
  async configuring(): Promise<void> {
    let vendored: string | undefined;
    if (!this.acquired) {
      const recorded = readRecordedChart(this.answers.directory);
      if (recorded) {
        this.acquired = await acquireVendoredChart(this.answers.directory, recorded, acquireOptions(this.settings));
        vendored = `chart: helm-charts/${recorded.name}/, the project's own copy (--chart to use another)`;
      } else {
        this.acquired = await acquireStarterChart(this.answers.kind.toLowerCase());
      }
    }
    const plan = await buildProject(this.answers, this.acquired, this.settings.templates);
    this.plan = vendored === undefined ? plan : { ...plan, notes: [vendored, ...plan.notes] };
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
    const known = new KnownNewFiles();
    for (const action of this.actions) {
      if (action.status === 'create' || action.status === 'conflict') this.fs.write(action.target, action.file.content);
      else if (action.status === 'stale') this.fs.delete(action.target);
      if (action.status === 'create') known.mark(this.fs.store.get(action.target), action.target);
    }
  }

  /** Hands the report to the CLI; run by `yo`, prints the file list and next steps itself. */
  async end(): Promise<void> {
    const dryRun = this.settings.dryRun === true;
    const actions = dryRun ? this.actions : await settleConflicts(this.actions);
    const report = reportPlan(this.answers, this.plan, actions, dryRun);
    if (this.settings.onReport) this.settings.onReport(report);
    else this.log([...report.warnings.map((w) => `warning: ${w}`), ...report.files, '', 'Next steps:', ...report.nextSteps].join('\n'));
  }
}
