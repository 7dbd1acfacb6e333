/**
 * Candidate values of a templated field (`apiVersion: {{ include "x.apiVersion" . }}`,
 * `kind: {{ .Values.kind }}`) without evaluating the template: string literals in the pipeline,
 * literals a named template can print (all branches), value defaults, schema enums, `eq` comparisons
 * against the same value anywhere in the chart, and variables traced to their assignment.
 */
import type { ChartModel } from './model.js';
import {
  assignment, dotFieldRefs, includedNames, rangeAssignment, stringLiterals, valuesPaths, variableRefs, yamlScalar,
} from './template/expr.js';
import type { Part } from './template/lines.js';
import type { Scope } from './template/scopes.js';
import { keysNamed, valueComments, valueStrings } from './values.js';

/** What is being resolved; each has its own shape of valid value. */
export type Target = 'apiVersion' | 'kind' | 'name';

const PATTERNS: Record<Target, RegExp> = {
  apiVersion: /^(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*\/)?v\d+(?:(?:alpha|beta)\d+)?$/,
  kind: /^[A-Z][A-Za-z0-9]*$/,
  name: /^(?:\*|[a-z0-9][-a-z0-9.]*(?:\/[a-z0-9*]+)?|\/[-\w/.*]*|)$/,
};

/** The outcome of resolving one field. */
export interface Resolution {
  /** Values the field can take, in the order found. */
  readonly values: readonly string[];
  /** Words from comments next to the values it reads: only a hint, the caller filters them. */
  readonly hints: readonly string[];
  /** The values/variables the field depends on (`.Values.kind`, `$route.kind`); empty when literal. */
  readonly dynamic: readonly string[];
}

interface Acc { values: Set<string>; hints: Set<string>; dynamic: Set<string> }

const MAX_DEPTH = 8;

/** Resolves template fields to candidate values. Memoised per named template. */
export class Resolver {
  private readonly defineMemo = new Map<string, Acc>();
  private eqIndex: Map<string, Set<string>> | undefined;

  constructor(private readonly model: ChartModel) {}

  /** True when the value is a valid `target` (apiVersion, Kind, or a lower-case RBAC name). */
  static valid(target: Target, value: string): boolean {
    return PATTERNS[target].test(value);
  }

  /** Resolves the value part of a YAML line (text and actions). */
  resolveParts(parts: readonly Part[], scope: Scope, target: Target): Resolution {
    const acc: Acc = { values: new Set(), hints: new Set(), dynamic: new Set() };
    const actions = parts.flatMap((p) => ('text' in p ? [] : [p.action]));
    if (actions.length === 0) {
      const text = parts.map((p) => ('text' in p ? p.text : '')).join('');
      const literal = yamlScalar(text);
      if (PATTERNS[target].test(literal)) acc.values.add(literal);
    }
    for (const action of actions) this.resolveExpr(action.expr, scope, target, acc, 0);
    return { values: [...acc.values], hints: [...acc.hints], dynamic: [...acc.dynamic] };
  }

  private resolveExpr(expr: string, scope: Scope, target: Target, acc: Acc, depth: number): void {
    if (depth > MAX_DEPTH) return;
    const names = new Set(includedNames(expr));
    for (const lit of stringLiterals(expr)) {
      if (!names.has(lit) && PATTERNS[target].test(lit) && lit !== '') acc.values.add(lit);
    }
    for (const name of names) merge(acc, this.defineValues(name, target, depth + 1));
    for (const path of valuesPaths(expr)) this.fromValues(scope.unit, path.split('.'), target, acc);
    for (const ref of variableRefs(expr)) this.fromVariable(ref.name, ref.fields, scope, target, acc, depth);
    for (const fields of dotFieldRefs(expr)) this.byFieldName(fields, scope, target, acc, `.${fields.join('.')}`);
  }

