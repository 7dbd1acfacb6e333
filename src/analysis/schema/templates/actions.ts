/**
 * A Go template's actions (found by the shared lexer), each split into tokens, enough to follow
 * how the template reads `.Values`: field chains, variables, string literals, parentheses, pipes
 * and assignments.
 */
import { lexActions, unquote } from '../../gotemplate/lex.js';
import { memoByText } from '../../../util/memo.js';

export interface Action {
  readonly tokens: readonly Token[];
  /** 1-based line of the action's start. */
  readonly line: number;
}

export type Token =
  | { readonly kind: 'field'; readonly chain: readonly string[] } // `.a.b` (empty chain: `.`)
  | { readonly kind: 'var'; readonly name: string; readonly chain: readonly string[] } // `$x.a`, `$`
  | { readonly kind: 'ident'; readonly name: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'other'; readonly text: string }; // numbers, ( ) | , := =, a chain after `)`

/** Every action in a template, in order, comments left out. */
export function extractActions(source: string): Action[] {
  return lexActions(source).map(({ expr, line }) => ({ tokens: tokensOf(expr), line }));
}

/**
 * Tokens by action text: charts repeat the same actions across templates (kube-prometheus-stack has
 * 15,538 actions, 3,486 of them distinct). Token lists are shared, so they are never modified.
 */
const tokensOf: (expr: string) => readonly Token[] = memoByText(tokenize);

// Sticky expressions, each matched at the cursor with test(): no match array per token, and they run
// as native code from the first call (a command lexes a megabyte of templates once, cold).
const SPACE = /\s+/y;
const STRING = /"(?:[^"\\]|\\.)*"?|`[^`]*`?|'(?:[^'\\]|\\.)*'?/y;
const CHAIN = /(?:\.[A-Za-z_][A-Za-z0-9_]*)+/y;
const VARIABLE = /\$[A-Za-z0-9_]*/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[-+]?[0-9][0-9a-zA-Z_.+-]*/y;

/** The end of `re`'s match at `at`, or -1. */
function matchEnd(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : -1;
}

const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Tokens of one action's text: strings, field chains (`.a.b`; after `)` a chain is `other`), the lone
 * dot, variables with their chain, identifiers, `:=`, numbers, and any other character on its own.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const other = (from: number, to: number): void => { tokens.push({ kind: 'other', text: text.slice(from, to) }); };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c > 126) {
      const end = matchEnd(SPACE, text, i);
      if (end > i) { i = end; continue; }
    }
    let end: number;
    if (c === 34 || c === 39 || c === 96) { // " ' `
      end = matchEnd(STRING, text, i);
      tokens.push({ kind: 'string', value: unquote(text.slice(i, end)) });
    } else if (c === 46) { // .
      end = matchEnd(CHAIN, text, i);
      if (end > 0) {
        if (text.charCodeAt(i - 1) === 41) other(i, end); // after `)`: a field of an expression's result
        else tokens.push({ kind: 'field', chain: text.slice(i + 1, end).split('.') });
      } else {
        end = i + 1;
        if (isDigit(text.charCodeAt(i + 1))) other(i, end);
        else tokens.push({ kind: 'field', chain: [] });
      }
    } else if (c === 36) { // $
      const nameEnd = matchEnd(VARIABLE, text, i);
      end = matchEnd(CHAIN, text, nameEnd);
      if (end < 0) end = nameEnd;
      tokens.push({ kind: 'var', name: text.slice(i, nameEnd), chain: end > nameEnd ? text.slice(nameEnd + 1, end).split('.') : [] });
    } else if (isIdentStart(c)) {
      end = matchEnd(IDENT, text, i);
      tokens.push({ kind: 'ident', name: text.slice(i, end) });
    } else if (c === 58 && text.charCodeAt(i + 1) === 61) { // :=
      end = i + 2;
      other(i, end);
    } else {
      end = c === 43 || c === 45 || isDigit(c) ? matchEnd(NUMBER, text, i) : -1;
      if (end < 0) end = i + 1;
      other(i, end);
    }
    i = end;
  }
  return tokens;
}
