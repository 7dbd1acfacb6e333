/**
 * A template file split the way Go's parser splits it: the file's own body and its `define` blocks,
 * each a separate scope (variables do not cross scopes). `block "x" .` is a define plus a call.
 */
import { actionKind, definedName } from './expr.js';
import { lex, type ActionToken, type Token } from '../../gotemplate/lex.js';

/** A run of template tokens with its own variables: a file body or one define. */
export interface Scope {
  /** Path of the template file relative to the top chart (subcharts as charts/<name>/...). */
  readonly file: string;
  /** Index of the chart unit the file belongs to (for `.Values`). */
  readonly unit: number;
  readonly tokens: readonly Token[];
  /** The define's name; absent for a file body. */
  readonly define?: string;
  /** Source line of the define action (1 for a file body). */
  readonly line: number;
}

/** A parsed template file: its body and the named templates it defines. */
export interface ParsedTemplate {
  readonly body: Scope;
  readonly defines: readonly Scope[];
}

const OPENERS = new Set(['if', 'range', 'with', 'define', 'block']);

/** Tokenises a template file and separates its defines. */
export function parseTemplate(source: string, file: string, unit: number): ParsedTemplate {
  const body: Token[] = [];
  const defines: Scope[] = [];
  let open: { name: string; line: number; tokens: Token[]; depth: number } | undefined;
  let depth = 0;
  for (const token of lex(source)) {
    const kind = token.type === 'action' && !token.comment ? actionKind(token.expr) : undefined;
    const name = kind === 'define' || kind === 'block' ? definedName((token as ActionToken).expr) : undefined;
    if (!open && name !== undefined) {
      open = { name, line: token.line, tokens: [], depth };
      if (kind === 'block') body.push({ ...(token as ActionToken), expr: `template ${(token as ActionToken).expr.slice(5).trim()}` });
      depth++;
      continue;
    }
    if (kind && OPENERS.has(kind)) depth++;
    if (kind === 'end') {
      depth--;
      if (open && depth === open.depth) {
        defines.push({ file, unit, tokens: open.tokens, define: open.name, line: open.line });
        open = undefined;
        continue;
      }
    }
    (open ? open.tokens : body).push(token);
  }
  if (open) defines.push({ file, unit, tokens: open.tokens, define: open.name, line: open.line });
  return { body: { file, unit, tokens: body, line: 1 }, defines };
}
