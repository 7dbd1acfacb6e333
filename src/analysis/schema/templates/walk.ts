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
import { CTX, Scopes, UNKNOWN, type Binding } from './scope.js';
import type { ValueUsage } from './usage.js';

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
  const scopes = new Scopes();
  const top = () => scopes.top();
  const lookup = (name: string): Binding => scopes.lookup(name);
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
  /** Records the value paths of `tokens` as used by `use` (asked only when there are paths: most actions have none). */
  const record = (tokens: readonly Token[], useFor: () => Use, line: number): void => {
    const paths = refs(tokens);
    if (paths.length === 0) return;
    const use = useFor();
    for (const path of paths) {
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
  const enterWith = (header: readonly Token[], line: number): void => {
    const declared = declaration(header);
    const pipeline = declared ? header.slice(2) : header;
    const bound = binding(pipeline);
    if (bound?.kind === 'values') usage.read(bound.path);
    else record(pipeline, () => useOf(pipeline, false), line);
    top().dot = bound ?? UNKNOWN;
    if (declared) scopes.declare(declared, top().dot);
  };
  /** Variables declared in a range/if header (`$i, $v := …`) hold values not followed here. */
  const declareAll = (tokens: readonly Token[]): void => {
    const at = tokens.findIndex((t) => t.kind === 'other' && t.text === ':=');
    for (const tok of tokens.slice(0, Math.max(at, 0))) if (tok.kind === 'var') scopes.declare(tok.name, UNKNOWN);
  };

  for (const { tokens, line } of extractActions(source)) {
    const head = tokens[0];
    const keyword = head?.kind === 'ident' ? head.name : undefined;
    const rest = tokens.slice(1);
    if (keyword === 'end') {
      scopes.pop();
    } else if (keyword === 'else') {
      const second = rest[0];
      const frame = top();
      scopes.forgetTop();
      if (frame.kind === 'with') frame.dot = frame.outerDot;
      if (second?.kind === 'ident' && second.name === 'with') enterWith(rest.slice(1), line);
      else if (second?.kind === 'ident' && second.name === 'if') record(rest.slice(1), () => useOf(rest.slice(1), true), line);
    } else if (keyword === 'if') {
      record(rest, () => useOf(rest, true), line);
      scopes.push('if', top().dot);
      declareAll(rest);
    } else if (keyword === 'with') {
      scopes.push('with', top().dot);
      enterWith(rest, line);
    } else if (keyword === 'range') {
      record(rest, () => (useOf(rest, false) === 'tpl' ? 'tpl' : 'serialize'), line);
      scopes.push('range', UNKNOWN);
      declareAll(rest);
    } else if (keyword === 'define' || keyword === 'block') {
      const pipeline = rest.slice(1);
      if (keyword === 'block') record(pipeline, () => useOf(pipeline, false), line);
      scopes.push('define', keyword === 'define' ? CTX : binding(pipeline) ?? UNKNOWN);
    } else if (keyword === 'break' || keyword === 'continue') {
      // nothing read
    } else {
      const declared = declaration(tokens) ?? declaration(tokens, '=');
      const pipeline = declared ? tokens.slice(2) : tokens;
      const bound = declared ? binding(pipeline) : undefined;
      if (bound?.kind === 'values') usage.read(bound.path);
      else record(pipeline, () => useOf(pipeline, false), line);
      if (declared && tokens[1]?.kind === 'other' && tokens[1].text === ':=') scopes.declare(declared, bound ?? UNKNOWN);
      else if (declared) scopes.assign(declared, bound ?? UNKNOWN);
    }
  }
}

/** `$x := …` (or `$x = …` with op `=`) → `$x`. */
function declaration(tokens: readonly Token[], op: ':=' | '=' = ':='): string | undefined {
  const [a, b] = tokens;
  return a?.kind === 'var' && a.chain.length === 0 && b?.kind === 'other' && b.text === op ? a.name : undefined;
}

/** True when the action renders something with tpl (Helm's tpl, or a helper named like bitnami's tplvalues). */
function callsTpl(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => {
    if (t.kind === 'ident' && t.name === 'tpl') return true;
    const prev = tokens[i - 1];
    return t.kind === 'string' && prev?.kind === 'ident' && (prev.name === 'include' || prev.name === 'template') && /tpl/i.test(t.value);
  });
}
