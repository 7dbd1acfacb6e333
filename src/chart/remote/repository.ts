/**
 * HTTP chart repositories (what `helm repo add` points at): read index.yaml, pick the highest
 * version that matches the range, download the archive and check it against the index's digest.
 * A plain chart URL is the same download without the index.
 */
import { createHash } from 'node:crypto';
import { UserError } from '../../diagnostics.js';
import { isMap, parseHelmYaml } from '../../util/yaml.js';
import type { ChartLimits } from '../limits.js';
import { assertOk, basicAuth, httpGet, redactUrl } from './http.js';
import { assertOnline, type Credentials, type RemoteOptions, type TlsSettings } from './options.js';
import { pickHighest } from './versions.js';

/** A repository: its URL and what `helm repo add` saved for it. */
export interface RepositoryTarget {
  readonly url: string;
  readonly credentials?: Credentials;
  readonly tls?: TlsSettings;
  /** Send the credentials to chart URLs on other hosts too (repositories.yaml pass_credentials_all). */
  readonly passCredentialsAll?: boolean;
}

/** A downloaded chart archive and where it came from. */
export interface FetchedArchive {
  readonly archive: Buffer;
  /** URL of the archive, credentials removed. */
  readonly url: string;
  /** The chart version the index named (undefined for a plain URL). */
  readonly version?: string;
  /** `sha256:<hex>` of the archive bytes. */
  readonly digest: string;
}

/** `sha256:<hex>` of some bytes. */
export function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

function authHeaders(credentials: Credentials | undefined): Record<string, string> {
  return credentials ? { authorization: basicAuth(credentials.username, credentials.password) } : {};
}

/** Downloads a packaged chart from a URL. */
export async function fetchChartUrl(url: string, options: RemoteOptions, limits: ChartLimits, target?: RepositoryTarget): Promise<FetchedArchive> {
  assertOnline(options, redactUrl(url));
  const credentials = target?.credentials ?? options.credentials;
  const sameHost = !target || new URL(url).host === new URL(target.url).host || target.passCredentialsAll === true;
  const res = await httpGet({
    url, maxBytes: limits.maxBytes, showProgress: true,
    headers: sameHost ? authHeaders(credentials) : {},
    ...(target?.tls ? { tls: target.tls } : {}),
  }, options);
  assertOk(res, 'chart archive');
  return { archive: res.body, url: redactUrl(url), digest: sha256(res.body) };
}

interface IndexEntry { version: string; urls: string[]; digest?: string }

// One run may need several charts from one repository (kube-prometheus-stack's dependencies): the
// index is read once per URL and credentials, and an unreachable repository is tried once.
const indexCache = new Map<string, Promise<unknown>>();

async function readIndex(target: RepositoryTarget, indexUrl: string, options: RemoteOptions, limits: ChartLimits): Promise<unknown> {
  const headers = authHeaders(target.credentials ?? options.credentials);
  const key = `${indexUrl}\0${headers.authorization ?? ''}`;
  let pending = indexCache.get(key);
  if (!pending) {
    pending = (async () => {
      const res = await httpGet({ url: indexUrl, maxBytes: Math.max(limits.maxBytes, 64 * 1024 * 1024), headers, ...(target.tls ? { tls: target.tls } : {}) }, options);
      assertOk(res, 'repository index');
      return parseHelmYaml(res.body.toString('utf8'), redactUrl(indexUrl));
    })();
    indexCache.set(key, pending);
  }
  return pending;
}

/** Reads a repository's index.yaml and returns the entries for one chart. */
async function readIndexEntries(target: RepositoryTarget, name: string, options: RemoteOptions, limits: ChartLimits): Promise<IndexEntry[]> {
  const indexUrl = `${target.url.replace(/\/+$/, '')}/index.yaml`;
  const shown = redactUrl(indexUrl);
  assertOnline(options, shown);
  const index = await readIndex(target, indexUrl, options, limits);
  if (!isMap(index) || !isMap(index['entries'])) throw new UserError(`${shown}: not a chart repository index (no "entries" map)`);
  const list = index['entries'][name];
  if (!Array.isArray(list) || list.length === 0) {
    throw new UserError(`${shown}: the repository has no chart named "${name}"`, { hint: 'check --chart (or the dependency name) against the repository' });
  }
  return list.filter(isMap).flatMap((e) => {
    const urls = Array.isArray(e['urls']) ? e['urls'].filter((u): u is string => typeof u === 'string') : [];
    const version = e['version'] === undefined || e['version'] === null ? '' : String(e['version']);
    if (version === '' || urls.length === 0) return [];
    // A digest YAML reads as a number (all digits) is still a digest: compare it as text.
    const digest = e['digest'] === undefined || e['digest'] === null ? undefined : String(e['digest']);
    return [{ version, urls, ...(digest ? { digest } : {}) }];
  });
}

/** Picks the highest version of `name` matching `range` from a repository and downloads it, verified. */
export async function fetchFromRepository(target: RepositoryTarget, name: string, range: string | undefined, options: RemoteOptions, limits: ChartLimits): Promise<FetchedArchive> {
  const entries = await readIndexEntries(target, name, options, limits);
  const shownRepo = redactUrl(target.url);
  const version = pickHighest(entries.map((e) => e.version), range, `${shownRepo} ${name}`);
  if (version === undefined) {
    const known = entries.map((e) => e.version).slice(0, 5).join(', ');
    throw new UserError(`${shownRepo}: no version of "${name}" matches "${range ?? '*'}" (the repository has ${known}${entries.length > 5 ? ', ...' : ''})`, { hint: 'change --chart-version (or the dependency version)' });
  }
  const entry = entries.find((e) => e.version === version)!;
  const base = target.url.endsWith('/') ? target.url : `${target.url}/`;
  const url = new URL(entry.urls[0]!, base).toString();
  const fetched = await fetchChartUrl(url, options, limits, target);
  if (entry.digest && fetched.digest !== `sha256:${entry.digest.replace(/^sha256:/, '').toLowerCase()}`) {
    throw new UserError(`${fetched.url}: digest ${fetched.digest} does not match the repository index (sha256:${entry.digest}); refusing the archive`);
  }
  return { ...fetched, version };
}
