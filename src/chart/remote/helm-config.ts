/**
 * The user's Helm configuration, read-only: repositories added with `helm repo add` (with their
 * credentials and CA) and registry logins from `helm registry login` or docker's config.json
 * (including the credential helpers they name).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { UserError } from '../../diagnostics.js';
import { isMap, parseHelmYaml } from '../../util/yaml.js';
import { dockerConfigPath, registryConfigPath, repositoryConfigPath, type Credentials } from './options.js';
import type { RepositoryTarget } from './repository.js';

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The entries of repositories.yaml ([] when there is none). */
function readRepositories(env: NodeJS.ProcessEnv): { path: string; entries: Record<string, unknown>[] } {
  const path = repositoryConfigPath(env);
  const text = readOptional(path);
  if (text === undefined) return { path, entries: [] };
  const config = parseHelmYaml(text, path);
  return { path, entries: isMap(config) && Array.isArray(config['repositories']) ? config['repositories'].filter(isMap) : [] };
}

/** The repository `helm repo add <name>` saved, with its credentials and TLS settings. */
export function findHelmRepository(name: string, env: NodeJS.ProcessEnv): RepositoryTarget | undefined {
  const { path, entries } = readRepositories(env);
  const entry = entries.find((r) => r['name'] === name);
  return entry ? toTarget(entry, path) : undefined;
}

/** The repository whose URL is `url` in repositories.yaml, for a dependency's credentials. */
export function findHelmRepositoryByUrl(url: string, env: NodeJS.ProcessEnv): RepositoryTarget | undefined {
  const { path, entries } = readRepositories(env);
  const trim = (u: string): string => u.replace(/\/+$/, '');
  const entry = entries.find((r) => typeof r['url'] === 'string' && trim(r['url']) === trim(url));
  return entry ? toTarget(entry, path) : undefined;
}

function toTarget(entry: Record<string, unknown>, path: string): RepositoryTarget {
  const url = str(entry['url']);
  if (!url) throw new UserError(`${path}: repository "${String(entry['name'])}" has no url`);
  const username = str(entry['username']);
  const password = str(entry['password']);
  const caFile = str(entry['caFile']);
  const certFile = str(entry['certFile']);
  const keyFile = str(entry['keyFile']);
  return {
    url,
    ...(username !== undefined ? { credentials: { username, password: password ?? '' } } : {}),
    tls: {
      ...(caFile ? { caFile } : {}),
      ...(certFile ? { certFile } : {}),
      ...(keyFile ? { keyFile } : {}),
      ...(entry['insecure_skip_tls_verify'] === true ? { insecureSkipTlsVerify: true } : {}),
    },
    passCredentialsAll: entry['pass_credentials_all'] === true,
  };
}

/** Decodes a docker-style `auths` entry. */
function decodeAuth(entry: Record<string, unknown>): Credentials | undefined {
  const auth = str(entry['auth']);
  if (auth) {
    const decoded = Buffer.from(auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  const username = str(entry['username']);
  const password = str(entry['password']) ?? str(entry['identitytoken']);
  return username && password ? { username, password } : undefined;
}

/**
 * Credentials for a registry host, from Helm's registry config, else docker's config.json. In each,
 * as docker and `helm registry login` store them: a credential helper named for the host
 * (`credHelpers`), else the default one (`credsStore`, e.g. the macOS keychain), else `auths`.
 */
export function registryCredentials(host: string, env: NodeJS.ProcessEnv): Credentials | undefined {
  for (const path of [registryConfigPath(env), dockerConfigPath(env)]) {
    const text = readOptional(path);
    if (text === undefined) continue;
    let config: unknown;
    try {
      config = JSON.parse(text);
    } catch (error) {
      throw new UserError(`${path}: invalid JSON: ${(error as Error).message}`);
    }
    if (!isMap(config)) continue;
    const helpers = isMap(config['credHelpers']) ? config['credHelpers'] : {};
    const helper = str(helpers[host]) ?? str(config['credsStore']);
    if (helper !== undefined) {
      const fromHelper = helperCredentials(helper, host, env, path);
      if (fromHelper) return fromHelper;
    }
    const auths = isMap(config['auths']) ? config['auths'] : {};
    for (const [key, entry] of Object.entries(auths)) {
      const keyHost = key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
      if (keyHost === host && isMap(entry)) {
        const credentials = decodeAuth(entry);
        if (credentials) return credentials;
      }
    }
  }
  return undefined;
}

/** Docker Hub's credentials are stored under its old index URL. */
const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * Asks `docker-credential-<helper> get` for the host's credentials (docker's credential-helper
 * protocol: the server on stdin, JSON with Username and Secret on stdout). Undefined when the helper
 * is not installed or holds nothing for the host: the registry may not need any, and if it does its
 * 401 names the fix. A helper name that is not a plain name is never run.
 */
function helperCredentials(helper: string, host: string, env: NodeJS.ProcessEnv, path: string): Credentials | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper)) {
    throw new UserError(`${path}: credential helper "${helper}" is not a helper name`, { hint: 'credsStore and credHelpers name a docker-credential-<name> program on PATH' });
  }
  const program = `docker-credential-${helper}`;
  const server = DOCKER_HUB_HOSTS.has(host) ? DOCKER_HUB_KEY : host;
  const r = spawnSync(program, ['get'], { input: server, encoding: 'utf8', env, timeout: HELPER_TIMEOUT_MS, windowsHide: true });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
  if (r.error) throw new UserError(`${program} get (named in ${path}): ${r.error.message}`);
  // "credentials not found in native keychain" and the like: nothing stored for this host.
  if (r.status !== 0) return undefined;
  let answer: unknown;
  try {
    answer = JSON.parse(r.stdout);
  } catch {
    throw new UserError(`${program} get (named in ${path}) did not answer with JSON`);
  }
  if (!isMap(answer)) return undefined;
  const username = str(answer['Username']);
  const secret = str(answer['Secret']);
  // "<token>" marks an OAuth refresh token, which is not a password a registry accepts in basic auth.
  if (username === undefined || secret === undefined || username === '<token>') return undefined;
  return { username, password: secret };
}

const HELPER_TIMEOUT_MS = 60_000;
