/**
 * Where a chart comes from. `--chart` names a directory, a packaged .tgz, an https:// URL of a
 * packaged chart, an oci:// reference, `<repo>/<name>` from `helm repo add`, or (with --repo) a
 * chart in an HTTP repository; with none, an existing project's own copy (helm-charts/<name>/), or
 * for a new project the built-in starter chart, named after the kind. Every source ends as ChartFiles, with missing dependencies vendored, for the one loader.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../diagnostics.js';
import { DEFAULT_LIMITS, type ChartLimits } from './limits.js';
import { loadChart, missingDependencies } from './load.js';
import { readChartArchive, readChartArchiveBytes, readChartDir } from './read.js';
import { DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS, type RemoteOptions } from './remote/options.js';
import type { FetchedArchive } from './remote/index.js';
import { readStarterChart } from './starter.js';
import type { Chart, ChartFiles } from './types.js';

/** The remote modules, loaded on first need (see remote/index.ts). */
const remoteModule = () => import('./remote/index.js');

/** A chart's files, the chart loaded from them, and the provenance PROJECT records. */
export interface AcquiredChart {
  readonly files: ChartFiles;
  readonly chart: Chart;
  /** `directory`, `archive`, `url`, `repository`, `oci` or `starter`. */
  readonly sourceType: string;
  /**
   * The location: as the user gave it for local charts (`built-in` for the starter); for downloads,
   * exactly what was fetched (the archive URL, or the OCI reference with its manifest digest).
   */
  readonly source: string;
}

/** How to read the chart named by --chart. */
export interface AcquireOptions {
  readonly limits?: ChartLimits;
  /** --repo: `location` is then a chart name in this HTTP repository. */
  readonly repo?: string;
  /** --chart-version: a Helm version range for --repo, `<repo>/<name>` and oci:// without a tag. */
  readonly version?: string;
  readonly remote?: Partial<RemoteOptions>;
}

/** Remote options with defaults filled in (progress and warnings to stderr). */
export async function remoteOptions(partial: Partial<RemoteOptions> = {}): Promise<RemoteOptions> {
  const { streamProgress } = await remoteModule();
  return {
    tls: partial.tls ?? {},
    plainHttp: partial.plainHttp ?? false,
    ...(partial.credentials ? { credentials: partial.credentials } : {}),
    offline: partial.offline ?? false,
    timeoutMs: partial.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: partial.retries ?? DEFAULT_RETRIES,
    progress: partial.progress ?? streamProgress(process.stderr),
    env: partial.env ?? process.env,
  };
}

const REPO_CHART = /^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/;

/** Reads the chart named by --chart (and --repo), vendoring its missing dependencies. */
export async function acquireChart(location: string, options: AcquireOptions = {}): Promise<AcquiredChart> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const found = await readSource(location, options, limits);
  const chart = loadChart(found.files, limits);
  // Nothing to fetch: the remote modules are not even loaded.
  if (missingDependencies(chart).length === 0) {
    return { files: found.files, chart, sourceType: found.sourceType, source: found.source };
  }
  const { vendorDependencies } = await remoteModule();
  const files = await vendorDependencies(found.files, { limits, remote: await remoteOptions(options.remote), baseDir: found.baseDir }, 0, chart);
  return { files, chart: files === found.files ? chart : loadChart(files, limits), sourceType: found.sourceType, source: found.source };
}

interface Found extends Omit<AcquiredChart, 'chart'> { readonly baseDir: string | undefined }

async function readSource(location: string, options: AcquireOptions, limits: ChartLimits): Promise<Found> {
  const fromArchive = (sourceType: string, fetched: FetchedArchive, source: string): Found => ({
    files: readChartArchiveBytes(source, fetched.archive, limits), sourceType, source, baseDir: undefined,
  });
  const remote = async () => ({ ...(await remoteModule()), options: await remoteOptions(options.remote) });
  if (options.repo !== undefined) {
    if (!REPO_CHART.test(`x/${location}`)) {
      throw new UserError(`--chart ${location}: with --repo, --chart is a chart name in that repository (e.g. memcached)`);
    }
    const r = await remote();
    const fetched = await r.fetchFromRepository({ url: options.repo }, location, options.version, r.options, limits);
    return fromArchive('repository', fetched, fetched.url);
  }
  if (location.startsWith('oci://')) {
    const r = await remote();
    const ref = r.parseOciReference(location);
    if ((ref.tag !== undefined || ref.digest !== undefined) && options.version !== undefined) {
      throw new UserError(`--chart-version ${options.version}: ${location} already names its version; pass one or the other`);
    }
    const fetched = await r.fetchFromOci(ref, options.version, r.options, limits);
    return fromArchive('oci', fetched, fetched.reference);
  }
  if (/^https?:\/\//i.test(location)) {
    if (options.version !== undefined) throw new UserError('--chart-version applies to --repo, <repo>/<chart> and oci:// charts, not to a chart URL');
    const r = await remote();
    const fetched = await r.fetchChartUrl(location, r.options, limits);
    return fromArchive('url', fetched, r.redactUrl(location));
  }
  const info = await stat(location).catch(() => undefined);
  if (!info && REPO_CHART.test(location)) {
    const [repoName, chartName] = location.split('/') as [string, string];
    const r = await remote();
    const target = r.findHelmRepository(repoName, r.options.env);
    if (target) {
      const fetched = await r.fetchFromRepository(target, chartName, options.version, r.options, limits);
      return fromArchive('repository', fetched, fetched.url);
    }
  }
  if (!info) {
    throw new UserError(`--chart ${location}: no such file or directory`, { hint: 'pass a chart directory, a packaged .tgz, an https:// or oci:// URL, or <repo>/<chart> from `helm repo add`' });
  }
  if (options.version !== undefined) throw new UserError('--chart-version applies to --repo, <repo>/<chart> and oci:// charts, not to a local chart');
  if (info.isDirectory()) return { files: await readChartDir(location, limits), sourceType: 'directory', source: location, baseDir: resolve(location) };
  if (info.isFile()) return { files: await readChartArchive(location, limits), sourceType: 'archive', source: location, baseDir: dirname(resolve(location)) };
  throw new UserError(`--chart ${location}: not a directory or a file`);
}

/**
 * The chart vendored in an existing project, `helm-charts/<name>/`: what a re-run without --chart
 * regenerates from (the copy the operator image runs, with any changes made to it). The source it
 * reports is the one the project recorded, so PROJECT keeps saying where the chart first came from.
 */
export async function acquireVendoredChart(projectDir: string, recorded: { name: string; source: string; sourceType: string }, options: AcquireOptions = {}): Promise<AcquiredChart> {
  const folder = join(projectDir, 'helm-charts', recorded.name);
  if (!existsSync(join(folder, 'Chart.yaml'))) {
    const chart = recorded.sourceType === 'starter' ? '<chart>' : JSON.stringify(recorded.source);
    throw new UserError(`${projectDir}: PROJECT records the chart ${recorded.name}, but helm-charts/${recorded.name}/ holds no Chart.yaml to regenerate from`, { hint: `pass the chart: --chart ${chart}` });
  }
  const acquired = await acquireChart(folder, options);
  return { ...acquired, sourceType: recorded.sourceType, source: recorded.source };
}

/** The built-in starter chart, named `chartName`. */
export async function acquireStarterChart(chartName: string): Promise<AcquiredChart> {
  const files = await readStarterChart(chartName);
  return { files, chart: loadChart(files), sourceType: 'starter', source: 'built-in' };
}
