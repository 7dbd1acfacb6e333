/** Options as the CLI (or `yo`) passes them, and the complete answers generation runs on. */

export type SchemaMode = 'auto' | 'infer' | 'none';
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
