/**
 * The chart as the engine sees it. Following Helm's loader, a chart is first a flat list of named
 * files (ChartFiles, the only thing chart I/O produces); loadChart() turns that list into a Chart.
 */

/** One file of a chart: a POSIX path relative to the chart root and its bytes. */
export interface ChartFile {
  readonly path: string;
  readonly data: Buffer;
}

/** A chart's files after .helmignore, in path order, as read from a directory or an archive. */
export interface ChartFiles {
  /** Where the files came from, for messages: a directory path, an archive path or a URL. */
  readonly origin: string;
  readonly files: readonly ChartFile[];
}

/** One entry of Chart.yaml `dependencies` (or a v1 chart's requirements.yaml). */
export interface ChartDependency {
  readonly name: string;
  readonly version?: string;
  readonly repository?: string;
  readonly alias?: string;
  readonly condition?: string;
  readonly tags?: readonly string[];
}

export interface ChartMaintainer {
  readonly name: string;
  readonly email?: string;
  readonly url?: string;
}

/** Chart.yaml, checked and typed. `raw` keeps every field as parsed. */
export interface ChartMetadata {
  readonly apiVersion: 'v1' | 'v2';
  readonly name: string;
  readonly version: string;
  readonly appVersion?: string;
  readonly description?: string;
  readonly type: 'application' | 'library';
  readonly keywords: readonly string[];
  readonly maintainers: readonly ChartMaintainer[];
  readonly home?: string;
  readonly icon?: string;
  readonly sources: readonly string[];
  readonly kubeVersion?: string;
  readonly dependencies: readonly ChartDependency[];
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A loaded chart. Subcharts come from its charts/ folder (directories and .tgz archives). */
export interface Chart {
  readonly metadata: ChartMetadata;
  /** Path of this chart's root inside the top-level chart ('' for the top level, else 'charts/<dir>/'). */
  readonly prefix: string;
  /** Every file of this chart (paths relative to this chart's root), subchart files excluded. */
  readonly files: readonly ChartFile[];
  /** templates/** files, paths relative to this chart's root. */
  readonly templates: readonly ChartFile[];
  /** crds/** files. */
  readonly crds: readonly ChartFile[];
  /** values.yaml as text ('' when absent). */
  readonly valuesText: string;
  /** values.yaml parsed the way Helm does (YAML 1.1 booleans). Always a map. */
  readonly values: Readonly<Record<string, unknown>>;
  /** values.schema.json parsed, when present. */
  readonly valuesSchema?: unknown;
  /** Subcharts, each with the key its values live under in the parent (alias or name). */
  readonly subcharts: readonly Subchart[];
}

/** A subchart and how the parent refers to it. */
export interface Subchart {
  /** Key of the subchart's values in the parent's values (the dependency alias, else its name). */
  readonly valuesKey: string;
  /** The dependency's condition (e.g. `redis-ha.enabled`), when Chart.yaml declares one. */
  readonly condition?: string;
  /** The dependency's tags, when Chart.yaml declares any. */
  readonly tags?: readonly string[];
  readonly chart: Chart;
}
