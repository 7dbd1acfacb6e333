/**
 * Finds the line of each mapping key in a values.yaml, with its path, by reading the block
 * structure line by line (the YAML parser keeps no positions). Keys inside sequences, block
 * scalars and multi-line scalars are not reported: their comments do not describe a value path.
 */

export interface KeyLine {
  readonly path: readonly string[];
  /** 0-based line number. */
  readonly line: number;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\]&*!|>%@`,?-][^#]*?|-[^\s#][^#]*?)\s*:(?:\s+(.*))?$/;

/** Every mapping key outside sequences, in file order. */
export function scanKeyLines(lines: readonly string[]): KeyLine[] {
  const out: KeyLine[] = [];
  const stack: { indent: number; key: string }[] = [];
  let skipDeeperThan: number | undefined;
  lines.forEach((raw, line) => {
    const content = raw.trimStart();
    if (content === '' || content.startsWith('#')) return;
    const indent = raw.length - content.length;
    if (skipDeeperThan !== undefined) {
      if (indent > skipDeeperThan) return;
      skipDeeperThan = undefined;
    }
    if (content === '-' || content.startsWith('- ') || content === '---' || content === '...') {
      // A sequence (or a document marker): nothing under it is described per path.
      while (stack.length > 0 && stack[stack.length - 1]!.indent > indent) stack.pop();
      skipDeeperThan = indent;
      return;
    }
    const m = KEY.exec(content);
    if (!m) {
      skipDeeperThan = indent;
      return;
    }
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const key = unquote(m[1]!);
    out.push({ path: [...stack.map((s) => s.key), key], line });
    const rest = stripComment(m[2] ?? '');
    if (rest === '' || /^[&!][^\s]*$/.test(rest)) stack.push({ indent, key });
    else skipDeeperThan = indent;
  });
  return out;
}

function unquote(key: string): string {
  if (key.startsWith('"')) {
    try {
      return JSON.parse(key) as string;
    } catch {
      return key.slice(1, -1);
    }
  }
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key.trim();
}

const QUOTE = /["']/;
/** A comment where no quotes can hide one: `#` at the start or after whitespace. */
const COMMENT = /(?:^|\s)#/;

/** The value text of a key line without a trailing comment (quotes respected). */
function stripComment(rest: string): string {
  const hash = rest.indexOf('#');
  if (hash < 0) return rest.trim();
  if (!QUOTE.test(rest)) {
    const comment = COMMENT.exec(rest);
    return (comment ? rest.slice(0, comment.index) : rest).trim();
  }
  let quote: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(rest[i - 1]!))) return rest.slice(0, i).trim();
  }
  return rest.trim();
}
