/**
 * Flattens a manifest template into YAML documents: printed lines of every branch, with named
 * templates and chart files that are printed at the top level (`{{ include "x" . }}` at column 0,
 * `{{ .Files.Get "conf/crd.yaml" }}`) spliced in, split on `---`. Memoised and cycle-safe.
 */
import type { Warning } from '../../diagnostics.js';
import type { ChartModel } from './model.js';
import { includedNames, pipedIndent, stringLiterals } from './template/expr.js';
import { lineIndent, partsAfter, printedLines, soleAction, type Line, type Part } from './template/lines.js';
import { parseTemplate, type Scope } from './template/scopes.js';
import type { ActionToken } from '../gotemplate/lex.js';

/** A printed line with the scope (file or define) it comes from. */
export interface DocLine extends Line {
  readonly indent: number;
  readonly scope: Scope;
}

/** One YAML document a manifest template can print, all branches at once. */
export interface Doc {
  /** The manifest template (file body) the document belongs to. */
  readonly manifest: Scope;
  readonly lines: readonly DocLine[];
}

type Flat = DocLine | 'sep';

const SEPARATOR = /^---[ \t]*(#.*)?/;

/** Splits manifests into documents, splicing top-level includes and chart files. */
export class DocumentWalker {
  private readonly memo = new Map<Scope, readonly Flat[]>();
  private readonly active = new Set<Scope>();
  private readonly fileScopes = new Map<string, Scope>();

  constructor(private readonly model: ChartModel) {}

  /** The documents of one manifest template. */
  documents(manifest: Scope): Doc[] {
    const docs: Doc[] = [];
    let lines: DocLine[] = [];
    for (const item of this.flatten(manifest)) {
      if (item === 'sep') {
        if (lines.length > 0) docs.push({ manifest, lines });
        lines = [];
      } else {
        lines.push(item);
      }
    }
    if (lines.length > 0) docs.push({ manifest, lines });
    return docs;
  }

  /** The printed lines of a scope with top-level splices resolved. */
  flatten(scope: Scope): readonly Flat[] {
    const cached = this.memo.get(scope);
    if (cached) return cached;
    if (this.active.has(scope)) return [];
    this.active.add(scope);
    const out: Flat[] = [];
    for (const line of printedLines(scope.tokens)) this.addLine(out, line, scope);
    this.active.delete(scope);
    this.memo.set(scope, out);
    return out;
  }

  private addLine(out: Flat[], line: Line, scope: Scope): void {
    const head = line.parts[0];
    const afterSep = head && 'text' in head && head.text.startsWith('---') ? partsAfter(line, SEPARATOR) : undefined;
    if (afterSep) {
      out.push('sep');
      if (afterSep.length > 0) this.addLine(out, { parts: afterSep, line: line.line }, scope);
      return;
    }
    if (head && 'text' in head && isComment(head.text)) return;
    const indent = lineIndent(line);
    out.push({ parts: line.parts, line: line.line, nindent: line.nindent, indent, scope });
    const action = indent === 0 ? soleAction(line.parts) : undefined;
    if (action && pipedIndent(action.expr) === 0) {
      for (const spliced of this.splices(action, scope)) out.push(...this.flatten(spliced));
    }
  }

  /** Scopes printed in place of a top-level action: named templates and chart files. */
  private splices(action: ActionToken, scope: Scope): Scope[] {
    const out: Scope[] = [];
    for (const name of includedNames(action.expr)) out.push(...(this.model.defines.get(name) ?? []));
    if (/\.Files\.Get\b/.test(action.expr) && !/\b(b64enc|toJson|quote|AsConfig|AsSecrets|sha256sum)\b/.test(action.expr)) {
      const templated = /\btpl\b/.test(action.expr);
      for (const path of this.filesRead(action.expr, scope)) {
        const file = this.fileScope(scope.unit, path, templated);
        if (file) out.push(file);
      }
    }
    return out;
  }

  /** Paths a `.Files.Get` reads: its literal argument, else every `.Files.Glob` pattern of the scope. */
  private filesRead(expr: string, scope: Scope): string[] {
    const literal = /\.Files\.Get\s+"([^"]+)"/.exec(expr)?.[1];
    if (literal) return [literal];
    const patterns = scope.tokens.flatMap((t) =>
      t.type === 'action' && /\.Files\.Glob\b/.test(t.expr) ? stringLiterals(t.expr) : []);
    return [...new Set(patterns.flatMap((p) => this.model.glob(scope.unit, p)))];
  }

  /** A chart file as printed: rendered as a template only when it goes through `tpl`. */
  private fileScope(unit: number, path: string, templated: boolean): Scope | undefined {
    const key = `${unit}:${templated}:${path}`;
    const cached = this.fileScopes.get(key);
    if (cached) return cached;
    const text = this.model.fileText(unit, path);
    if (text === undefined) return undefined;
    const file = this.model.units[unit]!.prefix + path;
    const scope = templated ? parseTemplate(text, file, unit).body : { file, unit, line: 1, tokens: [{ type: 'text' as const, text, line: 1 }] };
    this.fileScopes.set(key, scope);
    return scope;
  }
}

/** A YAML comment line (`# ...`): it never holds an object's fields. */
function isComment(text: string): boolean {
  let i = 0;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return text.charCodeAt(i) === 35;
}

/** A warning pointing at a printed line's template file and source line. */
export function warningAt(line: DocLine, message: string): Warning {
  return { file: line.scope.file, line: line.line, message };
}

const fieldPatterns = new Map<string, RegExp>();

/** The parts after `key:` (a regex source) on a line, optionally written as a list item `- key:`. */
export function fieldValue(line: DocLine, key: string, item = false): Part[] | undefined {
  const id = `${item}:${key}`;
  let re = fieldPatterns.get(id);
  if (!re) {
    re = new RegExp(`^[ \\t]*${item ? '(?:-[ \\t]+)?' : ''}["']?${key}["']?[ \\t]*:(?=\\s|$)[ \\t]*`);
    fieldPatterns.set(id, re);
  }
  return partsAfter(line, re);
}
