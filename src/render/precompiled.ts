/**
 * Built-in templates compiled ahead of time. EJS compiles a template by generating JavaScript and
 * handing it to `new Function` on every run, which is code V8 cannot cache. The published bundle
 * replaces this module (scripts/bundle.mjs) with one that holds every template under templates/ as a
 * compiled function, which the bundle's code cache (util/compile-cache.ts) then covers. Here, in a
 * checkout, there are none, and every template is compiled when rendered.
 */

/** A template compiled by `ejs.compile(text, { client: true, ...RENDER_OPTIONS })`. */
export interface PrecompiledTemplate {
  /** sha1 of the template text it was compiled from: a changed file on disk is compiled afresh. */
  readonly sha1: string;
  readonly render: (locals: Record<string, unknown>) => string;
}

/** By template path relative to templates/ (e.g. `config/rbac/role.yaml.ejs`). */
export const PRECOMPILED: ReadonlyMap<string, PrecompiledTemplate> = new Map();
