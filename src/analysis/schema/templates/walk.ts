/**
 * Follows one template's actions with Go template scoping (if/with/range/define/block … end,
 * variables) and records every `.Values` path it reads into a ValueUsage:
 * - `.Values.a.b`, `$.Values.a`, `.context.Values.a` (helpers called with a dict), `index .Values "a" "b"`;
 * - `.b` inside `with .Values.a`, `$x.b` after `$x := .Values.a` (also through `default`/`deepCopy`);
 * - a path named in an `if` test is only read; handed to anything else (include, a function,
 *   output) it is used whole; to toYaml/toJson or range it is written out as-is; in an action that
 *   calls tpl it is rendered with tpl.
 * Anything it cannot follow (dot inside range, computed keys) is simply not recorded: callers close
 * an object only on positive evidence, so what is missed here leaves schemas open, never closed.
 */
import { extractActions, type Token } from './actions.js';
import type { ValueUsage } from './usage.js';

type Binding = { readonly kind: 'ctx' } | { readonly kind: 'values'; readonly path: readonly string[] } | { readonly kind: 'unknown' };

interface Frame {
  readonly kind: string;
  dot: Binding;
  readonly outerDot: Binding;
  readonly vars: Map<string, Binding>;
  /** A define body: variables of the enclosing file are not visible. */
  readonly isolated: boolean;
}

const CTX: Binding = { kind: 'ctx' };
const UNKNOWN: Binding = { kind: 'unknown' };
/** Functions in an `if` test that hand a value on, so the value counts as used whole. */
const PASSING_FNS = new Set(['include', 'tpl', 'toYaml', 'toJson', 'toPrettyJson', 'toRawJson', 'merge', 'mergeOverwrite', 'deepCopy', 'omit', 'pick', 'fromYaml', 'template', 'dict', 'list', 'keys', 'values']);
/** Functions that write a value into the manifest as-is. */
const SERIALIZE_FNS = new Set(['toYaml', 'toJson', 'toPrettyJson', 'toRawJson']);
/** Functions that only hash what they get: a value hashed is not used by key. */
const HASH_FNS = new Set(['sha256sum', 'sha1sum', 'adler32sum']);
/** Functions that pass a single value through unchanged, for variable and `with` bindings. */
const PASSTHROUGH_FNS = new Set(['default', 'deepCopy', 'index']);
/** Empty constructors, allowed as the fallback of `default`. */
const EMPTY_FNS = new Set(['dict', 'list']);

type Use = 'test' | 'whole' | 'serialize' | 'tpl';

