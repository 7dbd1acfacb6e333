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

/** Splits tokens into printed lines. Blank lines are kept out. */
export function printedLines(tokens: readonly Token[]): Line[] {
  const out: Line[] = [];
  let parts: Part[] = [];
  let start = 0;
  let nindent: number | undefined;
  const flush = (): void => {
    if (parts.some((p) => !('text' in p) || p.text.trim() !== '')) {
      out.push(nindent === undefined ? { parts, line: start } : { parts, line: start, nindent });
    }
    parts = [];
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
      const n = /\|\s*nindent\s+(\d+)/.exec(token.expr);
      if (n) {
        flush();
        nindent = Number(n[1]);
      }
      if (start === 0) start = token.line;
      parts.push({ action: token });
      continue;
    }
    const pieces = token.text.split('\n');
    pieces.forEach((piece, i) => {
      if (i > 0) flush();
      if (piece === '') return;
      if (start === 0) start = token.line + i;
      parts.push({ text: piece });
    });
  }
  flush();
  return out;
}

function onlyActions(parts: readonly Part[]): boolean {
  return parts.some((p) => !('text' in p)) && parts.every((p) => !('text' in p) || p.text.trim() === '');
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
  const actions = parts.flatMap((p) => ('text' in p ? [] : [p.action]));
  const blank = parts.every((p) => !('text' in p) || p.text.trim() === '');
  return actions.length === 1 && blank ? actions[0] : undefined;
}
