/**
 * Name rules, as Kubernetes and operator-sdk enforce them. Each check returns undefined when the
 * value is fine, else the one-line message the CLI prints: flag, value, rule and a good example.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const UPPER_CAMEL = /^[A-Z][A-Za-z0-9]*$/;
const API_VERSION = /^v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?$/;

/** True for a DNS-1123 subdomain (RFC 1123): dot-separated labels, at most 253 characters. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && value.split('.').every((l) => l.length <= 63 && DNS1123_LABEL.test(l));
}

function bad(flag: string, value: string, rule: string, example: string): string {
  return `${flag} "${value}" is invalid: ${rule} (e.g. ${example})`;
}

/** --kind: UpperCamel, and a DNS-1035 label once lower-cased. */
export function checkKind(kind: string): string | undefined {
  if (!UPPER_CAMEL.test(kind)) return bad('--kind', kind, 'must be UpperCamelCase letters and digits, starting with a capital', 'Memcached');
  if (kind.length > 63 || !DNS1035_LABEL.test(kind.toLowerCase())) return bad('--kind', kind, 'must be a DNS-1035 label of at most 63 characters when lower-cased', 'Memcached');
  return undefined;
}

/** --group and --domain: together `<group>.<domain>` must be a DNS-1123 subdomain. */
export function checkGroupAndDomain(group: string, domain: string): string | undefined {
  if (!isDns1123Subdomain(domain)) return bad('--domain', domain, 'must be a DNS-1123 subdomain: lower-case letters, digits, "-" and "."', 'example.com');
  if (!isDns1123Subdomain(group)) return bad('--group', group, 'must be a DNS-1123 subdomain: lower-case letters, digits, "-" and "."', 'cache');
  if (!isDns1123Subdomain(`${group}.${domain}`)) return bad('--group', group, `"${group}.${domain}" must be a DNS-1123 subdomain of at most 253 characters`, 'cache');
  return undefined;
}

/** --api-version: v1, v1alpha1, v2beta3. */
export function checkApiVersion(version: string): string | undefined {
  return API_VERSION.test(version) ? undefined : bad('--api-version', version, 'must look like v1, v1alpha1 or v2beta3', 'v1alpha1');
}

/** --project-name: a DNS-1123 label. */
export function checkProjectName(name: string): string | undefined {
  if (name.length > 63 || !DNS1123_LABEL.test(name)) {
    return bad('--project-name', name, 'must be a DNS-1123 label: at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit', 'memcached-operator');
  }
  return undefined;
}

/** Chart name → UpperCamel kind (`kube-prometheus-stack` → `KubePrometheusStack`); digits at the start are dropped. */
export function kindFromName(name: string): string {
  const camel = name
    .replace(/^[^A-Za-z]+/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return camel;
}

/** Directory name → kind: `demo-operator` → `Demo`. */
export function kindFromDirectory(dirName: string): string {
  return kindFromName(dirName.replace(/[-_.]?operator$/i, '') || dirName);
}

/** A directory base name → a DNS-1123 label usable as project name (lower-cased, invalid characters to '-'). */
export function projectNameFromDirectory(dirName: string): string {
  return dirName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
}
