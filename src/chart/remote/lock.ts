/**
 * Chart.lock (requirements.lock for v1 charts) as `helm dependency update` writes it, so the lock
 * agrees with what was vendored and `helm dependency build` accepts it: the digest is Helm's
 * HashReq, sha256 over Go's JSON of [Chart.yaml's dependencies, the locked ones].
 */
import { createHash } from 'node:crypto';
import { dumpYaml, isMap } from '../../util/yaml.js';

/** One locked dependency: the version that was vendored. */
export interface LockedDependency {
  readonly name: string;
  readonly repository: string;
  readonly version: string;
}

/** Go's json.Marshal escapes <, > and & (and U+2028/9); Helm's digest is over those bytes. */
function goJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Go marshals maps with sorted keys. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isMap(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  return value;
}

const text = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

/** A Chart.yaml dependency in helm's chart.Dependency field order, omitempty as Go applies it. */
function goDependency(raw: Record<string, unknown>, repositoryOverride?: string): Record<string, unknown> {
  const out: Record<string, unknown> = { name: text(raw['name']) ?? '' };
  const version = text(raw['version']);
  if (version) out['version'] = version;
  out['repository'] = repositoryOverride ?? text(raw['repository']) ?? '';
  const condition = text(raw['condition']);
  if (condition) out['condition'] = condition;
  if (Array.isArray(raw['tags']) && raw['tags'].length > 0) out['tags'] = raw['tags'].map(String);
  if (raw['enabled'] === true) out['enabled'] = true;
  if (Array.isArray(raw['import-values']) && raw['import-values'].length > 0) out['import-values'] = sortKeys(raw['import-values']);
  const alias = text(raw['alias']);
  if (alias) out['alias'] = alias;
  return out;
}

/** Helm's HashReq over the raw `dependencies` entries and the locked list. */
export function lockDigest(requested: readonly Record<string, unknown>[], locked: readonly LockedDependency[], repositoryOf: (raw: Record<string, unknown>) => string | undefined): string {
  const req = requested.map((r) => goDependency(r, repositoryOf(r)));
  const lock = locked.map((l) => ({ name: l.name, version: l.version, repository: l.repository }));
  return `sha256:${createHash('sha256').update(goJson([req, lock])).digest('hex')}`;
}

/** The lock file's text; `generated` is carried over from the chart's old lock to stay deterministic. */
export function renderLock(locked: readonly LockedDependency[], digest: string, generated: string): string {
  return dumpYaml({
    dependencies: locked.map((l) => ({ name: l.name, repository: l.repository, version: l.version })),
    digest,
    generated,
  });
}

/** The `generated` time of an existing lock, else the epoch (no clock in generated output). */
export function previousGenerated(lock: unknown): string {
  const g = isMap(lock) ? lock['generated'] : undefined;
  if (g instanceof Date) return g.toISOString();
  return typeof g === 'string' && g !== '' ? g : '1970-01-01T00:00:00Z';
}
