/**
 * What one schema build collects besides the tree: warnings for the user, the places left open
 * (for the summary) and the JSON Schema keywords left to Helm's check (for the summary, per file).
 */
import type { Warning } from '../../diagnostics.js';
import { compareStrings } from '../../util/compare.js';
import { formatPath } from './node.js';

/** Deepest nesting converted or inferred; deeper values are left open with a warning. */
export const MAX_DEPTH = 48;
/** Most schema nodes written into one CRD; beyond it subtrees are left open with a warning. */
export const MAX_NODES = 60_000;

export interface OpenPlace {
  readonly path: string;
  readonly reason: string;
}

/** JSON Schema keywords of one file that the CRD leaves to Helm's own check at reconcile. */
export interface HelmOnlyNote {
  readonly file: string;
  readonly keywords: readonly string[];
}

interface DropNote {
  count: number;
  first: string;
}

/** Mutable collector shared by the steps of one buildCrdSchema call. */
export class SchemaContext {
  readonly warnings: Warning[] = [];
  private readonly opens: { path: readonly string[]; reason: string }[] = [];
  private readonly drops = new Map<string, Map<string, DropNote>>();

  /** Records that the schema accepts anything unknown at `path`, and why. */
  open(path: readonly string[], reason: string): void {
    this.opens.push({ path: [...path], reason });
  }

  /** Takes over the open places another context recorded at or under any of `paths`. */
  adoptOpen(from: SchemaContext, paths: readonly (readonly string[])[]): void {
    const roots = new Set(paths.map(pathKey));
    for (const place of from.opens) {
      if (prefixKeys(place.path).some((k) => roots.has(k))) this.opens.push(place);
    }
  }

  warn(message: string, file?: string, line?: number): void {
    this.warnings.push({ ...(file === undefined ? {} : { file }), ...(line === undefined ? {} : { line }), message });
  }

  /** Counts a JSON Schema keyword that rejects values the CRD schema cannot carry (Helm still checks it). */
  dropped(file: string, keyword: string, path: readonly string[]): void {
    let perFile = this.drops.get(file);
    if (!perFile) this.drops.set(file, (perFile = new Map()));
    const note = perFile.get(keyword);
    if (note) note.count++;
    else perFile.set(keyword, { count: 1, first: formatPath(path) });
  }

  /**
   * The open places, outermost first. A place inside another place left open for the same reason
   * adds nothing and is left out.
   */
  openPlaces(): OpenPlace[] {
    const sorted = [...this.opens].sort((a, b) => a.path.length - b.path.length);
    const kept: { path: readonly string[]; reason: string }[] = [];
    const keys = new Set<string>();
    for (const place of sorted) {
      const covered = prefixKeys(place.path).some((k) => keys.has(`${place.reason}\u0000${k}`));
      if (covered) continue;
      keys.add(`${place.reason}\u0000${pathKey(place.path)}`);
      kept.push(place);
    }
    return kept.map((p) => ({ path: formatPath(p.path), reason: p.reason }));
  }

  /**
   * The keywords left to Helm, one entry per file in a stable order, each as
   * `keyword (n×, first at path)`.
   */
  helmOnly(): HelmOnlyNote[] {
    return [...this.drops]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([file, notes]) => ({
        file,
        keywords: [...notes].sort(([a], [b]) => compareStrings(a, b)).map(([keyword, n]) => `${keyword} (${n.count}×, first at ${n.first})`),
      }));
  }
}

const pathKey = (path: readonly string[]): string => path.join('\u0001');

/** Keys of the path and of each of its prefixes, the empty path included. */
function prefixKeys(path: readonly string[]): string[] {
  return Array.from({ length: path.length + 1 }, (_, i) => pathKey(path.slice(0, i)));
}
