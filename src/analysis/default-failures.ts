/**
 * The `fail` and `required` calls a chart's own default values reach. The sample CR's spec is the
 * chart's values.yaml, so a chart that refuses to install until a value is set (an empty
 * `image.repository`, a `mode` with no default) gives a sample whose release fails; the user hears it
 * at generation time instead, naming the template, the line and the chart's own message.
 *
 * Only what can be decided is reported: a call at the top level of a (non-partial) template of the
 * chart or of a subchart its values enable (with the values Helm gives that subchart, chart/values.ts),
 * or in a helper it includes with the root context, under `if`/`else if`/`else` and `with`/`else`
 * blocks built from `.Values` paths (`.` paths inside `with`), literals, `not`, `and`, `or`, `eq`,
 * `ne`, `empty`, `default` and `toString`, evaluated on values.yaml as Go templates would. Anything
 * else (inside `range`, helpers given another context, other functions, pipes, variables) counts as
 * unknown and is not reported: a warning here must be right. test/e2e/default-failures-helm.test.ts
 * holds the cases against helm.
 */
import type { Chart } from '../chart/types.js';
import { chartFileText } from '../chart/load.js';
import { renderedCharts, type RenderedChart } from '../chart/values.js';
import type { Warning } from '../diagnostics.js';
import { unquote } from './gotemplate/lex.js';
import { extractActions, type Action, type Token } from './schema/templates/actions.js';

const UNKNOWN = Symbol('unknown');
type Value = unknown;

