/**
 * The user's Helm configuration, read-only: repositories added with `helm repo add` (with their
 * credentials and CA) and registry logins from `helm registry login` or docker's config.json.
 */
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
 * Credentials for a registry host, from Helm's registry config, else docker's config.json.
 * Credential helpers (credsStore) are not run: they are programs, and this tool runs none.
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
    const auths = isMap(config) && isMap(config['auths']) ? config['auths'] : {};
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
