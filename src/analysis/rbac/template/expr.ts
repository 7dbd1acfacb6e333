/**
 * Reading Go template pipelines without evaluating them: which keyword an action starts with, which
 * string literals, named templates, `.Values` paths and variables it mentions.
 */
import { unquote } from '../../gotemplate/lex.js';
import { memoByText } from '../../../util/memo.js';

/** What an action does to the output: `value` actions print something, all others print nothing. */
export type ActionKind =
  | 'if' | 'else' | 'end' | 'range' | 'with' | 'define' | 'block' | 'template'
  | 'control' | 'assign' | 'value';

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'block', 'template']);

/** Classifies an action by its first word (remembered: every analysis pass asks again for each action). */
export const actionKind: (expr: string) => ActionKind = memoByText(classify);

function classify(expr: string): ActionKind {
  const word = /^[a-z]+/.exec(expr)?.[0] ?? '';
  if (KEYWORDS.has(word) && (expr.length === word.length || /[\s(]/.test(expr[word.length]!))) return word as ActionKind;
  if (word === 'break' || word === 'continue') return 'control';
  if (/^\$[\w]*(\s*,\s*\$[\w]*)?\s*:?=[^=]/.test(expr)) return 'assign';
  return 'value';
}

/** True for actions that never print: control structure, comments and variable assignments. */
export function isSilent(expr: string, comment: boolean): boolean {
  if (comment || expr === '') return true;
  const kind = actionKind(expr);
  return kind !== 'value' && kind !== 'template';
}

/** A plain YAML scalar as written: trailing comment dropped, surrounding quotes removed. */
export function yamlScalar(text: string): string {
  return text.replace(/(^|\s+)#.*$/, '').trim().replace(/^(["'])(.*)\1$/, '$2');
}

/** Every double-quoted or backquoted string literal in the pipeline, unescaped. */
export function stringLiterals(expr: string): string[] {
  const out: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"|`[^`]*`/g;
  for (let m = re.exec(expr); m; m = re.exec(expr)) {
    out.push(unquote(m[0]));
  }
  return out;
}

/** Names passed literally to `include`, `template` or `block` in the pipeline. */
export function includedNames(expr: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[\s(|])(?:include|template|block)\s+"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(expr); m; m = re.exec(expr)) out.push(m[1]!);
  return out;
}

/** The name a `define` or `block` action declares. */
export function definedName(expr: string): string | undefined {
  return /^(?:define|block)\s+"((?:[^"\\]|\\.)*)"/.exec(expr)?.[1];
}

/** Dotted paths under `.Values` (or `$.Values`), e.g. `master.kind`. */
export function valuesPaths(expr: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[^\w.$])\$?\.Values((?:\.[\w-]+)+)/g;
  for (let m = re.exec(expr); m; m = re.exec(expr)) out.push(m[1]!.slice(1));
  return out;
}

/** A variable reference with the fields read from it: `$route.kind` gives {name: 'route', fields: ['kind']}. */
export interface VariableRef {
  readonly name: string;
  readonly fields: readonly string[];
}

/** Variables the pipeline reads (not `$` itself, not `$.Values`). */
export function variableRefs(expr: string): VariableRef[] {
  const out: VariableRef[] = [];
  const re = /\$(\w+)((?:\.\w+)*)/g;
  for (let m = re.exec(expr); m; m = re.exec(expr)) {
    out.push({ name: m[1]!, fields: m[2] ? m[2].slice(1).split('.') : [] });
  }
  return out;
}

/** Fields read from the dot (`.kind`, `.route.kind`), excluding Helm's built-in objects. */
export function dotFieldRefs(expr: string): string[][] {
  const out: string[][] = [];
  const re = /(?:^|[\s(|])\.(\w+(?:\.\w+)*)/g;
  for (let m = re.exec(expr); m; m = re.exec(expr)) {
    const fields = m[1]!.split('.');
    if (!BUILTIN_OBJECTS.has(fields[0]!)) out.push(fields);
  }
  return out;
}

const BUILTIN_OBJECTS = new Set(['Values', 'Release', 'Chart', 'Capabilities', 'Files', 'Template', 'Subcharts']);

/** `$x := expr` or `$x = expr`: the variable and the right-hand side. */
export function assignment(expr: string): { name: string; rhs: string } | undefined {
  const m = /^\$(\w+)\s*:?=\s*([\s\S]*)$/.exec(expr);
  return m ? { name: m[1]!, rhs: m[2]! } : undefined;
}

/** Variables a `range`/`with` declares: `range $i, $v := .Values.x` gives i, v and the ranged pipeline. */
export function rangeAssignment(expr: string): { names: string[]; rhs: string } | undefined {
  const m = /^(?:range|with)\s+\$(\w+)(?:\s*,\s*\$(\w+))?\s*:=\s*([\s\S]*)$/.exec(expr);
  if (!m) return undefined;
  return { names: m[2] ? [m[1]!, m[2]] : [m[1]!], rhs: m[3]! };
}

/** How far the pipeline indents its output (`indent N` / `nindent N`); 0 when it does not. */
export function pipedIndent(expr: string): number {
  const m = /\|\s*n?indent\s+(\d+)\s*\)?\s*(?:\|[^|]*)*$/.exec(expr);
  return m ? Number(m[1]) : 0;
}