/** Go's truth: false, 0, nil, and empty strings, lists and maps are false. */
function truthy(v: Value): boolean | typeof UNKNOWN {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/**
 * Go's eq on two strings or two booleans; unknown for anything else. Numbers too: Helm reads values
 * numbers as float64 and a template's `1` is an int, which Go's eq refuses to compare.
 */
function equal(a: Value, b: Value): boolean | typeof UNKNOWN {
  if (typeof a !== typeof b || (typeof a !== 'string' && typeof a !== 'boolean')) return UNKNOWN;
  return a === b;
}

type Fn = (args: Value[]) => Value;

/** The functions a condition may use; a Map, so that `constructor` and the like are not among them. */
const FUNCTIONS: ReadonlyMap<string, Fn> = new Map(Object.entries({
  not: ([a, ...rest]) => (rest.length > 0 ? UNKNOWN : not(truthy(a))),
  and: (args) => {
    for (const a of args) {
      const t = truthy(a);
      if (t !== true) return t === false ? false : UNKNOWN;
    }
    return args.length > 0 ? true : UNKNOWN;
  },
  or: (args) => {
    let unknown = args.length === 0;
    for (const a of args) {
      const t = truthy(a);
      if (t === true) return true;
      if (t === UNKNOWN) unknown = true;
    }
    return unknown ? UNKNOWN : false;
  },
  eq: ([a, ...others]) => {
    if (others.length === 0) return UNKNOWN;
    let unknown = false;
    for (const b of others) {
      const e = equal(a, b);
      if (e === true) return true;
      if (e === UNKNOWN) unknown = true;
    }
    return unknown ? UNKNOWN : false;
  },
  ne: ([a, b, ...rest]) => (rest.length > 0 ? UNKNOWN : not(equal(a, b))),
  empty: ([a, ...rest]) => (rest.length > 0 ? UNKNOWN : not(truthy(a))),
  default: ([fallback, given, ...rest]) => {
    if (rest.length > 0 || given === undefined) return UNKNOWN;
    const t = truthy(given);
    return t === UNKNOWN ? UNKNOWN : t ? given : fallback;
  },
  toString: (args: Value[]): Value => {
    const a = args[0];
    if (args.length !== 1 || a === UNKNOWN) return UNKNOWN;
    if (a === null || a === undefined) return '<nil>';
    // Not numbers: Go prints float64 its own way (1000000 is "1e+06").
    return typeof a === 'string' || typeof a === 'boolean' ? String(a) : UNKNOWN;
  },
} satisfies Record<string, Fn>));

function not(t: boolean | typeof UNKNOWN | Value): Value {
  return t === UNKNOWN ? UNKNOWN : !t;
}

/** `.` at a template's top level: the root object, whose `.Values` are the chart's values. */
const ROOT = Symbol('root');

/** What a pipeline is evaluated against: the chart's values, and `.` (the root, or a `with` block's value). */
interface Context {
  readonly values: Readonly<Record<string, unknown>>;
  readonly dot: Value;
}

/** Evaluates a pipeline's tokens against the chart's values, at the top level or inside `with` blocks. */
class Evaluator {
  private i = 0;
  private depth = 0;
  /** For each `(`, the index of its `)` (-1 when unclosed): found once, so nesting stays linear. */
  private readonly closes: Int32Array;

  constructor(private readonly tokens: readonly Token[], private readonly ctx: Context) {
    this.closes = new Int32Array(tokens.length).fill(-1);
    const open: number[] = [];
    tokens.forEach((t, j) => {
      if (t.kind !== 'other') return;
      if (t.text === '(') open.push(j);
      else if (t.text === ')' && open.length > 0) this.closes[open.pop()!] = j;
    });
  }

  /** The whole token list as one command, or UNKNOWN. */
  run(): Value {
    const v = this.command(this.tokens.length);
    return this.i === this.tokens.length ? v : UNKNOWN;
  }

  /** `fn arg...` or a single operand, up to `end`. */
  private command(end: number): Value {
    const first = this.tokens[this.i];
    const fn = first?.kind === 'ident' ? FUNCTIONS.get(first.name) : undefined;
    if (fn !== undefined) {
      this.i += 1;
      const args: Value[] = [];
      while (this.i < end) args.push(this.operand(end));
      const name = (first as { name: string }).name;
      return args.includes(UNKNOWN) && name !== 'and' && name !== 'or' ? UNKNOWN : fn(args);
    }
    const v = this.operand(end);
    return this.i === end ? v : UNKNOWN;
  }

  private operand(end: number): Value {
    const t = this.tokens[this.i++];
    if (t === undefined) return UNKNOWN;
    switch (t.kind) {
      case 'string':
        return t.value;
      case 'field':
        if (this.ctx.dot !== ROOT) return t.chain.length === 0 ? this.ctx.dot : fieldOf(this.ctx.dot, t.chain);
        return t.chain[0] === 'Values' ? fieldOf(this.ctx.values, t.chain.slice(1)) : UNKNOWN;
      case 'var':
        return t.name === '$' && t.chain[0] === 'Values' ? fieldOf(this.ctx.values, t.chain.slice(1)) : UNKNOWN;
      case 'ident':
        if (t.name === 'true') return true;
        if (t.name === 'false') return false;
        if (t.name === 'nil') return null;
        return UNKNOWN;
      case 'other': {
        if (/^[-+]?\d+$/.test(t.text)) return Number(t.text);
        if (t.text !== '(') return UNKNOWN;
        const close = this.closes[this.i - 1]!;
        // Untrusted templates: parentheses nested absurdly deep are not followed (no stack overflow).
        if (close < 0 || close > end || this.depth >= MAX_NESTING) return UNKNOWN;
        this.depth += 1;
        const v = this.command(close);
        this.depth -= 1;
        this.i = close + 1;
        return v;
      }
    }
  }

}

/**
 * `.a.b` on a value (`.Values`, or `.` inside `with`), as Go reads a map: a missing last key is nil; a
 * missing key before it (Go's "nil pointer evaluating") or a step into anything but a map is unknown.
 */
function fieldOf(value: Value, chain: readonly string[]): Value {
  let v = value;
  for (let i = 0; i < chain.length; i++) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return UNKNOWN;
    const key = chain[i]!;
    if (!Object.prototype.hasOwnProperty.call(v, key)) return i === chain.length - 1 ? null : UNKNOWN;
    v = (v as Record<string, unknown>)[key];
  }
  return v === undefined ? null : v;
}

type Branch = boolean | typeof UNKNOWN;

/** Parentheses deeper than this make a condition unknown. */
const MAX_NESTING = 64;

/** One open block: the state of its current branch and whether an earlier branch may have run. */
interface Frame {
  readonly keyword: string;
  state: Branch;
  /** An earlier branch ran (true), may have (unknown), or none did (false). */
  before: Branch;
  /** A `with` block's value: `.` inside it while its first branch runs. */
  readonly value?: Value;
  /** Past the block's `else`. */
  elsed?: boolean;
}

