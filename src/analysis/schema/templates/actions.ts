/**
 * A Go template's actions (found by the shared lexer), each split into tokens, enough to follow
 * how the template reads `.Values`: field chains, variables, string literals, parentheses, pipes
 * and assignments.
 */
import { lexActions, unquote } from '../../gotemplate/lex.js';

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
  return lexActions(source).map(({ expr, line }) => ({ tokens: tokenize(expr), line }));
}

/**
 * One token per match, by group: 1 string, 2 field chain, 3 lone dot, 4+5 variable and its chain,
 * 6 identifier, 7 `:=`, 8 number, 9 any other character. Whitespace matches no group.
 */
const TOKEN = /\s+|("(?:[^"\\]|\\.)*"?|`[^`]*`?|'(?:[^'\\]|\\.)*'?)|((?:\.[A-Za-z_][A-Za-z0-9_]*)+)|(\.)(?![0-9])|(\$[A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)|([A-Za-z_][A-Za-z0-9_]*)|(:=)|([-+]?[0-9][0-9a-zA-Z_.+-]*)|([\s\S])/gy;

/** Tokens of one action's text. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m && m[0] !== ''; m = TOKEN.exec(text)) {
    const [, str, chain, dot, variable, varChain, ident, assign, num, other] = m;
    if (str !== undefined) tokens.push({ kind: 'string', value: unquote(str) });
    else if (chain !== undefined) {
      const afterExpr = text[m.index - 1] === ')';
      tokens.push(afterExpr ? { kind: 'other', text: chain } : { kind: 'field', chain: chain.slice(1).split('.') });
    } else if (dot !== undefined) tokens.push({ kind: 'field', chain: [] });
    else if (variable !== undefined) tokens.push({ kind: 'var', name: variable, chain: varChain ? varChain.slice(1).split('.') : [] });
    else if (ident !== undefined) tokens.push({ kind: 'ident', name: ident });
    else if (assign !== undefined || num !== undefined || other !== undefined) tokens.push({ kind: 'other', text: (assign ?? num ?? other)! });
  }
  return tokens;
}
