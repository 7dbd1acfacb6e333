/**
 * Go template scoping for the value scan: a stack of blocks (if/with/range/define … end), each
 * with its dot, and variables visible from their declaration to the end of their block, never
 * across a define. Lookups are O(1) (one stack of bindings per variable name), so deeply nested
 * templates stay linear.
 */

/** What a dot or a variable holds: the root context, a values path, or something not followed. */
export type Binding =
  | { readonly kind: 'ctx' }
  | { readonly kind: 'values'; readonly path: readonly string[] }
  | { readonly kind: 'unknown' };

export const CTX: Binding = { kind: 'ctx' };
export const UNKNOWN: Binding = { kind: 'unknown' };

export interface Frame {
  readonly kind: 'file' | 'if' | 'with' | 'range' | 'define';
  dot: Binding;
  /** The dot outside the block (a with block's else branch runs with it). */
  readonly outerDot: Binding;
  /** Variables this block declared, to forget when it ends. */
  readonly declared: string[];
  /** Depth below which variables are invisible (a define's own depth). */
  readonly barrier: number;
}

/** Blocks and variables of one template file. */
export class Scopes {
  private readonly frames: Frame[] = [{ kind: 'file', dot: CTX, outerDot: CTX, declared: [], barrier: 0 }];
  private readonly vars = new Map<string, { binding: Binding; depth: number }[]>();

  top(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  /** Opens a block; a define hides every variable declared outside it. */
  push(kind: Frame['kind'], dot: Binding): void {
    const depth = this.frames.length;
    this.frames.push({ kind, dot, outerDot: this.top().dot, declared: [], barrier: kind === 'define' ? depth : this.top().barrier });
  }

  /** Closes the innermost block (`end`); the file itself is never closed. */
  pop(): void {
    if (this.frames.length <= 1) return;
    this.forgetTop();
    this.frames.pop();
  }

  /** Forgets the variables of the innermost block (its `else` branch starts afresh). */
  forgetTop(): void {
    const frame = this.top();
    for (const name of frame.declared) this.vars.get(name)?.pop();
    frame.declared.length = 0;
  }

  lookup(name: string): Binding {
    if (name === '$') return CTX;
    const list = this.vars.get(name);
    const found = list?.[list.length - 1];
    return found && found.depth >= this.top().barrier ? found.binding : UNKNOWN;
  }

  /** `$x := …`: a new variable in the innermost block. */
  declare(name: string, binding: Binding): void {
    const depth = this.frames.length - 1;
    let list = this.vars.get(name);
    if (!list) this.vars.set(name, (list = []));
    const last = list[list.length - 1];
    if (last && last.depth === depth) last.binding = binding;
    else {
      list.push({ binding, depth });
      this.top().declared.push(name);
    }
  }

  /** `$x = …`: changes the visible variable, or declares one when there is none. */
  assign(name: string, binding: Binding): void {
    const list = this.vars.get(name);
    const found = list?.[list.length - 1];
    if (found && found.depth >= this.top().barrier) found.binding = binding;
    else this.declare(name, binding);
  }
}
