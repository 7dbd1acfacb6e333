/**
 * main(): argv in, exit code out. Flags are checked before Yeoman is loaded, so help, version and
 * mistakes answer at once. Results go to stdout; warnings, notes and errors to stderr, in colour only
 * where the stream is a terminal (NO_COLOR and FORCE_COLOR respected).
 */
import { join, resolve } from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import { CommanderError } from 'commander';
import { isUserError, UserError } from '../diagnostics.js';
import { checkChartVersion, checkFlags } from '../options/check-flags.js';
import type { GenerateOptions, SchemaMode } from '../options/types.js';
import type { GenerationReport } from '../project/report.js';
import { exportTemplates } from '../render/templates.js';
import { packageRoot, packageVersion } from '../util/package-root.js';
import { buildProgram, type ParsedCli } from './program.js';
import { loadGenerate } from './load-generate.js';

/** The process around the CLI, injectable for tests. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly stdinIsTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Reads all of stdin (for --password-stdin); defaults to process.stdin. */
  readonly readStdin?: () => Promise<string>;
}

function colours(stream: CliIo['stderr'], env: NodeJS.ProcessEnv): ChalkInstance {
  const forced = env['FORCE_COLOR'];
  if (forced !== undefined && forced !== '' && forced !== '0' && forced !== 'false') return new Chalk({ level: 1 });
  if ((env['NO_COLOR'] ?? '') !== '' || forced === '0' || forced === 'false') return new Chalk({ level: 0 });
  return new Chalk({ level: stream.isTTY ? 1 : 0 });
}

/** Runs the CLI and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const err = colours(io.stderr, io.env);
  const out = colours(io.stdout, io.env);
  let parsed: ParsedCli | undefined;
  const program = buildProgram(packageVersion(), {
    writeOut: (t) => io.stdout.write(t),
    writeErr: (t) => io.stderr.write(t.startsWith('error:') ? err.red(t) : t),
  }, (cli) => { parsed = cli; });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
  if (!parsed) return 1;
  if (parsed.exportTemplates !== undefined) return runExport(parsed, io, out, err);
  const interactive = parsed.interactive && !parsed.yes && !parsed.check && io.stdinIsTTY && !isCi(io.env);
  const options = toGenerateOptions(parsed, interactive, io.cwd);
  try {
    checkFlags(options);
    await checkChartVersion(options);
    if (parsed.username !== undefined && !parsed.passwordStdin) {
      throw new UserError('--username needs --password-stdin', { hint: 'pipe the password in: echo "$PASSWORD" | create-helm-operator ... --username <name> --password-stdin' });
    }
    if (parsed.passwordStdin) {
      if (parsed.username === undefined) throw new UserError('--password-stdin needs --username');
      const password = (await (io.readStdin ?? readProcessStdin)()).replace(/\r?\n$/, '');
      if (password === '') throw new UserError('--password-stdin: stdin was empty', { hint: 'pipe the password in: echo "$PASSWORD" | create-helm-operator ... --password-stdin' });
      Object.assign(options, { password });
    }
    if (parsed.check && parsed.force) throw new UserError('--check writes nothing, so --force has nothing to do', { hint: 'drop one of them' });
    const { runGenerator } = await loadGenerate();
    const report = await runGenerator(options, io.cwd);
    if (parsed.check) return printCheck(report, io, out, err);
    printReport(report, io, out, err);
    return 0;
  } catch (error) {
    if (isUserError(error)) {
      if (error.exitCode === 130) {
        io.stderr.write(err.yellow('cancelled; nothing was written') + '\n');
        return 130;
      }
      return printUserError(error, io, err);
    }
    io.stderr.write(err.red(`internal error (please report it): ${(error as Error)?.stack ?? String(error)}`) + '\n');
    return 1;
  }
}

/** Options that only matter to generation: --export-templates refuses them rather than ignore them. */
const EXPORT_ALLOWS = new Set(['exportTemplates', 'force', 'interactive', 'yes']);

