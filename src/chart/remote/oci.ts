/**
 * Charts in OCI registries (`helm push`), through the distribution API: the manifest by tag or
 * digest, then the chart layer by digest, each checked against its sha256. Authentication is
 * anonymous, basic, or the registry's Bearer challenge answered at its token endpoint.
 */
import { UserError } from '../../diagnostics.js';
import { isMap } from '../../util/yaml.js';
import type { ChartLimits } from '../limits.js';
import { registryCredentials } from './helm-config.js';
import { assertOk, basicAuth, httpGet, RemoteError, type GetResponse } from './http.js';
import { assertOnline, type Credentials, type RemoteOptions } from './options.js';
import { sha256, type FetchedArchive } from './repository.js';
import { normalise, pickHighest } from './versions.js';

/** `oci://registry[:port]/path/chart[:tag][@sha256:...]`, split. */
export interface OciReference {
  readonly registry: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const HELM_LAYER = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
const LEGACY_LAYER = 'application/tar+gzip';
const MANIFEST_TYPES = 'application/vnd.oci.image.manifest.v1+json';
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Parses an oci:// reference; throws naming it when it is malformed. */
export function parseOciReference(ref: string): OciReference {
  const bad = (why: string): UserError => new UserError(`${ref}: not a valid OCI chart reference (${why}); use oci://registry/path/chart[:version]`);
  if (!ref.startsWith('oci://')) throw bad('it must start with oci://');
  let rest = ref.slice('oci://'.length);
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw bad(`digest "${digest}" is not sha256:<64 hex>`);
  }
  const slash = rest.indexOf('/');
  if (slash <= 0) throw bad('no repository path');
  const registry = rest.slice(0, slash);
  let repository = rest.slice(slash + 1);
  let tag: string | undefined;
  const colon = repository.lastIndexOf(':');
  if (colon > repository.lastIndexOf('/')) {
    tag = repository.slice(colon + 1);
    repository = repository.slice(0, colon);
  }
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(repository)) throw bad(`repository "${repository}" is not lower-case path segments`);
  if (tag !== undefined && !/^[\w][\w.+-]{0,127}$/.test(tag)) throw bad(`tag "${tag}" is invalid`);
  return { registry, repository, ...(tag !== undefined ? { tag: tag.replace(/\+/g, '_') } : {}), ...(digest ? { digest } : {}) };
}

/** A registry session for one repository: remembers the token it was given. */
class RegistryClient {
  private authorization: string | undefined;

  constructor(
    private readonly ref: OciReference,
    private readonly options: RemoteOptions,
    private readonly credentials: Credentials | undefined,
  ) {}

  private url(path: string): string {
    return `${this.options.plainHttp ? 'http' : 'https'}://${this.ref.registry}/v2/${this.ref.repository}/${path}`;
  }

  /** GET with the registry's auth dance: on a 401, answer the challenge once and try again. */
  async get(path: string, accept: string, maxBytes: number, showProgress = false): Promise<GetResponse> {
    const send = (): Promise<GetResponse> => httpGet({
      url: this.url(path), maxBytes, showProgress,
      headers: { accept, ...(this.authorization ? { authorization: this.authorization } : {}) },
    }, this.options);
    let res = await send();
    if (res.status === 401) {
      this.authorization = await this.answerChallenge(String(res.headers['www-authenticate'] ?? ''));
      res = await send();
    }
    return res;
  }

