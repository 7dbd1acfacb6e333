/**
 * The chart tree flattened for analysis: every chart and subchart (whatever its condition), every
 * template parsed once, and one registry of named templates shared by all of them, as in Helm.
 */
import type { Chart } from '../../chart/types.js';
import { parseTemplate, type ParsedTemplate, type Scope } from './template/scopes.js';
import { chartFileText } from '../../chart/load.js';

/** A chart or subchart and where it sits in the tree. */
export interface ChartUnit {
  readonly chart: Chart;
  /** Path of the chart's root inside the top chart ('' or charts/<dir>/...). */
  readonly prefix: string;
  /** Index of the parent unit and the key of this chart's values in the parent's values. */
  readonly parent?: { readonly unit: number; readonly valuesKey: string };
}

/** Everything the analysis reads from the chart, parsed once. */
export interface ChartModel {
  readonly units: readonly ChartUnit[];
  /** File bodies of the templates Helm renders into manifests. */
  readonly manifests: readonly Scope[];
  /** Every parsed template file (manifests and partials). */
  readonly templates: readonly ParsedTemplate[];
  /** Named templates by name; a name defined twice keeps both (either may win in Helm). */
  readonly defines: ReadonlyMap<string, readonly Scope[]>;
  /** A chart file's text by unit and chart-relative path (for `.Files.Get`). */
  fileText(unit: number, path: string): string | undefined;
  /** Chart-relative paths of a unit's files matching a `.Files.Glob` pattern. */
  glob(unit: number, pattern: string): string[];
}

/** Builds the model. Linear in the size of the chart. */
export function buildModel(top: Chart): ChartModel {
  const units: ChartUnit[] = [];
  const visit = (chart: Chart, parent?: ChartUnit['parent']): void => {
    const index = units.length;
    units.push({ chart, prefix: chart.prefix, ...(parent ? { parent } : {}) });
    for (const sub of chart.subcharts) visit(sub.chart, { unit: index, valuesKey: sub.valuesKey });
  };
  visit(top);
  const templates: ParsedTemplate[] = [];
  const manifests: Scope[] = [];
  const defines = new Map<string, Scope[]>();
  units.forEach((unit, index) => {
    for (const file of unit.chart.templates) {
      const parsed = parseTemplate(chartFileText(file), unit.prefix + file.path, index);
      templates.push(parsed);
      for (const d of parsed.defines) defines.set(d.define!, [...(defines.get(d.define!) ?? []), d]);
      if (rendersManifest(unit.chart, file.path)) manifests.push(parsed.body);
    }
  });
  const texts = units.map((u) => new Map(u.chart.files.map((f) => [f.path, f])));
  return {
    units,
    manifests,
    templates,
    defines,
    fileText: (unit, path) => {
      const file = texts[unit]?.get(path.replace(/^\.\//, ''));
      return file ? chartFileText(file) : undefined;
    },
    glob: (unit, pattern) => {
      const re = globToRegExp(pattern);
      return [...(texts[unit]?.keys() ?? [])].filter((p) => re.test(p));
    },
  };
}

/** Helm renders every file under templates/ except partials (`_*`) and NOTES.txt; library charts render nothing. */
function rendersManifest(chart: Chart, path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return chart.metadata.type !== 'library' && !base.startsWith('_') && base !== 'NOTES.txt';
}

/** Go's path.Match-style glob (`*`, `?`, `**` as used by Helm's Files.Glob) as a RegExp. */
function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
