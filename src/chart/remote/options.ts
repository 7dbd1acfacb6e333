/** How charts are fetched over the network: TLS, credentials, timeouts and the user's Helm config. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../diagnostics.js';
import type { Progress } from './progress.js';

/** A user name and password (or token) for basic auth or a registry's token endpoint. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** TLS settings for one host: from the flags, or from a `helm repo add` entry. */
export interface TlsSettings {
  /** PEM file of the CA that signs the server's certificate (replaces the system roots, as Helm does). */
  readonly caFile?: string;
  /** Client certificate and key (repositories.yaml certFile/keyFile). */
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly insecureSkipTlsVerify?: boolean;
}

/** Everything a remote fetch needs besides the location. */
export interface RemoteOptions {
  readonly tls: TlsSettings;
  /** Allow http:// (and plain-HTTP OCI registries). Off unless --plain-http. */
  readonly plainHttp: boolean;
  /** --username / --password-stdin: used for the chart's own host. */
  readonly credentials?: Credentials;
  /** Refuse anything remote (--offline). */
  readonly offline: boolean;
  /** A request with no bytes for this long fails (--timeout, seconds in the CLI). */
  readonly timeoutMs: number;
  /** Extra tries after a transient failure (connection reset, 429, 5xx). */
  readonly retries: number;
  readonly progress: Progress;
  /** Environment: HOME, HELM_REPOSITORY_CONFIG, HELM_REGISTRY_CONFIG, DOCKER_CONFIG, XDG_CONFIG_HOME... */
  readonly env: NodeJS.ProcessEnv;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_RETRIES = 2;

/** Helm's config folder: $HELM_CONFIG_HOME, else $XDG_CONFIG_HOME/helm, else ~/.config/helm. */
export function helmConfigHome(env: NodeJS.ProcessEnv): string {
  if (env['HELM_CONFIG_HOME']) return env['HELM_CONFIG_HOME'];
  if (env['XDG_CONFIG_HOME']) return join(env['XDG_CONFIG_HOME'], 'helm');
  return join(env['HOME'] || homedir(), '.config', 'helm');
}

/** repositories.yaml, as `helm repo add` writes it. */
export function repositoryConfigPath(env: NodeJS.ProcessEnv): string {
  return env['HELM_REPOSITORY_CONFIG'] || join(helmConfigHome(env), 'repositories.yaml');
}

/** The registry credentials `helm registry login` writes. */
export function registryConfigPath(env: NodeJS.ProcessEnv): string {
  return env['HELM_REGISTRY_CONFIG'] || join(helmConfigHome(env), 'registry', 'config.json');
}

/** docker's config.json, the fallback for registry credentials. */
export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  return join(env['DOCKER_CONFIG'] || join(env['HOME'] || homedir(), '.docker'), 'config.json');
}

/** Throws when --offline forbids fetching `what`. */
export function assertOnline(options: RemoteOptions, what: string): void {
  if (options.offline) {
    throw new UserError(`${what}: --offline refuses to fetch anything remote`, { hint: 'drop --offline, or pass a local chart directory or .tgz' });
  }
}
