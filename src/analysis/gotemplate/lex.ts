/**
 * The one Go template lexer of the analyses: splits template source into literal text and `{{ }}`
 * actions, skipping strings, raw strings and comments when looking for the closing `}}`. Go's trim
 * markers (`{{- ` and ` -}}`) are applied to the neighbouring text, so that columns in the remaining
 * text are the columns Helm's output has. Comments become silent actions. Line numbers are 1-based
 * source lines. Linear on any input. The scans use indexOf and one sticky regular expression without
 * backtracking rather than a loop per character: they run as native code from the first call, which
 * matters for a command that lexes a megabyte of templates once and exits before the JIT warms up.
 */
import { memoByText } from '../../util/memo.js';

/** Literal template text. `line` is the source line of its first character. */
export interface TextToken {
  readonly type: 'text';
  readonly text: string;
  readonly line: number;
}

/** One `{{ }}` action; `expr` is the pipeline without delimiters and trim markers. */
export interface ActionToken {
  readonly type: 'action';
  readonly expr: string;
  readonly line: number;
  readonly comment: boolean;
}

export type Token = TextToken | ActionToken;

interface RawAction extends ActionToken {
  readonly trimLeft: boolean;
  readonly trimRight: boolean;
}

/**
 * Lexes template source. Never throws: an unterminated action runs to the end of the text. Results
 * are kept by text: the RBAC and the schema analyses both lex every template of the chart.
 */
export const lex: (source: string) => readonly Token[] = memoByText(lexSource);

function lexSource(source: string): Token[] {
  const raw: (TextToken | RawAction)[] = [];
  let pos = 0;
  let line = 1;
  while (pos < source.length) {
    const open = source.indexOf('{{', pos);
    const textEnd = open < 0 ? source.length : open;
    if (textEnd > pos) raw.push({ type: 'text', text: source.slice(pos, textEnd), line });
    line += countNewlines(source, pos, textEnd);
    if (open < 0) break;
    const action = readAction(source, open, line);
    raw.push(action.token);
    line += countNewlines(source, open, action.end);
    pos = action.end;
  }
  return applyTrims(raw);
}

/** The non-comment actions of a template, in order. */
export function lexActions(source: string): ActionToken[] {
  return lex(source).filter((t): t is ActionToken => t.type === 'action' && !t.comment);
}

/**
 * The value of a string literal as written in an action (double-quoted, backquoted raw or a char
 * constant): quotes removed, Go's backslash escapes decoded. An unterminated literal runs to its end.
 */
export function unquote(literal: string): string {
  const quote = literal[0];
  const body = literal.length > 1 && literal.endsWith(quote!) ? literal.slice(1, -1) : literal.slice(1);
  if (quote === '`' || !body.includes('\\')) return body;
  return body.replace(ESCAPE, (_, x?: string, u?: string, bigU?: string, octal?: string, c?: string) => {
    const hex = x ?? u ?? bigU;
    if (hex !== undefined) {
      const code = parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    }
    if (octal !== undefined) return String.fromCharCode(parseInt(octal, 8));
    return SIMPLE_ESCAPES[c!] ?? c!;
  });
}

/** Go's escapes in interpreted string literals: \xNN, \uNNNN, \UNNNNNNNN, \NNN (octal), \n and the like. */
const ESCAPE = /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{3})|(.))/gs;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' };

function readAction(source: string, open: number, line: number): { token: RawAction; end: number } {
  let i = open + 2;
  const trimLeft = source[i] === '-' && isSpace(source[i + 1]);
  if (trimLeft) i += 2;
  const bodyStart = i;
  while (i < source.length && isSpace(source[i])) i++;
  const comment = source.startsWith('/*', i);
  let close: number;
  if (comment) {
    const endComment = source.indexOf('*/', i + 2);
    close = endComment < 0 ? -1 : source.indexOf('}}', endComment + 2);
  } else {
    close = findClose(source, i);
  }
  if (close < 0) close = source.length;
  const trimRight = close >= 2 && source[close - 1] === '-' && isSpace(source[close - 2]);
  const bodyEnd = trimRight ? close - 2 : close;
  const expr = comment ? '' : source.slice(bodyStart, Math.max(bodyStart, bodyEnd)).trim();
  return { token: { type: 'action', expr, line, comment, trimLeft, trimRight }, end: Math.min(source.length, close + 2) };
}

/** A run of action text that holds no quote and no `}` (sticky: matched where findClose is). */
const PLAIN = /[^"'`}]*/y;

/**
 * A string, raw string or char constant starting at the cursor (sticky). A quoted string ends at its
 * quote or, unterminated, at the line's end; a raw string at its backquote or the end of the text.
 */
const QUOTED = /"(?:[^"\\\n]|\\[^])*(?:"|\n|\\?$)|'(?:[^'\\\n]|\\[^])*(?:'|\n|\\?$)|`[^`]*`?/y;

/**
 * Finds the `}}` that ends an action, skipping quoted strings and raw strings; -1 when there is none.
 * `test` with sticky expressions moves a cursor without allocating a match per step.
 */
function findClose(source: string, from: number): number {
  let i = from;
  while (i < source.length) {
    PLAIN.lastIndex = i;
    PLAIN.test(source);
    i = PLAIN.lastIndex;
    if (i >= source.length) break;
    if (source.charCodeAt(i) === 125) {
      if (source.charCodeAt(i + 1) === 125) return i;
      i++;
      continue;
    }
    QUOTED.lastIndex = i;
    QUOTED.test(source);
    i = QUOTED.lastIndex;
  }
  return -1;
}

function applyTrims(raw: readonly (TextToken | RawAction)[]): Token[] {
  const out: Token[] = [];
  for (let k = 0; k < raw.length; k++) {
    const token = raw[k]!;
    if (token.type === 'action') {
      out.push({ type: 'action', expr: token.expr, line: token.line, comment: token.comment });
      continue;
    }
    const before = raw[k - 1];
    const after = raw[k + 1];
    let text = token.text;
    let lineNo = token.line;
    if (before?.type === 'action' && before.trimRight) {
      let start = 0;
      while (isSpace(text[start])) start++;
      lineNo += countNewlines(text, 0, start);
      text = text.slice(start);
    }
    if (after?.type === 'action' && after.trimLeft) {
      // A loop, not /\s+$/: that regex is quadratic on long texts with many spaces (large CRDs).
      let end = text.length;
      while (end > 0 && isSpace(text[end - 1])) end--;
      text = text.slice(0, end);
    }
    if (text !== '') out.push({ type: 'text', text, line: lineNo });
  }
  return out;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Go's notion of space in templates (trim markers, around actions). */
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}
