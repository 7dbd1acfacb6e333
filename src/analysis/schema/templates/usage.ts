/**
 * How a chart's templates use its values, as a tree of value paths. For each path: whether it is
 * read at all, used whole (handed to toYaml, include, range, …), or handed to tpl. This is what
 * decides which inferred objects can be closed and which values the templates read that
 * values.yaml does not define.
 */
import type { Chart } from '../../../chart/types.js';
import { walkTemplate } from './walk.js';
import { chartFileText } from '../../../chart/load.js';

/** Where something was seen, for messages. */
export interface Site {
  readonly file: string;
  readonly line: number;
}

/** How the templates use the value at one path, and the paths read beneath it. */
export interface UsageNode {
  readonly children: Map<string, UsageNode>;
  whole?: Site;
  serialized?: Site;
  tpl?: Site;
}

/** The value paths a set of templates reads, and how. */
export class ValueUsage {
  private readonly root: UsageNode = { children: new Map() };

  /** Records a read of `path` (and so of every object on the way to it). */
  read(path: readonly string[]): UsageNode {
    let node = this.root;
    for (const key of path) {
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = { children: new Map() }));
      node = child;
    }
    return node;
  }

  /**
   * Records that the value at `path` is used as a whole (so unknown keys under it may matter);
   * `serialized` when it goes into a manifest as-is (toYaml, toJson, range), so the Kubernetes API
   * downstream, not the chart, decides what its contents may be.
   */
  whole(path: readonly string[], site: Site, serialized = false): void {
    const node = this.read(path);
    node.whole ??= site;
    if (serialized) node.serialized ??= site;
  }

  /** Records that the value at `path` is rendered with tpl (so it may be a string or a structure). */
  tpl(path: readonly string[], site: Site): void {
    const node = this.read(path);
    node.tpl ??= site;
    node.whole ??= site;
    node.serialized ??= site;
  }

  /**
   * The usage at `path` (undefined when nothing beneath it is read), to walk down from with
   * `children` instead of looking each path up from the root. Read-only for callers.
   */
  find(path: readonly string[]): Readonly<UsageNode> | undefined {
    let node: UsageNode | undefined = this.root;
    for (const key of path) node = node?.children.get(key);
    return node;
  }

  /** Every path read beneath `prefix`, relative to it, parents before children. */
  pathsUnder(prefix: readonly string[]): string[][] {
    const out: string[][] = [];
    const visit = (node: UsageNode, path: string[]): void => {
      for (const [key, child] of node.children) {
        out.push([...path, key]);
        visit(child, [...path, key]);
      }
    };
    const start = this.find(prefix);
    if (start) visit(start, []);
    return out;
  }
}

/** Scans a chart's templates, and those of its library subcharts (which run in its context). */
export function scanChartUsage(chart: Chart): ValueUsage {
  const usage = new ValueUsage();
  const visit = (c: Chart): void => {
    for (const file of c.templates) walkTemplate(chartFileText(file), `${c.prefix}${file.path}`, usage);
    for (const sub of c.subcharts) if (sub.chart.metadata.type === 'library') visit(sub.chart);
  };
  visit(chart);
  return usage;
}
