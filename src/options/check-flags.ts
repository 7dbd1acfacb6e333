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

/** Throws a UserError for the first invalid flag value. */
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
  ];
  const first = problems.find((p) => p !== undefined);
  if (first) throw new UserError(first);
}

/** Splits an image reference into name and tag (`latest` when it has none). */
export function splitImage(ref: string): { name: string; tag: string } {
  const at = ref.indexOf('@');
  const withoutDigest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > withoutDigest.lastIndexOf('/')) return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
  return { name: withoutDigest, tag: 'latest' };
}
