/** Options as the CLI (or `yo`) passes them, and the complete answers generation runs on. */

import type { SchemaMode } from '../analysis/schema/index.js';

export type { SchemaMode };
export const SCHEMA_MODES: readonly SchemaMode[] = ['auto', 'infer', 'none'];

/** The helm-operator release the base image, scorecard image and operator-sdk downloads pin. */
export const DEFAULT_HELM_OPERATOR_VERSION = 'v1.42.3';
export const DEFAULT_DOMAIN = 'my.domain';
export const DEFAULT_API_VERSION = 'v1alpha1';

/** What the user gave; anything missing is defaulted or asked for. */
export interface GenerateOptions {
  readonly directory?: string;
  readonly chart?: string;
  readonly domain?: string;
  readonly group?: string;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly projectName?: string;
  readonly image?: string;
  readonly helmOperatorVersion?: string;
  readonly templates?: string;
  readonly schema?: SchemaMode;
  readonly force?: boolean;
  readonly dryRun?: boolean;
  /** False with --yes, --no-interactive, no TTY on stdin, or CI set. */
  readonly interactive?: boolean;
  /** Base folder `directory` is resolved against. */
  readonly cwd?: string;
  /** --repo: an HTTP chart repository; `chart` is then a chart name in it. */
  readonly repo?: string;
  /** --chart-version: a Helm version range (commas allowed). */
  readonly chartVersion?: string;
  /** --username, with the password read by --password-stdin. */
  readonly username?: string;
  readonly password?: string;
  readonly caFile?: string;
  readonly insecureSkipTlsVerify?: boolean;
  readonly plainHttp?: boolean;
  /** --offline: refuse anything remote. */
  readonly offline?: boolean;
  /** --max-chart-bytes / --max-chart-files: caps on what a chart may unpack to. */
  readonly maxChartBytes?: number;
  readonly maxChartFiles?: number;
  /** --timeout: seconds a download may go without an answer, or below 1 KiB/s. */
  readonly timeoutSeconds?: number;
}

/** Every answer, checked. */
export interface Answers {
  /** Absolute path of the project folder. */
  readonly directory: string;
  readonly domain: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly projectName: string;
  readonly image: string;
  readonly helmOperatorVersion: string;
  readonly schema: SchemaMode;
}