  /** Everything a named template can print that looks like a `target`, over all its definitions. */
  private defineValues(name: string, target: Target, depth: number): Acc {
    const key = `${target}\u0000${name}`;
    const cached = this.defineMemo.get(key);
    if (cached) return cached;
    const acc: Acc = { values: new Set(), hints: new Set(), dynamic: new Set() };
    this.defineMemo.set(key, acc);
    for (const scope of this.model.defines.get(name) ?? []) {
      for (const token of scope.tokens) {
        if (token.type === 'text') {
          for (const word of token.text.split(/[\s"']+/)) if (word !== '' && PATTERNS[target].test(word)) acc.values.add(word);
        } else if (!token.comment) {
          this.resolveExpr(token.expr, scope, target, acc, depth);
        }
      }
    }
    return acc;
  }

  private fromValues(unit: number, path: readonly string[], target: Target, acc: Acc): void {
    acc.dynamic.add(`.Values.${path.join('.')}`);
    for (const v of [...valueStrings(this.model, unit, path), ...this.comparedWith(unit, path)]) {
      if (v !== '' && PATTERNS[target].test(v)) acc.values.add(v);
    }
    if (target === 'kind') for (const c of valueComments(this.model, unit, path)) addWords(c, acc.hints);
  }

  /** `$v.f`: traced to `$v := .Values.x` (or `range $k, $v := .Values.x`), else guessed by field name. */
  private fromVariable(name: string, fields: readonly string[], scope: Scope, target: Target, acc: Acc, depth: number): void {
    let traced = false;
    for (const token of scope.tokens) {
      if (token.type !== 'action' || token.comment) continue;
      const a = assignment(token.expr);
      const r = a ? undefined : rangeAssignment(token.expr);
      const rhs = a?.name === name ? a.rhs : r?.names.includes(name) ? r.rhs : undefined;
      if (rhs === undefined) continue;
      traced = true;
      if (fields.length === 0 && !r) {
        this.resolveExpr(rhs, scope, target, acc, depth + 1);
        continue;
      }
      const path = /^\(?\$?\.Values((?:\.[\w-]+)+)\)?$/.exec(rhs.trim())?.[1]?.slice(1).split('.');
      const ranged = r && r.names[r.names.length - 1] === name && token.expr.startsWith('range') ? ['*'] : [];
      if (path) this.fromValues(scope.unit, [...path, ...ranged, ...fields], target, acc);
      else this.byFieldName(fields, scope, target, acc, `$${name}.${fields.join('.')}`);
    }
    if (!traced && fields.length > 0) this.byFieldName(fields, scope, target, acc, `$${name}.${fields.join('.')}`);
  }

  /** Last resort for a field read from something untraceable: every values key with that name. */
  private byFieldName(fields: readonly string[], scope: Scope, target: Target, acc: Acc, label: string): void {
    acc.dynamic.add(label);
    const last = fields[fields.length - 1];
    if (target !== 'kind' || !last) return;
    for (const text of keysNamed(this.model, scope.unit, last)) addWords(text, acc.hints);
  }

  /** Strings a value is compared with (`eq .Values.kind "Deployment"`) anywhere in the chart unit. */
  private comparedWith(unit: number, path: readonly string[]): string[] {
    this.eqIndex ??= buildEqIndex(this.model);
    return [...(this.eqIndex.get(`${unit}\u0000${path.join('.')}`) ?? [])];
  }
}

function buildEqIndex(model: ChartModel): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const re = /\b(?:eq|ne)\s+((?:"[^"]*"\s+)*)\(?\$?\.Values\.([\w.-]+)\)?((?:\s+"[^"]*")*)/g;
  for (const parsed of model.templates) {
    for (const scope of [parsed.body, ...parsed.defines]) {
      for (const token of scope.tokens) {
        if (token.type !== 'action' || !/\b(?:eq|ne)\b/.test(token.expr)) continue;
        for (let m = re.exec(token.expr); m; m = re.exec(token.expr)) {
          const key = `${scope.unit}\u0000${m[2]}`;
          const set = index.get(key) ?? new Set<string>();
          for (const lit of stringLiterals(`${m[1]} ${m[3]}`)) set.add(lit);
          index.set(key, set);
        }
      }
    }
  }
  return index;
}

function merge(into: Acc, from: Acc): void {
  for (const v of from.values) into.values.add(v);
  for (const v of from.hints) into.hints.add(v);
  for (const v of from.dynamic) into.dynamic.add(v);
}

function addWords(text: string, into: Set<string>): void {
  for (const word of text.split(/[^A-Za-z0-9]+/)) if (PATTERNS.kind.test(word)) into.add(word);
}
