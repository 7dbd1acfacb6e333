/**
 * .helmignore rules with Helm's own semantics (helm.sh/helm/v3/pkg/ignore): patterns without a slash
 * match the base name, patterns with one match the whole relative path, a trailing slash matches
 * directories only, `!` negates (with Helm's quirky rule order), and `templates/.?*` is always ignored.
 */

interface Rule {
  readonly negate: boolean;
  readonly mustDir: boolean;
  readonly matchPath: boolean;
  readonly regex: RegExp;
}

/** A parsed .helmignore. */
export interface HelmIgnore {
  /** True when `path` (relative, POSIX, no leading ./) should be left out of the chart. */
  ignores(path: string, isDir: boolean): boolean;
}

/** Converts a Go filepath.Match pattern to an anchored RegExp. */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) out += escapeRegExp(pattern[++i]!);
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) { out += '\\['; continue; }
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('^')) body = '^' + body.slice(1).replace(/\\/g, '\\\\');
      else body = body.replace(/\\/g, '\\\\');
      out += `[${body}]`;
      i = end;
    } else out += escapeRegExp(c);
  }
  return new RegExp(`^${out}$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function parseRule(line: string): Rule | undefined {
  let p = line.trim();
  if (p === '' || p.startsWith('#')) return undefined;
  if (p === '!' || p === '/') return undefined;
  const negate = p.startsWith('!');
  if (negate) p = p.slice(1);
  const mustDir = p.endsWith('/');
  if (mustDir) p = p.replace(/\/+$/, '');
  p = p.replace(/^\/+/, '');
  if (p === '') return undefined;
  return { negate, mustDir, matchPath: p.includes('/'), regex: globToRegExp(p) };
}

/** Parses .helmignore text and adds Helm's default rule. */
export function parseHelmIgnore(text: string): HelmIgnore {
  const rules = [...text.split(/\r?\n/), 'templates/.?*'].map(parseRule).filter((r): r is Rule => r !== undefined);
  const matches = (rule: Rule, path: string): boolean => {
    const subject = rule.matchPath ? path : path.slice(path.lastIndexOf('/') + 1);
    return rule.regex.test(subject);
  };
  return {
    ignores(path: string, isDir: boolean): boolean {
      if (path === '' || path === '.') return false;
      for (const rule of rules) {
        if (rule.negate) {
          if (rule.mustDir && !isDir) return true;
          if (!matches(rule, path)) return true;
          continue;
        }
        if (rule.mustDir && !isDir) continue;
        if (matches(rule, path)) return true;
      }
      return false;
    },
  };
}