  private async answerChallenge(header: string): Promise<string> {
    const scheme = header.split(' ')[0]?.toLowerCase();
    const where = `oci://${this.ref.registry}/${this.ref.repository}`;
    if (scheme === 'basic') {
      if (!this.credentials) throw this.needCredentials(where);
      return basicAuth(this.credentials.username, this.credentials.password);
    }
    if (scheme !== 'bearer') throw new RemoteError(`${where}: the registry asks for authentication this tool does not speak ("${header}")`, { status: 401 });
    const params = Object.fromEntries([...header.slice(6).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    if (!params['realm']) throw new RemoteError(`${where}: Bearer challenge without a realm`, { status: 401 });
    const tokenUrl = new URL(params['realm']);
    if (params['service']) tokenUrl.searchParams.set('service', params['service']);
    tokenUrl.searchParams.set('scope', params['scope'] ?? `repository:${this.ref.repository}:pull`);
    const res = await httpGet({
      url: tokenUrl.toString(), maxBytes: 1024 * 1024,
      headers: this.credentials ? { authorization: basicAuth(this.credentials.username, this.credentials.password) } : {},
    }, this.options);
    if (res.status === 401 || res.status === 403) throw this.needCredentials(where);
    assertOk(res, 'registry token');
    let token: unknown;
    try {
      const body = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
      token = body['token'] ?? body['access_token'];
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || token === '') throw new RemoteError(`${tokenUrl.origin}: the token endpoint answered without a token`);
    return `Bearer ${token}`;
  }

  private needCredentials(where: string): RemoteError {
    return new RemoteError(`${where}: access denied by the registry${this.credentials ? ` for user "${this.credentials.username}"` : ' (no credentials)'}`, {
      status: 401, hint: 'log in with `helm registry login`, or pass --username with --password-stdin',
    });
  }
}

/** The chart and the manifest digest it was resolved through. */
export interface FetchedOciChart extends FetchedArchive {
  /** `oci://registry/repo:tag@sha256:<manifest digest>`: exactly what was pulled. */
  readonly reference: string;
}

/** Pulls a chart from an OCI registry. `range` picks a tag when the reference has none. */
export async function fetchFromOci(ref: OciReference, range: string | undefined, options: RemoteOptions, limits: ChartLimits): Promise<FetchedOciChart> {
  const where = `oci://${ref.registry}/${ref.repository}`;
  assertOnline(options, where);
  const credentials = options.credentials ?? registryCredentials(ref.registry, options.env);
  const client = new RegistryClient(ref, options, credentials);
  const tag = ref.digest ? ref.tag : ref.tag ?? await pickTag(client, where, range);
  const reference = ref.digest ?? tag!;
  const res = await client.get(`manifests/${reference}`, MANIFEST_TYPES, 4 * 1024 * 1024);
  if (res.status === 401 || res.status === 403) throw new RemoteError(`${where}: access denied by the registry (HTTP ${res.status})`, { status: res.status, hint: 'log in with `helm registry login`, or pass --username with --password-stdin' });
  assertOk(res, `manifest ${reference}`);
  const manifestDigest = sha256(res.body);
  if (ref.digest && manifestDigest !== ref.digest) {
    throw new UserError(`${where}@${ref.digest}: the registry sent a manifest with digest ${manifestDigest}; refusing it`);
  }
  const layer = chartLayer(res.body, `${where}:${reference}`);
  const blob = await client.get(`blobs/${layer.digest}`, '*/*', limits.maxBytes, true);
  assertOk(blob, `chart layer ${layer.digest}`);
  const digest = sha256(blob.body);
  if (digest !== layer.digest) {
    throw new UserError(`${where}: chart layer has digest ${digest}, the manifest says ${layer.digest}; refusing it`);
  }
  const version = tag?.replace(/_/g, '+');
  return {
    archive: blob.body,
    url: `${where}/blobs/${layer.digest}`,
    digest,
    ...(version ? { version } : {}),
    reference: `${where}${tag ? `:${tag}` : ''}@${manifestDigest}`,
  };
}

function chartLayer(body: Buffer, where: string): { digest: string } {
  let manifest: unknown;
  try {
    manifest = JSON.parse(body.toString('utf8'));
  } catch {
    throw new UserError(`${where}: the manifest is not JSON`);
  }
  const layers = isMap(manifest) && Array.isArray(manifest['layers']) ? manifest['layers'].filter(isMap) : [];
  const layer = layers.find((l) => l['mediaType'] === HELM_LAYER) ?? layers.find((l) => l['mediaType'] === LEGACY_LAYER);
  if (!layer || typeof layer['digest'] !== 'string' || !DIGEST.test(layer['digest'])) {
    throw new UserError(`${where}: not a Helm chart (no ${HELM_LAYER} layer)`);
  }
  return { digest: layer['digest'] };
}

async function pickTag(client: RegistryClient, where: string, range: string | undefined): Promise<string> {
  const exact = range !== undefined ? normalise(range) : undefined;
  if (exact !== undefined && range!.trim() === exact) return exact.replace(/\+/g, '_');
  const res = await client.get('tags/list', 'application/json', 4 * 1024 * 1024);
  assertOk(res, 'tag list');
  let tags: string[] = [];
  try {
    const body = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
    tags = Array.isArray(body['tags']) ? body['tags'].filter((t): t is string => typeof t === 'string') : [];
  } catch {
    throw new UserError(`${where}: the tag list is not JSON`);
  }
  const version = pickHighest(tags.map((t) => t.replace(/_/g, '+')), range, where);
  if (version === undefined) {
    throw new UserError(`${where}: no tag matches "${range ?? '*'}" (tags: ${tags.slice(0, 5).join(', ') || 'none'})`, { hint: 'give the version as oci://...:<version>, or change --chart-version' });
  }
  return version.replace(/\+/g, '_');
}
