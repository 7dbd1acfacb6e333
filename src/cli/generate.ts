/**
 * Runs the app generator through yeoman-environment. Imported lazily by the CLI: loading Yeoman takes
 * a second, and --help, --version and flag errors must not pay for it.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueuedAdapter, TerminalAdapter } from '@yeoman/adapter';
import { createEnv } from 'yeoman-environment';
import AppGenerator, { type AppOptions } from '../../generators/app/index.js';
import { CancelledError } from '../diagnostics.js';
import type { GenerationReport } from '../project/report.js';

/** The generator class, for the published package's `yo` entry (generators/app/index.js loads it from here). */
export { AppGenerator };

const GENERATOR_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'generators', 'app', 'index.js');

/** Generates a project; resolves with the report. */
export async function runGenerator(options: AppOptions, cwd: string): Promise<GenerationReport> {
  let report: GenerationReport | undefined;
  // Yeoman's own `create <file>` log lines would repeat our report on stderr: the queued adapter,
  // which logs them, logs nothing. The terminal adapter underneath keeps the real streams: a conflict
  // prompt asks on stdout and, when the user picks "show the differences", prints the diff on stderr.
  const adapter = new QueuedAdapter({ adapter: new TerminalAdapter() });
  silenceLog(adapter);
  const env = createEnv({ cwd, force: options.force === true, skipInstall: true, skipCache: true, adapter });
  env.register(AppGenerator, { namespace: 'helm-operator:app', resolved: GENERATOR_PATH, packagePath: undefined as never });
  const { directory, ...rest } = options;
  let created: string | undefined;
  const generatorOptions = {
    ...rest,
    onReport: (r: GenerationReport) => { report = r; },
    onTarget: (dir: string, existed: boolean) => { created = existed ? undefined : dir; },
  };
  try {
    await env.run(['helm-operator:app', ...(directory === undefined ? [] : [directory])], generatorOptions as never);
  } catch (error) {
    // A new project that failed while being written (a full disk, say) is removed, not left half-made.
    if (created !== undefined) rmSync(created, { recursive: true, force: true });
    if (isPromptCancel(error)) throw new CancelledError();
    throw error;
  }
  if (!report) throw new Error('the generator finished without a report');
  return report;
}

/**
 * Replaces the queued adapter's logger with one that drops everything (without a trip through the
 * adapter's queue per written file, as its deferred logger takes). Same shape as Yeoman's logger:
 * callable, every method chainable.
 */
function silenceLog(adapter: QueuedAdapter): void {
  const silent = Object.assign((): unknown => silent, {}) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(adapter.log)) silent[key] = typeof value === 'function' ? (): unknown => silent : value;
  (adapter as { log: unknown }).log = silent;
}

function isPromptCancel(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}