/** A pipeline's value, unknown when it pipes (`a | b`) or declares a variable. */
function pipeline(tokens: readonly Token[], ctx: Context): Value {
  if (tokens.some((t) => t.kind === 'other' && (t.text === '|' || t.text === ':=' || t.text === '='))) return UNKNOWN;
  return new Evaluator(tokens, ctx).run();
}

function condition(tokens: readonly Token[], ctx: Context): Branch {
  return truthy(pipeline(tokens, ctx));
}

/** What a `fail` or `required` in these tokens says, when the call fails on the default values. */
function failureIn(tokens: readonly Token[], ctx: Context): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'ident') continue;
    const message = tokens[i + 1];
    if (t.name === 'fail') {
      if (message?.kind === 'string') return message.value;
      // `fail (printf "format" ...)` or `printf "format" ... | fail`: the format says what it is about.
      const printf = tokens.findIndex((x, j) => x.kind === 'ident' && x.name === 'printf' && tokens[j + 1]?.kind === 'string');
      return printf >= 0 ? (tokens[printf + 1] as { value: string }).value : 'a message the template builds';
    }
    if (t.name === 'required' && message?.kind === 'string') {
      const after = tokens[i + 2];
      const before = tokens[i - 1]?.kind === 'other' && (tokens[i - 1] as { text: string }).text === '|' ? tokens[i - 2] : undefined;
      const operand = after && !(after.kind === 'other' && (after.text === ')' || after.text === '|')) ? after : before;
      if (!operand) continue;
      const v = new Evaluator([operand], ctx).run();
      if (v === null || v === '') return message.value;
    }
  }
  return undefined;
}

const MAX_MESSAGE = 300;
const MAY_FAIL = /\b(?:fail|required)\b/;

/** A `fail` or `required` the default values reach: where, and what the chart says (one line, cut short). */
export interface DefaultFailure {
  readonly file: string;
  readonly line: number;
  readonly says: string;
  /** For a subchart's values: where they live in the spec (`redis`, `first.inner`). */
  readonly under?: string;
}

/** The warning the CLI prints for one. */
export function defaultFailureWarning(f: DefaultFailure): Warning {
  const where = f.under === undefined ? "the sample's spec" : `the sample's spec under ${f.under}`;
  return { file: f.file, line: f.line, message: `fails the release with the chart's default values, which the sample CR keeps: "${f.says}"; set what it asks for in ${where} before applying it` };
}

/**
 * The `fail`/`required` calls the chart's default values (the sample CR's spec) reach, in the chart
 * and in the subcharts those values enable (with the values Helm gives each).
 */
export function defaultFailures(chart: Chart): DefaultFailure[] {
  return new FailureWalk(renderedCharts(chart)).run();
}

/** A named template's body (`define "name"` … `end`) and the file it is in (from the top chart's root). */
interface Define {
  readonly file: string;
  readonly actions: readonly Action[];
}

type Values = Readonly<Record<string, unknown>>;

/** The values a walk evaluates against, and where they live in the spec ('' for the top chart's). */
interface Scope {
  readonly values: Values;
  readonly under: string;
}

/** A template file to parse, with its path from the top chart's root. */
interface Source {
  readonly path: string;
  readonly text: string;
  /** A template Helm renders (not a partial, not in a library chart), and the values it sees. */
  readonly scope?: Scope;
}

/** Helm's parse order: deepest paths first, then by path descending. A later define of a name wins. */
function helmParseOrder(a: Source, b: Source): number {
  return slashes(b.path) - slashes(a.path) || (a.path < b.path ? 1 : a.path > b.path ? -1 : 0);
}

function slashes(path: string): number {
  let n = 0;
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) n++;
  return n;
}

/** Helpers deeper than this are not followed. */
const MAX_INCLUDE_DEPTH = 16;

/**
 * Follows each rendered template's top level, and the named templates it includes with the root
 * context (`include "x" .`, `template "x" $`), where `.Values` still means that chart's values.
 * Named templates are shared by the whole chart tree, as in Helm.
 */