/** --export-templates: copies the built-in templates for an overlay; generates nothing. */
function runExport(parsed: ParsedCli, io: CliIo, out: ChalkInstance, err: ChalkInstance): number {
  const dir = parsed.exportTemplates!;
  try {
    const others = Object.entries(parsed).filter(([key, value]) => value !== undefined && !EXPORT_ALLOWS.has(key));
    if (others.length > 0) {
      const flag = others[0]![0] === 'directory' ? `the directory ${String(others[0]![1])}` : `--${others[0]![0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      throw new UserError(`--export-templates only copies the templates, so ${flag} has nothing to do`, { hint: 'run it on its own, then generate with --templates' });
    }
    const done = exportTemplates(join(packageRoot(), 'templates'), resolve(io.cwd, dir), parsed.force === true, dir);
    const copied = done.written.length + done.replaced.length;
    io.stdout.write(out.green(`Copied ${copied} built-in template${copied === 1 ? '' : 's'} to ${dir}`)
      + ` (${done.written.length} new, ${done.replaced.length} replaced, ${done.unchanged.length} already the same)\n`);
    io.stdout.write([
      '',
      'Next steps:',
      `  edit the templates you want to change in ${dir}, and delete the others: a template the folder`,
      '  does not have is the built-in one, which later versions of create-helm-operator keep up to date',
      `  create-helm-operator --chart <chart> --templates ${dir}`,
      '',
    ].join('\n'));
    return 0;
  } catch (error) {
    if (!isUserError(error)) throw error;
    return printUserError(error, io, err);
  }
}

/** A user's mistake as one line, the problem then the fix; returns its exit code. */
function printUserError(error: UserError, io: CliIo, err: ChalkInstance): number {
  io.stderr.write(err.red(`error: ${error.message}${error.hint ? ` (${error.hint})` : ''}`) + '\n');
  return error.exitCode;
}

/** Commander's options as GenerateOptions: numbers parsed (checkFlags judges them), raw-only flags dropped. */
function toGenerateOptions(p: ParsedCli, interactive: boolean, cwd: string): GenerateOptions {
  const { yes: _yes, passwordStdin: _passwordStdin, interactive: _interactive, check, schema, maxChartBytes, maxChartFiles, timeout, ...same } = p;
  const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  const parsed: Record<string, unknown> = {
    ...same,
    schema: schema as SchemaMode | undefined,
    force: p.force === true,
    // --check is a dry run that judges the plan.
    dryRun: p.dryRun === true || check === true,
    maxChartBytes: num(maxChartBytes),
    maxChartFiles: num(maxChartFiles),
    timeoutSeconds: num(timeout),
    interactive,
    cwd,
  };
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as GenerateOptions;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function isCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

function printDiagnostics(r: GenerationReport, io: CliIo, err: ChalkInstance): void {
  for (const w of r.warnings) io.stderr.write(err.yellow(`warning: ${w}`) + '\n');
  for (const n of r.notes) io.stderr.write(err.dim(n) + '\n');
}

/** --check: the files that drifted on stdout and one error line, exit 1; or one line saying all is well. */
function printCheck(r: GenerationReport, io: CliIo, out: ChalkInstance, err: ChalkInstance): number {
  printDiagnostics(r, io, err);
  if (r.drift.length === 0) {
    io.stdout.write(out.green(`Up to date: ${r.directory} is what the chart generates`) + '\n');
    return 0;
  }
  for (const line of r.drift) io.stdout.write(`  ${line}\n`);
  const n = r.drift.length;
  io.stderr.write(err.red(`error: ${r.directory}: ${n} file${n === 1 ? '' : 's'} differ${n === 1 ? 's' : ''} from what the chart generates (re-run without --check to update the project; changed files need --force)`) + '\n');
  return 1;
}

function printReport(r: GenerationReport, io: CliIo, out: ChalkInstance, err: ChalkInstance): void {
  printDiagnostics(r, io, err);
  io.stderr.write(`Operator permissions (config/rbac/role.yaml, "manage" = get, list, watch, create, update, patch, delete):\n${r.permissions.join('\n')}\n`);
  if (r.dryRun) {
    io.stdout.write(`Dry run: nothing written. Plan for ${r.directory}:\n`);
    for (const line of r.files) io.stdout.write(`  ${line}\n`);
    return;
  }
  for (const line of r.files) io.stdout.write(`  ${line}\n`);
  const c = r.counts;
  const counts = [`${c.create} created`, `${c.overwrite} overwritten`, `${c.identical} unchanged`, `${c.keep} kept as yours`, ...(c.removed ? [`${c.removed} removed`] : []), ...(c.skip ? [`${c.skip} skipped at your request`] : [])];
  io.stdout.write(out.green(`\nOperator project ready in ${r.directory}`) + ` (${counts.join(', ')})\n`);
  io.stdout.write('\nNext steps:\n');
  for (const step of r.nextSteps) io.stdout.write(`  ${step}\n`);
}