/** Records the value paths one template reads. */
export function walkTemplate(source: string, file: string, usage: ValueUsage): void {
  const stack: Frame[] = [{ kind: 'file', dot: CTX, outerDot: CTX, vars: new Map(), isolated: true }];
  const top = (): Frame => stack[stack.length - 1]!;
  const lookup = (name: string): Binding => {
    if (name === '$') return CTX;
    for (let i = stack.length - 1; i >= 0; i--) {
      const found = stack[i]!.vars.get(name);
      if (found) return found;
      if (stack[i]!.isolated) break;
    }
    return UNKNOWN;
  };
  const resolve = (tok: Token): readonly string[] | undefined => {
    if (tok.kind !== 'field' && tok.kind !== 'var') return undefined;
    const at = tok.chain.lastIndexOf('Values');
    if (at >= 0) return tok.chain.slice(at + 1);
    const binding = tok.kind === 'field' ? top().dot : lookup(tok.name);
    return binding.kind === 'values' ? [...binding.path, ...tok.chain] : undefined;
  };
  /** Value paths in a token list; `index X "a" "b"` extends X's path by the literal keys. */
  const refs = (tokens: readonly Token[]): (readonly string[])[] => {
    const out: (readonly string[])[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      const next = tokens[i + 1];
      if (tok.kind === 'ident' && tok.name === 'index' && next) {
        let path = resolve(next);
        if (!path) continue;
        let j = i + 2;
        for (let t = tokens[j]; t?.kind === 'string'; t = tokens[++j]) path = [...path, t.value];
        out.push(path);
        i = j - 1;
        continue;
      }
      const path = resolve(tok);
      if (path) out.push(path);
    }
    return out;
  };
  /** What a pipeline evaluates to, when it is one value (possibly through default/deepCopy/index). */
  const binding = (tokens: readonly Token[]): Binding | undefined => {
    const meaningful = tokens.filter((t) => !(t.kind === 'other' && /^[()|]$/.test(t.text)));
    const allowed = (t: Token, i: number): boolean => t.kind !== 'ident' || PASSTHROUGH_FNS.has(t.name)
      || (EMPTY_FNS.has(t.name) && meaningful[i - 1]?.kind === 'ident' && (meaningful[i - 1] as { name: string }).name === 'default');
    if (!meaningful.every(allowed)) return undefined;
    const found = refs(tokens);
    if (found.length === 1) return { kind: 'values', path: found[0]! };
    const only = meaningful.length === 1 ? meaningful[0]! : undefined;
    if (found.length === 0 && only?.kind === 'field' && only.chain.length === 0) return top().dot;
    if (found.length === 0 && only?.kind === 'var' && only.chain.length === 0) return lookup(only.name);
    return undefined;
  };
  const record = (tokens: readonly Token[], use: Use, line: number): void => {
    for (const path of refs(tokens)) {
      if (use === 'test') usage.read(path);
      else if (use === 'tpl') usage.tpl(path, { file, line });
      else usage.whole(path, { file, line }, use === 'serialize');
    }
  };
  const useOf = (tokens: readonly Token[], inTest: boolean): Use => {
    const idents = tokens.filter((t): t is Extract<Token, { kind: 'ident' }> => t.kind === 'ident').map((t) => t.name);
    if (callsTpl(tokens)) return 'tpl';
    if (idents.some((n) => HASH_FNS.has(n))) return 'test';
    if (inTest && !idents.some((n) => PASSING_FNS.has(n))) return 'test';
    return idents.some((n) => SERIALIZE_FNS.has(n)) ? 'serialize' : 'whole';
  };
  /** `with`/`else with` header: dot becomes the value when it is one; otherwise unknown. */
  const enterWith = (frame: Frame, header: readonly Token[], line: number): void => {
    const declared = declaration(header);
    const pipeline = declared ? header.slice(2) : header;
    const bound = binding(pipeline);
    if (bound?.kind === 'values') usage.read(bound.path);
    else record(pipeline, useOf(pipeline, false), line);
    frame.dot = bound ?? UNKNOWN;
    if (declared) frame.vars.set(declared, frame.dot);
  };

  for (const { tokens, line } of extractActions(source)) {
    const head = tokens[0];
    const keyword = head?.kind === 'ident' ? head.name : undefined;
    const rest = tokens.slice(1);
    const frame = top();
    if (keyword === 'end') {
      if (stack.length > 1) stack.pop();
    } else if (keyword === 'else') {
      const second = rest[0];
      frame.vars.clear();
      if (frame.kind === 'with') frame.dot = frame.outerDot;
      if (second?.kind === 'ident' && second.name === 'with') enterWith(frame, rest.slice(1), line);
      else if (second?.kind === 'ident' && second.name === 'if') record(rest.slice(1), useOf(rest.slice(1), true), line);
    } else if (keyword === 'if') {
      stack.push({ kind: 'if', dot: frame.dot, outerDot: frame.dot, vars: new Map(), isolated: false });
      declareAll(rest, top(), UNKNOWN);
      record(rest, useOf(rest, true), line);
    } else if (keyword === 'with') {
      stack.push({ kind: 'with', dot: frame.dot, outerDot: frame.dot, vars: new Map(), isolated: false });
      enterWith(top(), rest, line);
    } else if (keyword === 'range') {
      record(rest, useOf(rest, false) === 'tpl' ? 'tpl' : 'serialize', line);
      stack.push({ kind: 'range', dot: UNKNOWN, outerDot: frame.dot, vars: new Map(), isolated: false });
      declareAll(rest, top(), UNKNOWN);
    } else if (keyword === 'define' || keyword === 'block') {
      const pipeline = rest.slice(1);
      if (keyword === 'block') record(pipeline, useOf(pipeline, false), line);
      const dot = keyword === 'define' ? CTX : binding(pipeline) ?? UNKNOWN;
      stack.push({ kind: 'define', dot, outerDot: dot, vars: new Map(), isolated: true });
    } else if (keyword === 'break' || keyword === 'continue') {
      // nothing read
    } else {
      const declared = declaration(tokens) ?? declaration(tokens, '=');
      const pipeline = declared ? tokens.slice(2) : tokens;
      const bound = declared ? binding(pipeline) : undefined;
      if (bound?.kind === 'values') usage.read(bound.path);
      else record(pipeline, useOf(pipeline, false), line);
      if (declared) assign(stack, declared, bound ?? UNKNOWN, tokens[1]?.kind === 'other' && tokens[1].text === ':=');
    }
  }
}

/** `$x := …` (or `$x = …` with op `=`) → `$x`. */
function declaration(tokens: readonly Token[], op: ':=' | '=' = ':='): string | undefined {
  const [a, b] = tokens;
  return a?.kind === 'var' && a.chain.length === 0 && b?.kind === 'other' && b.text === op ? a.name : undefined;
}

/** Variables declared in a range/if header (`$i, $v := …`) shadow outer ones with an unknown value. */
function declareAll(tokens: readonly Token[], frame: Frame, value: Binding): void {
  const at = tokens.findIndex((t) => t.kind === 'other' && t.text === ':=');
  for (const tok of tokens.slice(0, Math.max(at, 0))) if (tok.kind === 'var') frame.vars.set(tok.name, value);
}

function assign(stack: Frame[], name: string, value: Binding, declare: boolean): void {
  if (!declare) {
    for (let i = stack.length - 1; i >= 0; i--) {
      if (stack[i]!.vars.has(name)) {
        stack[i]!.vars.set(name, value);
        return;
      }
      if (stack[i]!.isolated) break;
    }
  }
  stack[stack.length - 1]!.vars.set(name, value);
}

/** True when the action renders something with tpl (Helm's tpl, or a helper named like bitnami's tplvalues). */
function callsTpl(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => {
    if (t.kind === 'ident' && t.name === 'tpl') return true;
    const prev = tokens[i - 1];
    return t.kind === 'string' && prev?.kind === 'ident' && (prev.name === 'include' || prev.name === 'template') && /tpl/i.test(t.value);
  });
}