class FailureWalk {
  private readonly found = new Map<string, DefaultFailure>();
  private readonly defines = new Map<string, Define>();
  private readonly mayFailMemo = new Map<string, boolean>();
  private readonly walked = new Set<string>();
  private readonly scopeIds = new Map<Scope, number>();
  private readonly sources: Source[] = [];

  constructor(charts: readonly RenderedChart[]) {
    for (const { chart, values, path } of charts) {
      const scope: Scope = { values, under: path.join('.') };
      const library = chart.metadata.type === 'library';
      for (const file of chart.templates) {
        const partial = file.path.slice(file.path.lastIndexOf('/') + 1).startsWith('_');
        // Helm leaves out a library chart's templates other than its partials.
        if (library && !partial) continue;
        this.sources.push({ path: `${chart.prefix}${file.path}`, text: chartFileText(file), ...(partial || library ? {} : { scope }) });
      }
    }
    for (const source of [...this.sources].sort(helmParseOrder)) {
      if (source.text.includes('define')) this.collectDefines(extractActions(source.text), source.path);
    }
  }

  run(): DefaultFailure[] {
    for (const { path, text, scope } of this.sources) {
      // Most templates neither call fail/required nor include a helper that does: nothing to follow.
      if (scope === undefined || !this.textMayFail(text)) continue;
      this.walk(extractActions(text), path, [], scope);
    }
    return [...this.found.values()];
  }

  private collectDefines(actions: readonly Action[], file: string): void {
    for (let i = 0; i < actions.length; i++) {
      const [first, name] = actions[i]!.tokens;
      if (first?.kind !== 'ident' || first.name !== 'define' || name?.kind !== 'string') continue;
      let depth = 1;
      let j = i + 1;
      for (; j < actions.length && depth > 0; j++) {
        const head = actions[j]!.tokens[0];
        const keyword = head?.kind === 'ident' ? head.name : '';
        if (BLOCKS.has(keyword)) depth += 1;
        else if (keyword === 'end') depth -= 1;
      }
      const body = actions.slice(i + 1, j - 1);
      this.defines.set(name.value, { file, actions: body });
      i = j - 1;
    }
  }

  /** Whether a template's text calls fail/required, or includes a helper that may. */
  private textMayFail(text: string): boolean {
    if (MAY_FAIL.test(text)) return true;
    for (const m of text.matchAll(INCLUDED)) if (this.defineMayFail(unquote(m[1]!))) return true;
    return false;
  }

  /** Whether a helper calls fail/required, or includes a helper that may. */
  private defineMayFail(name: string): boolean {
    const known = this.mayFailMemo.get(name);
    if (known !== undefined) return known;
    this.mayFailMemo.set(name, false); // a helper that includes itself
    const result = this.defines.get(name)?.actions.some(({ tokens }) => tokens.some((t, i) => {
      if (t.kind !== 'ident') return false;
      if (t.name === 'fail' || t.name === 'required') return true;
      const called = tokens[i + 1];
      return (t.name === 'include' || t.name === 'template') && called?.kind === 'string' && this.defineMayFail(called.value);
    })) ?? false;
    this.mayFailMemo.set(name, result);
    return result;
  }

