/**
 * The printed lines of a token stream: text split at newlines, with the actions that print something
 * kept in place and silent actions (control flow, comments, assignments) dropped. Every branch of every
 * `if`/`with`/`range` is kept, which is what "everything the chart can emit" needs.
 */
import { actionKind, isSilent, type ActionKind } from './expr.js';
import type { ActionToken, Token } from '../../gotemplate/lex.js';

const BRANCHES = new Set<ActionKind>(['if', 'else', 'end', 'range', 'with']);

/** A piece of a printed line: literal text or an action that prints. */
export type Part = { readonly text: string } | { readonly action: ActionToken };

/** One printed line and the source line it starts on. */
export interface Line {
  readonly parts: readonly Part[];
  readonly line: number;
  /** Set when the line starts with an action piped through `nindent N`: the column it prints at. */
  readonly nindent?: number;
}

const NON_BLANK = /\S/;

/** True when a part prints something other than whitespace. */
function printsSomething(part: Part): boolean {
  return !('text' in part) || NON_BLANK.test(part.text);
}

/**
 * Splits tokens into printed lines. Blank lines are kept out. This runs over every line of every
 * template, so it avoids per-line closures and temporary arrays.
 */
export function printedLines(tokens: readonly Token[]): Line[] {
  const out: Line[] = [];
  let parts: Part[] = [];
  let start = 0;
  let nindent: number | undefined;
  const flush = (): void => {
    let keep = false;
    for (const p of parts) if (printsSomething(p)) { keep = true; break; }
    if (keep) out.push(nindent === undefined ? { parts, line: start } : { parts, line: start, nindent });
    if (parts.length > 0) parts = [];
    start = 0;
    nindent = undefined;
  };
  for (const token of tokens) {
    if (token.type === 'action') {
      if (isSilent(token.expr, token.comment)) {
        // Printed actions before a branch boundary, with no text yet, belong to another branch than
        // the text that follows it: keep them on a line of their own so that text keeps its column.
        if (!token.comment && BRANCHES.has(actionKind(token.expr)) && onlyActions(parts)) flush();
        continue;
      }
      // `nindent` prints a newline first: the output continues on a new line at that column.
      const n = token.expr.includes('nindent') ? /\|\s*nindent\s+(\d+)/.exec(token.expr) : null;
      if (n) {
        flush();
        nindent = Number(n[1]);
      }
      if (start === 0) start = token.line;
      parts.push({ action: token });
      continue;
    }
    const text = token.text;
    for (let from = 0, i = 0; ; i++) {
      const newline = text.indexOf('\n', from);
      if (i > 0) flush();
      const end = newline < 0 ? text.length : newline;
      if (end > from) {
        if (start === 0) start = token.line + i;
        parts.push({ text: from === 0 && end === text.length ? text : text.slice(from, end) });
      }
      if (newline < 0) break;
      from = newline + 1;
    }
  }
  flush();
  return out;
}

function onlyActions(parts: readonly Part[]): boolean {
  let action = false;
  for (const p of parts) {
    if (!('text' in p)) action = true;
    else if (NON_BLANK.test(p.text)) return false;
  }
  return action;
}

/** Column of the first printed character, counting actions as printing at their position. */
export function lineIndent(line: Line): number {
  if (line.nindent !== undefined) return line.nindent;
  let col = 0;
  for (const part of line.parts) {
    if (!('text' in part)) return col;
    let lead = 0;
    while (part.text.charCodeAt(lead) === 32 || part.text.charCodeAt(lead) === 9) lead++;
    if (lead < part.text.length) return col + lead;
    col += part.text.length;
  }
  return col;
}

/** The line's text with actions replaced by `placeholder` (default: dropped). */
export function lineText(line: Line, placeholder = ''): string {
  return line.parts.map((p) => ('text' in p ? p.text : placeholder)).join('');
}

/** The actions printed on the line. */
export function lineActions(line: Line): ActionToken[] {
  return line.parts.flatMap((p) => ('text' in p ? [] : [p.action]));
}

/** The parts after the first occurrence of `marker` in the line's leading text. */
export function partsAfter(line: Line, marker: RegExp): Part[] | undefined {
  const first = line.parts[0];
  if (!first || !('text' in first)) return undefined;
  const m = marker.exec(first.text);
  if (!m || m.index !== 0) return undefined;
  const rest = first.text.slice(m[0].length);
  return [...(rest === '' ? [] : [{ text: rest }]), ...line.parts.slice(1)];
}

/** The only action on a line that holds nothing else but whitespace, if any. */
export function soleAction(parts: readonly Part[]): ActionToken | undefined {
  let sole: ActionToken | undefined;
  for (const p of parts) {
    if ('text' in p) {
      if (NON_BLANK.test(p.text)) return undefined;
    } else {
      if (sole) return undefined;
      sole = p.action;
    }
  }
  return sole;
}
