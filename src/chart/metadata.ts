/** Chart.yaml checks, with Helm's rules (pkg/chart/metadata.go) and messages that name the field. */
import { UserError } from '../diagnostics.js';
import { isMap } from '../util/yaml.js';
import type { ChartDependency, ChartMaintainer, ChartMetadata } from './types.js';

/** Masterminds/semver as Helm accepts it: optional v, 1 to 3 numbers, pre-release and build. */
const SEMVER = /^v?(0|[1-9]\d*)(\.(0|[1-9]\d*))?(\.(0|[1-9]\d*))?(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
const CHART_NAME = /^[a-zA-Z0-9._-]+$/;

function optionalString(raw: Record<string, unknown>, key: string, where: string): string | undefined {
  const v = raw[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') throw new UserError(`${where}: field "${key}" must be a string`);
  return v;
}

function stringList(raw: Record<string, unknown>, key: string, where: string): string[] {
  const v = raw[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new UserError(`${where}: field "${key}" must be a list`);
  return v.filter((x) => x !== null && x !== undefined).map(String);
}

/** Parses and checks Chart.yaml. */
export function parseChartMetadata(parsed: unknown, where: string): ChartMetadata {
  if (!isMap(parsed)) throw new UserError(`${where}: must be a YAML map with apiVersion, name and version`);
  const apiVersion = optionalString(parsed, 'apiVersion', where);
  if (apiVersion !== 'v1' && apiVersion !== 'v2') {
    throw new UserError(`${where}: apiVersion ${apiVersion === undefined ? 'is missing' : `"${apiVersion}" is unknown`}; use v2 (or v1 for old charts)`);
  }
  const name = optionalString(parsed, 'name', where);
  if (!name) throw new UserError(`${where}: field "name" is missing`);
  if (!CHART_NAME.test(name)) throw new UserError(`${where}: chart name "${name}" may only contain letters, digits, ".", "_" and "-"`);
  const version = optionalString(parsed, 'version', where);
  if (!version) throw new UserError(`${where}: field "version" is missing`);
  if (!SEMVER.test(version)) throw new UserError(`${where}: version "${version}" is not SemVer (e.g. 1.2.3)`);
  const type = optionalString(parsed, 'type', where) ?? 'application';
  if (type !== 'application' && type !== 'library') {
    throw new UserError(`${where}: type "${type}" is unknown; use application or library`);
  }
  return {
    apiVersion,
    name,
    version,
    type,
    appVersion: optionalString(parsed, 'appVersion', where),
    description: optionalString(parsed, 'description', where),
    home: optionalString(parsed, 'home', where),
    icon: optionalString(parsed, 'icon', where),
    kubeVersion: optionalString(parsed, 'kubeVersion', where),
    keywords: stringList(parsed, 'keywords', where),
    sources: stringList(parsed, 'sources', where),
    maintainers: parseMaintainers(parsed['maintainers'], where),
    dependencies: apiVersion === 'v2' ? parseDependencies(parsed, where) : [],
    raw: parsed,
  };
}

function parseMaintainers(value: unknown, where: string): ChartMaintainer[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new UserError(`${where}: field "maintainers" must be a list`);
  return value.filter(isMap).map((m) => ({
    name: optionalString(m, 'name', where) ?? '',
    ...(optionalString(m, 'email', where) ? { email: optionalString(m, 'email', where)! } : {}),
    ...(optionalString(m, 'url', where) ? { url: optionalString(m, 'url', where)! } : {}),
  })).filter((m) => m.name !== '');
}

/** Reads `dependencies` from Chart.yaml (v2) or requirements.yaml (v1). */
export function parseDependencies(parsed: unknown, where: string): ChartDependency[] {
  if (parsed === null || parsed === undefined) return [];
  if (!isMap(parsed)) throw new UserError(`${where}: must be a YAML map`);
  const list = parsed['dependencies'];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new UserError(`${where}: field "dependencies" must be a list`);
  return list.map((d, i) => {
    if (!isMap(d)) throw new UserError(`${where}: dependencies[${i}] must be a map`);
    const name = optionalString(d, 'name', where);
    if (!name) throw new UserError(`${where}: dependencies[${i}] has no name`);
    const dep: ChartDependency = {
      name,
      ...(optionalString(d, 'version', where) ? { version: optionalString(d, 'version', where)! } : {}),
      ...(optionalString(d, 'repository', where) ? { repository: optionalString(d, 'repository', where)! } : {}),
      ...(optionalString(d, 'alias', where) ? { alias: optionalString(d, 'alias', where)! } : {}),
      ...(optionalString(d, 'condition', where) ? { condition: optionalString(d, 'condition', where)! } : {}),
      ...(Array.isArray(d['tags']) ? { tags: stringList(d, 'tags', where) } : {}),
    };
    return dep;
  });
}