  private walk(actions: readonly Action[], file: string, stack: readonly string[], scope: Scope): void {
    const { values } = scope;
    const frames: Frame[] = [];
    const active = (): boolean => frames.every((f) => f.state === true);
    /** `.` here: the value of the innermost `with` whose first branch runs, else the root. */
    const context = (upTo = frames.length): Context => {
      for (let i = upTo - 1; i >= 0; i--) {
        const f = frames[i]!;
        if (f.keyword === 'with' && !f.elsed) return { values, dot: f.value };
      }
      return { values, dot: ROOT };
    };
    const run = (tokens: readonly Token[], line: number, ctx: Context): void => {
      this.record(tokens, line, file, scope, ctx);
      this.follow(tokens, stack, scope, ctx);
    };
    for (const action of actions) {
      const [first, second] = action.tokens;
      const keyword = first?.kind === 'ident' ? first.name : undefined;
      if (keyword === 'if' || keyword === 'with' || keyword === 'range') {
        // The pipeline itself runs where the block starts (`if required "..." .Values.x`).
        const here = active();
        const ctx = context();
        if (here) run(action.tokens.slice(1), action.line, ctx);
        if (keyword === 'range') frames.push({ keyword, state: UNKNOWN, before: UNKNOWN });
        else {
          const value = here ? pipeline(action.tokens.slice(1), ctx) : UNKNOWN;
          frames.push({ keyword, state: truthy(value), before: false, ...(keyword === 'with' ? { value } : {}) });
        }
      } else if (keyword === 'define' || keyword === 'block') {
        frames.push({ keyword, state: UNKNOWN, before: UNKNOWN });
      } else if (keyword === 'else') {
        const top = frames[frames.length - 1];
        if (!top) continue;
        const ran: Branch = top.before === true || top.state === true ? true : top.before === UNKNOWN || top.state === UNKNOWN ? UNKNOWN : false;
        top.before = ran;
        top.elsed = true;
        const elseIf = second?.kind === 'ident' && second.name === 'if';
        const outer = frames.slice(0, -1).every((f) => f.state === true);
        // `with` takes a plain `else` only here: `else with` and the like stay undecided.
        const decidable = outer && (top.keyword === 'if' || (top.keyword === 'with' && action.tokens.length === 1));
        if (!decidable) top.state = UNKNOWN;
        else if (ran === true) top.state = false;
        else if (ran === UNKNOWN) top.state = UNKNOWN;
        else {
          // The else branch sees the `.` from outside the block.
          const ctx = context(frames.length - 1);
          if (elseIf) run(action.tokens.slice(2), action.line, ctx);
          top.state = elseIf ? condition(action.tokens.slice(2), ctx) : true;
        }
      } else if (keyword === 'end') {
        frames.pop();
      } else if (active()) {
        run(action.tokens, action.line, context());
      }
    }
  }

  private record(tokens: readonly Token[], line: number, file: string, scope: Scope, ctx: Context): void {
    const message = failureIn(tokens, ctx);
    if (message === undefined) return;
    const says = message.replace(/\s+/g, ' ').trim();
    // One chart aliased twice runs the same template line with two sets of values.
    const key = `${file}:${line}\u0000${scope.under}`;
    if (this.found.has(key)) return;
    this.found.set(key, {
      file, line, says: says.length > MAX_MESSAGE ? `${says.slice(0, MAX_MESSAGE - 1)}…` : says, ...(scope.under === '' ? {} : { under: scope.under }),
    });
  }

  /** Walks the helpers these tokens include with the root context. */
  private follow(tokens: readonly Token[], stack: readonly string[], scope: Scope, ctx: Context): void {
    if (stack.length >= MAX_INCLUDE_DEPTH) return;
    for (let i = 0; i + 2 < tokens.length; i++) {
      const call = tokens[i]!;
      const name = tokens[i + 1]!;
      const arg = tokens[i + 2]!;
      if (call.kind !== 'ident' || (call.name !== 'include' && call.name !== 'template') || name.kind !== 'string') continue;
      // `.` is the root only outside `with` blocks; `$` always is.
      const root = ((arg.kind === 'field' && ctx.dot === ROOT) || (arg.kind === 'var' && arg.name === '$')) && arg.chain.length === 0;
      // With the root context a helper does the same wherever it is called: walked once per chart's
      // values, not once per call (helpers calling helpers many times would otherwise multiply).
      const key = `${this.scopeId(scope)}\u0000${name.value}`;
      if (!root || this.walked.has(key)) continue;
      const define = this.defines.get(name.value);
      if (!define || !this.defineMayFail(name.value)) continue;
      this.walked.add(key);
      this.walk(define.actions, define.file, [...stack, name.value], scope);
    }
  }

  private scopeId(scope: Scope): number {
    let id = this.scopeIds.get(scope);
    if (id === undefined) this.scopeIds.set(scope, (id = this.scopeIds.size));
    return id;
  }
}

const BLOCKS = new Set(['if', 'with', 'range', 'define', 'block']);
/** `include "name"` / `template "name"` in template text (the name as a quoted or raw literal). */
const INCLUDED = /\b(?:include|template)\s+("(?:[^"\\]|\\.)*"|`[^`]*`)/g;
