/**
 * Vendoring a chart's missing dependencies, as `helm dependency build` would: charts already in
 * charts/ are kept; every dependency Chart.yaml (or a v1 chart's requirements.yaml) lists and
 * charts/ lacks is fetched from its repository (an HTTP repository URL, `@name`/`alias:name` from
 * repositories.yaml, oci://, or file:// relative to the chart's own folder) and added to the file
 * list: remote ones as charts/<name>-<version>.tgz, file:// ones as files under charts/<name>/.
 * The lock file is rewritten to match when every dependency ends up vendored.
 *
 * The rule for failures: a definite answer is an error (a file:// path that does not exist, a
 * chart or version the repository does not have, a digest mismatch, access denied, a broken
 * archive, a dependency with no repository at all). Not being able to reach a repository (DNS,
 * refused connection, timeout) and --offline are warnings naming the dependencies: the project is
 * still generated, and build.ts's "not vendored" warning tells the user to run
 * `helm dependency build`. That keeps charts like kube-prometheus-stack usable without a network.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../../diagnostics.js';
import { isMap, parseHelmYaml } from '../../util/yaml.js';
import type { ChartLimits } from '../limits.js';
import { loadChart, missingDependencies } from '../load.js';
import { readChartArchive, readChartArchiveBytes, readChartDir } from '../read.js';
import type { Chart, ChartDependency, ChartFile, ChartFiles } from '../types.js';
import { findHelmRepository, findHelmRepositoryByUrl } from './helm-config.js';
import { RemoteError, redactUrl } from './http.js';
import { lockDigest, previousGenerated, renderLock, type LockedDependency } from './lock.js';
import { fetchFromOci, parseOciReference } from './oci.js';
import type { RemoteOptions } from './options.js';
import { fetchFromRepository, type RepositoryTarget } from './repository.js';
import { pickHighest } from './versions.js';

/** What vendoring needs to know about where the chart came from. */
export interface DependencyContext {
  readonly limits: ChartLimits;
  readonly remote: RemoteOptions;
  /** Folder file:// dependencies resolve against; undefined for a chart that was downloaded. */
  readonly baseDir: string | undefined;
}

const MAX_DEPTH = 5;

/** A dependency's chart, fetched: files to add under charts/ and the version that was vendored. */
interface Vendored { readonly files: ChartFile[]; readonly version: string }

/** Returns `source` with every missing dependency vendored (see the module comment for failures); `loaded` is `source` already loaded, when the caller has it. */
export async function vendorDependencies(source: ChartFiles, ctx: DependencyContext, depth = 0, loaded?: Chart): Promise<ChartFiles> {
  const chart = loaded ?? loadChart(source, ctx.limits);
  const missing = uniqueByName(missingDependencies(chart));
  if (missing.length === 0) return source;
  const where = `${source.origin.replace(/\/$/, '')}/${chart.metadata.apiVersion === 'v1' ? 'requirements.yaml' : 'Chart.yaml'}`;
  if (depth >= MAX_DEPTH) throw new UserError(`${where}: file:// dependencies nest deeper than ${MAX_DEPTH} levels`);

  const added: ChartFile[] = [];
  const versions = new Map<string, string>();
  const unfetched: string[] = [];
  for (const dep of missing) {
    const repository = dep.repository ?? '';
    if (repository === '') {
      throw new UserError(`${where}: dependency "${dep.name}" has no repository and charts/ does not hold it`, { hint: 'vendor it with `helm dependency build`, or give it a repository' });
    }
    if (ctx.remote.offline && !repository.startsWith('file://')) {
      unfetched.push(`${dep.name} (${redactUrl(repository)})`);
      continue;
    }
    try {
      const vendored = await fetchDependency(dep, where, ctx, depth);
      added.push(...vendored.files);
      versions.set(dep.name, vendored.version);
    } catch (error) {
      if (!(error instanceof RemoteError) || !error.unreachable) throw error;
      ctx.remote.progress.warn(`could not fetch dependency "${dep.name}": ${error.message}`);
      unfetched.push(`${dep.name} (${redactUrl(repository)})`);
    }
  }
  if (unfetched.length > 0 && ctx.remote.offline) {
    ctx.remote.progress.warn(`--offline: not fetching dependencies ${unfetched.join(', ')}`);
  }
  if (added.length === 0) return source;
  const files = [...source.files, ...added];
  checkTotals(source.origin, files, ctx.limits);
  const withLock = unfetched.length === 0 ? withLockFile(files, chart, versions, ctx.remote.env) : files;
  return { origin: source.origin, files: withLock };
}

function uniqueByName(deps: readonly ChartDependency[]): ChartDependency[] {
  const seen = new Set<string>();
  return deps.filter((d) => (seen.has(d.name) ? false : (seen.add(d.name), true)));
}

async function fetchDependency(dep: ChartDependency, where: string, ctx: DependencyContext, depth: number): Promise<Vendored> {
  const repository = dep.repository!;
  const label = `${where}: dependency "${dep.name}"`;
  if (repository.startsWith('file://')) return vendorLocal(dep, label, ctx, depth);
  if (repository.startsWith('oci://')) {
    const ref = parseOciReference(`${repository.replace(/\/+$/, '')}/${dep.name}`);
    const fetched = await fetchFromOci(ref, dep.version, ctx.remote, ctx.limits);
    return archiveFiles(dep, label, fetched.archive, fetched.url, ctx);
  }
  const target = repositoryTarget(repository, label, ctx.remote.env);
  const fetched = await fetchFromRepository(target, dep.name, dep.version, ctx.remote, ctx.limits);
  return archiveFiles(dep, label, fetched.archive, fetched.url, ctx);
}

