/**
 * Checks the flags the user typed, before anything slow is loaded, so a typo fails in milliseconds
 * with one line naming the flag, the value, the rule and a good example.
 */
import { UserError } from '../diagnostics.js';
import { checkApiVersion, checkGroupAndDomain, checkKind, checkProjectName, isDns1123Subdomain } from './names.js';
import { SCHEMA_MODES, type GenerateOptions } from './types.js';

/** Docker image reference: [registry[:port]/]path[:tag][@digest], lower-case path. */
const IMAGE_REF = /^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
const IMAGE_TAG = /^[\w][\w.-]{0,127}$/;

/**
 * Throws a UserError for the first invalid flag value. (--chart-version needs semver to check:
 * checkChartVersion does that, loading it only when the flag is given.)
 */
export function checkFlags(o: GenerateOptions): void {
  const problems = [
    o.kind !== undefined ? checkKind(o.kind) : undefined,
    o.apiVersion !== undefined ? checkApiVersion(o.apiVersion) : undefined,
    o.projectName !== undefined ? checkProjectName(o.projectName) : undefined,
    o.group !== undefined ? checkGroupAndDomain(o.group, o.domain ?? 'example.com') : undefined,
    o.domain !== undefined && !isDns1123Subdomain(o.domain) ? checkGroupAndDomain('cache', o.domain) : undefined,
    o.image !== undefined && !IMAGE_REF.test(o.image)
      ? `--image "${o.image}" is invalid: must be an image reference with a lower-case name (e.g. quay.io/example/memcached-operator:v0.0.1)`
      : undefined,
    o.helmOperatorVersion !== undefined && !IMAGE_TAG.test(o.helmOperatorVersion)
      ? `--helm-operator-version "${o.helmOperatorVersion}" is invalid: must be an image tag of the helm-operator base image (e.g. v1.42.3)`
      : undefined,
    o.schema !== undefined && !SCHEMA_MODES.includes(o.schema)
      ? `--schema "${o.schema}" is invalid: must be one of ${SCHEMA_MODES.join(', ')} (e.g. auto)`
      : undefined,
    o.directory !== undefined && o.directory.trim() === '' ? 'directory "" is invalid: give a folder name (e.g. memcached-operator)' : undefined,
    ...checkChartSourceFlags(o),
  ];
  const first = problems.find((p) => p !== undefined);
  if (first) throw new UserError(first);
}

const positiveInteger = (n: number | undefined): boolean => n === undefined || (Number.isSafeInteger(n) && n > 0);

/** The flags that say where and how a chart is fetched. */
function checkChartSourceFlags(o: GenerateOptions): Array<string | undefined> {
  return [
    o.repo !== undefined && !/^https?:\/\/[^/\s]+/i.test(o.repo)
      ? `--repo "${o.repo}" is invalid: must be the http(s):// URL of a chart repository (e.g. https://charts.example.com)` : undefined,
    o.repo !== undefined && o.chart === undefined ? '--repo needs --chart naming a chart in that repository (e.g. --chart memcached)' : undefined,
    o.chartVersion !== undefined && o.chart === undefined ? '--chart-version needs --chart' : undefined,
    o.chartVersion !== undefined && o.chartVersion.trim() === '' ? '--chart-version "" is invalid: give a version or range (e.g. ^1.2)' : undefined,
    !positiveInteger(o.maxChartBytes) ? `--max-chart-bytes "${o.maxChartBytes}" is invalid: must be a positive whole number of bytes (e.g. 209715200)` : undefined,
    !positiveInteger(o.maxChartFiles) ? `--max-chart-files "${o.maxChartFiles}" is invalid: must be a positive whole number (e.g. 20000)` : undefined,
    o.timeoutSeconds !== undefined && !(Number.isFinite(o.timeoutSeconds) && o.timeoutSeconds > 0)
      ? `--timeout "${o.timeoutSeconds}" is invalid: must be a positive number of seconds (e.g. 120)` : undefined,
    o.insecureSkipTlsVerify && o.caFile !== undefined ? '--ca-file and --insecure-skip-tls-verify contradict each other: pass one' : undefined,
  ];
}

/** Splits an image reference into name and tag (`latest` when it has none). */
export function splitImage(ref: string): { name: string; tag: string } {
  const at = ref.indexOf('@');
  const withoutDigest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > withoutDigest.lastIndexOf('/')) return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
  return { name: withoutDigest, tag: 'latest' };
}

/** Checks --chart-version's Helm range syntax; semver is loaded only when the flag is given. */
export async function checkChartVersion(o: GenerateOptions): Promise<void> {
  if (o.chartVersion === undefined || o.chartVersion.trim() === '') return;
  const { parseRange } = await import('../chart/remote/versions.js');
  parseRange(o.chartVersion, '--chart-version');
}
