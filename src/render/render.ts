/**
 * Renders templates against the model, in memory. Output paths come from template paths: `.ejs` is
 * dropped, a leading `_` on a file name becomes `.` (npm drops dotfiles from packages), and `[token]`
 * placeholders are replaced from the model.
 */
import { createHash } from 'node:crypto';
import ejs from 'ejs';
import { UserError } from '../diagnostics.js';
import type { ProjectModel } from '../model/types.js';
import { templateHelpers } from './helpers.js';
import { PRECOMPILED } from './precompiled.js';
import { strictView } from './strict-view.js';
import type { TemplateSource } from './templates.js';

/** A generated file: path relative to the project root and its content. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string | Buffer;
  /** The file it came from (a template or a chart file), for messages. */
  readonly from: string;
  /** The template's path relative to the templates root; undefined for files that are not rendered. */
  readonly template: string | undefined;
}

/** The `[token]` placeholders allowed in template file names. */
export function pathTokens(m: ProjectModel): Record<string, string> {
  return {
    fullGroup: m.resource.fullGroup,
    group: m.resource.group,
    version: m.resource.version,
    kindLower: m.resource.kindLower,
    plural: m.resource.plural,
    project: m.project.name,
    chart: m.chart.name,
  };
}

/** Maps a template path to its output path. */
export function outputPath(templatePath: string, tokens: Record<string, string>): string {
  const withoutExt = templatePath.replace(/\.ejs$/, '');
  const parts = withoutExt.split('/');
  const last = parts.length - 1;
  parts[last] = parts[last]!.replace(/^_/, '.');
  return parts
    .map((part) =>
      part.replace(/\[([A-Za-z]+)\]/g, (whole, token: string) => {
        const value = tokens[token];
        if (value === undefined) {
          throw new UserError(`template ${templatePath}: unknown placeholder ${whole} in its file name; known: ${Object.keys(tokens).map((t) => `[${t}]`).join(' ')}`);
        }
        return value;
      }),
    )
    .join('/');
}

/** How every template is compiled (scripts/bundle.mjs compiles the built-in ones ahead of time with these). */
export const RENDER_OPTIONS: { readonly strict: true; readonly destructuredLocals: string[]; readonly async: false } = { strict: true, destructuredLocals: ['m', 'h'], async: false };

/** What a precompiled template records of the text it was compiled from (see precompile.ts). */
export function templateDigest(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Renders one template: the ahead-of-time compiled function when the built-in template is unchanged. */
function renderOne(t: TemplateSource, locals: Record<string, unknown>): string {
  const precompiled = t.overlay ? undefined : PRECOMPILED.get(t.path);
  if (precompiled && templateDigest(t.text) === precompiled.sha1) return precompiled.render(locals);
  return ejs.render(t.text, locals, { ...RENDER_OPTIONS, filename: t.file });
}

/** Renders every template. A template error is reported as the user's when the template is theirs. */
export function renderTemplates(model: ProjectModel, templates: readonly TemplateSource[]): RenderedFile[] {
  const tokens = pathTokens(model);
  const m = strictView(model);
  return templates.map((t) => {
    const path = outputPath(t.path, tokens);
    let content: string;
    try {
      content = renderOne(t, { m, h: templateHelpers });
    } catch (error) {
      const message = (error as Error).message.split('\n').filter((l) => l.trim() !== '').pop() ?? String(error);
      if (t.overlay) throw new UserError(`--templates: ${t.file}: ${message}`, { cause: error });
      throw new Error(`built-in template ${t.path} failed to render: ${(error as Error).message}`, { cause: error });
    }
    return { path, content, from: t.file, template: t.path };
  });
}