/** `@name` / `alias:name` from repositories.yaml, or a URL (with that entry's credentials if one matches). */
function repositoryTarget(repository: string, label: string, env: NodeJS.ProcessEnv): RepositoryTarget {
  const named = /^(?:@|alias:)(.+)$/.exec(repository);
  if (named) {
    const found = findHelmRepository(named[1]!, env);
    if (!found) throw new UserError(`${label}: no repository named "${named[1]}" in Helm's repositories config`, { hint: `run \`helm repo add ${named[1]} <url>\`` });
    return found;
  }
  if (!/^https?:\/\//.test(repository)) throw new UserError(`${label}: repository "${repository}" is not an http(s)://, oci://, file:// or @name repository`);
  return findHelmRepositoryByUrl(repository, env) ?? { url: repository };
}

/** A downloaded archive, checked to be the chart that was asked for. */
function archiveFiles(dep: ChartDependency, label: string, archive: Buffer, url: string, ctx: DependencyContext): Vendored {
  const files = readChartArchiveBytes(url, archive, ctx.limits);
  const chart = loadChart(files, ctx.limits);
  checkIdentity(dep, label, chart);
  return { files: [{ path: `charts/${dep.name}-${chart.metadata.version}.tgz`, data: archive }], version: chart.metadata.version };
}

async function vendorLocal(dep: ChartDependency, label: string, ctx: DependencyContext, depth: number): Promise<Vendored> {
  const relativePath = dep.repository!.slice('file://'.length);
  if (ctx.baseDir === undefined) throw new UserError(`${label}: ${dep.repository} cannot be resolved for a downloaded chart`);
  const path = resolve(ctx.baseDir, relativePath);
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UserError(`${label}: ${dep.repository} does not exist (looked for ${path})`);
  const read = info.isDirectory() ? await readChartDir(path, ctx.limits) : await readChartArchive(path, ctx.limits);
  const files = await vendorDependencies(read, { ...ctx, baseDir: info.isDirectory() ? path : resolve(path, '..') }, depth + 1);
  const chart = loadChart(files, ctx.limits);
  checkIdentity(dep, label, chart);
  return { files: files.files.map((f) => ({ path: `charts/${dep.name}/${f.path}`, data: f.data })), version: chart.metadata.version };
}

function checkIdentity(dep: ChartDependency, label: string, chart: Chart): void {
  if (chart.metadata.name !== dep.name) throw new UserError(`${label}: the chart found is named "${chart.metadata.name}"`);
  if (dep.version && pickHighest([chart.metadata.version], dep.version, label) === undefined) {
    throw new UserError(`${label}: version ${chart.metadata.version} does not match "${dep.version}"`);
  }
}

function checkTotals(origin: string, files: readonly ChartFile[], limits: ChartLimits): void {
  const bytes = files.reduce((n, f) => n + f.data.length, 0);
  if (bytes > limits.maxBytes) throw new UserError(`${origin}: with its dependencies the chart is larger than ${limits.maxBytes} bytes; raise --max-chart-bytes if it is genuine`);
  if (files.length > limits.maxFiles) throw new UserError(`${origin}: with its dependencies the chart has more than ${limits.maxFiles} files; raise --max-chart-files if it is genuine`);
}

/** Replaces the lock file with one that names every dependency at the version now in charts/. */
function withLockFile(files: ChartFile[], chart: Chart, vendored: ReadonlyMap<string, string>, env: NodeJS.ProcessEnv): ChartFile[] {
  const v1 = chart.metadata.apiVersion === 'v1';
  const lockPath = v1 ? 'requirements.lock' : 'Chart.lock';
  const requirements = v1 ? files.find((f) => f.path === 'requirements.yaml') : undefined;
  const rawSource = v1 && requirements ? parseHelmYaml(requirements.data.toString('utf8'), 'requirements.yaml') : chart.metadata.raw;
  const raw = isMap(rawSource) && Array.isArray(rawSource['dependencies']) ? rawSource['dependencies'].filter(isMap) : [];
  const present = new Map(chart.subcharts.map((s) => [s.chart.metadata.name, s.chart.metadata.version]));
  const repositoryOf = (r: Record<string, unknown>): string | undefined => {
    const repo = typeof r['repository'] === 'string' ? r['repository'] : undefined;
    const named = repo ? /^(?:@|alias:)(.+)$/.exec(repo) : null;
    return named ? findHelmRepository(named[1]!, env)?.url ?? repo : repo;
  };
  const locked: LockedDependency[] = raw.map((r) => {
    const name = String(r['name']);
    return { name, repository: repositoryOf(r) ?? '', version: vendored.get(name) ?? present.get(name) ?? String(r['version'] ?? '') };
  });
  const old = files.find((f) => f.path === lockPath);
  let oldLock: unknown;
  try {
    oldLock = old ? parseHelmYaml(old.data.toString('utf8'), lockPath) : undefined;
  } catch {
    oldLock = undefined;
  }
  const text = renderLock(locked, lockDigest(raw, locked, repositoryOf), previousGenerated(oldLock));
  return [...files.filter((f) => f.path !== lockPath), { path: lockPath, data: Buffer.from(text) }];
}
