/**
 * Turns a chart's file list into a typed Chart, as Helm's loader does: Chart.yaml (or a v1 chart's
 * requirements.yaml for dependencies), values.yaml, values.schema.json, templates/, crds/ and the
 * subcharts under charts/ (folders and .tgz archives). Every check names the file it failed on.
 */
import { UserError } from '../diagnostics.js';
import { isMap, parseHelmYaml } from '../util/yaml.js';
import { compareStrings } from '../util/compare.js';
import { DEFAULT_LIMITS, type ChartLimits } from './limits.js';
import { parseChartMetadata, parseDependencies } from './metadata.js';
import { stripTopFolder } from './read.js';
import { readTarGz } from './tar.js';
import type { Chart, ChartFile, ChartFiles, ChartDependency, Subchart } from './types.js';

/** Loads a chart from its files. `prefix` locates a subchart inside the top chart, for messages. */
export function loadChart(source: ChartFiles, limits: ChartLimits = DEFAULT_LIMITS, prefix = ''): Chart {
  const own: ChartFile[] = [];
  const subDirs = new Map<string, ChartFile[]>();
  const subArchives: ChartFile[] = [];
  for (const file of source.files) {
    const m = /^charts\/([^/]+)\/(.+)$/.exec(file.path);
    if (m) {
      const list = subDirs.get(m[1]!) ?? [];
      list.push({ path: m[2]!, data: file.data });
      subDirs.set(m[1]!, list);
    } else if (/^charts\/[^/]+\.tgz$/.test(file.path)) {
      subArchives.push(file);
    } else {
      own.push(file);
    }
  }
  const where = (path: string): string => `${describeOrigin(source.origin)}${prefix}${path}`;
  const byPath = new Map(own.map((f) => [f.path, f]));
  const chartYaml = byPath.get('Chart.yaml');
  if (!chartYaml) {
    throw new UserError(`${where('Chart.yaml')}: missing; this is not a Helm chart`, { hint: 'point --chart at the folder that holds Chart.yaml' });
  }
  const text = (f: ChartFile): string => decodeUtf8(f, where(f.path));
  const metadata = parseChartMetadata(parseHelmYaml(text(chartYaml), where('Chart.yaml')), where('Chart.yaml'));
  const requirements = byPath.get('requirements.yaml');
  const dependencies: readonly ChartDependency[] = metadata.apiVersion === 'v1' && requirements
    ? parseDependencies(parseHelmYaml(text(requirements), where('requirements.yaml')), where('requirements.yaml'))
    : metadata.dependencies;

  const valuesFile = byPath.get('values.yaml');
  const valuesText = valuesFile ? text(valuesFile) : '';
  const parsedValues = valuesText.trim() === '' ? {} : parseHelmYaml(valuesText, where('values.yaml'));
  if (!isMap(parsedValues ?? {})) {
    throw new UserError(`${where('values.yaml')}: must be a map of values, not ${Array.isArray(parsedValues) ? 'a list' : typeof parsedValues}`);
  }
  const schemaFile = byPath.get('values.schema.json');
  let valuesSchema: unknown;
  if (schemaFile) {
    try {
      valuesSchema = JSON.parse(text(schemaFile));
    } catch (error) {
      throw new UserError(`${where('values.schema.json')}: invalid JSON: ${(error as Error).message}`);
    }
  }
  const templates = own.filter((f) => f.path.startsWith('templates/'));
  for (const t of templates) text(t);
  const subcharts: Subchart[] = [];
  const addSubchart = (chart: Chart): void => {
    const deps = dependencies.filter((d) => d.name === chart.metadata.name);
    if (deps.length === 0) {
      subcharts.push({ valuesKey: chart.metadata.name, chart });
      return;
    }
    for (const dep of deps) {
      subcharts.push({
        valuesKey: dep.alias ?? dep.name,
        ...(dep.condition ? { condition: dep.condition } : {}),
        ...(dep.tags && dep.tags.length > 0 ? { tags: dep.tags } : {}),
        chart,
      });
    }
  };
  for (const [dir, files] of [...subDirs].sort(([a], [b]) => compareStrings(a, b))) {
    addSubchart(loadChart({ origin: source.origin, files }, limits, `${prefix}charts/${dir}/`));
  }
  for (const archive of subArchives) {
    const inner = stripTopFolder(where(archive.path), readTarGz(where(archive.path), archive.data, limits));
    addSubchart(loadChart({ origin: source.origin, files: inner }, limits, `${prefix}${archive.path}/`));
  }
  subcharts.sort((a, b) => compareStrings(a.valuesKey, b.valuesKey));
  return Object.freeze({
    metadata: { ...metadata, dependencies },
    prefix,
    files: own,
    templates,
    crds: own.filter((f) => f.path.startsWith('crds/')),
    valuesText,
    values: (parsedValues ?? {}) as Record<string, unknown>,
    ...(valuesSchema === undefined ? {} : { valuesSchema }),
    subcharts,
  });
}

function describeOrigin(origin: string): string {
  return origin.endsWith('/') ? origin : `${origin}/`;
}

/** Dependencies Chart.yaml (or requirements.yaml) lists that charts/ does not hold. */
export function missingDependencies(chart: Chart): ChartDependency[] {
  const present = new Set(chart.subcharts.map((s) => s.chart.metadata.name));
  return chart.metadata.dependencies.filter((d) => !present.has(d.name));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

const texts = new WeakMap<ChartFile, string>();

/**
 * A chart file's bytes as text, decoded once per file: the RBAC and schema analyses both read every
 * template (and share the lexed result by text, see analysis/gotemplate/lex.ts).
 */
export function chartFileText(file: ChartFile): string {
  let text = texts.get(file);
  if (text === undefined) {
    text = file.data.toString('utf8');
    texts.set(file, text);
  }
  return text;
}

/** Decodes a chart text file, refusing bytes that are not UTF-8 (Helm would mangle them). */
export function decodeUtf8(file: ChartFile, where: string): string {
  try {
    return utf8.decode(file.data).replace(/^\uFEFF/, '');
  } catch {
    throw new UserError(`${where}: not UTF-8 text; re-save the file as UTF-8`);
  }
}
