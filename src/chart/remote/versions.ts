/**
 * Helm's version ranges (Masterminds/semver constraints) on top of the `semver` package: commas
 * mean AND, `||` means OR, `!=` excludes, versions like `1.2` count as `1.2.0`, and pre-releases
 * match only ranges that mention one.
 */
import semver from 'semver';
import { UserError } from '../../diagnostics.js';

interface Constraint {
  readonly range: semver.Range;
  readonly excluded: readonly string[];
  readonly allowPrerelease: boolean;
}

/** Parses a Helm range; `where` names the flag or file for the error. */
export function parseRange(text: string, where: string): Constraint[] {
  const groups = text.trim() === '' ? ['*'] : text.split('||');
  return groups.map((group) => {
    const pieces = group.split(',').map((p) => p.trim()).filter((p) => p !== '');
    const excluded = pieces.filter((p) => p.startsWith('!=')).map((p) => normalise(p.slice(2).trim()) ?? p.slice(2).trim());
    const kept = pieces.filter((p) => !p.startsWith('!='));
    const npm = kept.length === 0 ? '*' : kept.join(' ');
    let range: semver.Range;
    try {
      range = new semver.Range(npm, { loose: true });
    } catch {
      throw new UserError(`${where}: "${text}" is not a version range (e.g. 1.2.3, ^1.2, ">=1.0.0, <2.0.0")`);
    }
    return { range, excluded, allowPrerelease: /-/.test(npm.replace(/\s-\s/g, ' ')) };
  });
}

/** A version as semver sees it (`v1.2` → `1.2.0`), or undefined when it is not one. */
export function normalise(version: string): string | undefined {
  const parsed = semver.parse(version, { loose: true });
  if (parsed) return parsed.version;
  const short = /^v?(\d+)(?:\.(\d+))?$/.exec(version.trim());
  return short ? `${short[1]}.${short[2] ?? '0'}.0` : undefined;
}

/** True when `version` satisfies the range. */
export function satisfies(version: string, constraints: readonly Constraint[]): boolean {
  const v = normalise(version);
  if (!v) return false;
  return constraints.some((c) => !c.excluded.includes(v)
    && semver.satisfies(v, c.range, { includePrerelease: c.allowPrerelease }));
}

/** The highest of `versions` that satisfies `range` (all of them when it is undefined). */
export function pickHighest(versions: readonly string[], range: string | undefined, where: string): string | undefined {
  const constraints = parseRange(range ?? '', where);
  const matching = versions.filter((v) => satisfies(v, constraints));
  return matching.sort((a, b) => semver.rcompare(normalise(a)!, normalise(b)!))[0];
}
