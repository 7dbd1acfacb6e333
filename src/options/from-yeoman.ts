/**
 * The generator's options, normalised once: Yeoman hands over whatever the CLI, `yo helm-operator` or
 * yeoman-test passed (camel-cased flag names); this turns them into GenerateOptions, and those into
 * what the chart reader needs.
 */
import type { AcquireOptions } from '../chart/source.js';
import { DEFAULT_LIMITS, type ChartLimits } from '../chart/limits.js';
import type { GenerateOptions } from './types.js';

const STRINGS = [
  'directory', 'chart', 'domain', 'group', 'apiVersion', 'kind', 'projectName', 'image', 'helmOperatorVersion',
  'templates', 'schema', 'repo', 'chartVersion', 'username', 'password', 'caFile',
] as const;
const BOOLEANS = ['force', 'dryRun', 'interactive', 'insecureSkipTlsVerify', 'plainHttp', 'offline'] as const;
const NUMBERS = ['maxChartBytes', 'maxChartFiles', 'timeoutSeconds'] as const;

/** Flags the generator declares to Yeoman (kebab-case), by type. */
export const GENERATOR_FLAGS = {
  string: ['chart', 'domain', 'group', 'api-version', 'kind', 'project-name', 'image', 'helm-operator-version', 'templates', 'schema', 'repo', 'chart-version', 'username', 'ca-file'],
  boolean: ['dry-run', 'insecure-skip-tls-verify', 'plain-http', 'offline'],
  number: ['max-chart-bytes', 'max-chart-files', 'timeout-seconds'],
} as const;

/** Picks the known options out of Yeoman's option bag, by type; anything else is ignored. */
export function optionsFromYeoman(o: Readonly<Record<string, unknown>>, cwd: string): GenerateOptions {
  const out: Record<string, unknown> = { cwd };
  for (const k of STRINGS) if (typeof o[k] === 'string') out[k] = o[k];
  for (const k of BOOLEANS) out[k] = o[k] === true;
  for (const k of NUMBERS) if (typeof o[k] === 'number') out[k] = o[k];
  return out as GenerateOptions;
}

/** The chart caps from --max-chart-bytes / --max-chart-files. */
function chartLimits(s: GenerateOptions): ChartLimits {
  return { maxBytes: s.maxChartBytes ?? DEFAULT_LIMITS.maxBytes, maxFiles: s.maxChartFiles ?? DEFAULT_LIMITS.maxFiles };
}

/** What acquireChart needs, from the options. */
export function acquireOptions(s: GenerateOptions): AcquireOptions {
  return {
    limits: chartLimits(s),
    ...(s.repo !== undefined ? { repo: s.repo } : {}),
    ...(s.chartVersion !== undefined ? { version: s.chartVersion } : {}),
    remote: {
      tls: { ...(s.caFile !== undefined ? { caFile: s.caFile } : {}), ...(s.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}) },
      plainHttp: s.plainHttp === true,
      offline: s.offline === true,
      ...(s.username !== undefined ? { credentials: { username: s.username, password: s.password ?? '' } } : {}),
      ...(s.timeoutSeconds !== undefined ? { timeoutMs: s.timeoutSeconds * 1000 } : {}),
    },
  };
}
