/**
 * The values each chart of a chart tree sees when Helm installs the top chart with given values, and
 * which subcharts those values enable: Helm's coalescing (chartutil.CoalesceValues) and its dependency
 * conditions and tags (chartutil.ProcessDependencies).
 */
import { isMap } from '../util/yaml.js';
import type { Chart, Subchart } from './types.js';

type Values = Readonly<Record<string, unknown>>;

/** A chart Helm renders, with what its templates see as `.Values`. */
export interface RenderedChart {
  readonly chart: Chart;
  readonly values: Values;
  /** Where its values live in the top chart's values: the subchart keys from the top (empty for the top chart). */
  readonly path: readonly string[];
}

/**
 * The top chart and every subchart Helm renders when the top chart is installed with `values` (its
 * own values.yaml unless given), parents before their subcharts. Library subcharts are included:
 * their helpers are there to be called, though Helm renders none of their other templates.
 */
export function renderedCharts(chart: Chart, values: Values = chart.values): RenderedChart[] {
  const out: RenderedChart[] = [];
  const visit = (c: Chart, own: Values, path: readonly string[]): void => {
    out.push({ chart: c, values: own, path });
    const subs = c.subcharts.map((s) => ({ s, values: subchartValues(s, own) }));
    // Conditions read the parent's values with each subchart's defaults filled in, as Helm's do.
    const coalesced = withKeys(own, subs.map(({ s, values: v }) => [s.valuesKey, v]));
    for (const { s, values: v } of subs) if (enabled(s, coalesced, values)) visit(s.chart, v, [...path, s.valuesKey]);
  };
  visit(chart, values, []);
  return out;
}

/**
 * A subchart's values: what the parent sets under its key, the parent's `global` over it, and the
 * subchart's own defaults filling in what neither sets (a null from the parent removes a default).
 */
function subchartValues(sub: Subchart, parent: Values): Values {
  const given = parent[sub.valuesKey];
  const set: Values = isMap(given) ? given : {};
  const parentGlobal = isMap(parent['global']) ? parent['global'] : {};
  const globals = coalesce(parentGlobal, isMap(set['global']) ? set['global'] : {});
  return coalesce(withKeys(set, [['global', globals]]), sub.chart.values);
}

/** `over` with `under` filling in: maps merge key by key, `over` wins, a null in `over` removes the key. */
export function coalesce(over: Values, under: Values): Values {
  const out = withKeys(over, []);
  for (const [key, value] of Object.entries(under)) {
    if (!Object.hasOwn(over, key)) define(out, key, value);
    else if (over[key] === null) delete out[key];
    else if (isMap(over[key]) && isMap(value)) define(out, key, coalesce(over[key], value));
  }
  return out;
}

/**
 * Helm's rule: tags first (any tag set true enables, else any set false disables), then the first
 * condition path whose value is a boolean decides. Enabled when neither says anything.
 */
function enabled(sub: Subchart, parent: Values, top: Values): boolean {
  for (const path of (sub.condition ?? '').split(',')) {
    const value = path.trim() === '' ? undefined : pathValue(parent, path.trim().split('.'));
    if (typeof value === 'boolean') return value;
  }
  const tags = isMap(top['tags']) ? top['tags'] : {};
  const set = (sub.tags ?? []).map((t) => (Object.hasOwn(tags, t) ? tags[t] : undefined));
  return set.includes(true) || !set.includes(false);
}

function pathValue(values: Values, path: readonly string[]): unknown {
  let v: unknown = values;
  for (const key of path) {
    if (!isMap(v) || !Object.hasOwn(v, key)) return undefined;
    v = v[key];
  }
  return v;
}

/** A copy of `values` with `extra` set; keys such as `__proto__` stay plain keys. */
function withKeys(values: Values, extra: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(values)) define(out, key, value);
  for (const [key, value] of extra) define(out, key, value);
  return out;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
