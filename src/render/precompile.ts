/**
 * Compiles the built-in templates ahead of time, for the published bundle: scripts/bundle.mjs puts
 * the module this returns in place of precompiled.ts. Each template is compiled by EJS with the
 * options render.ts renders with, as a self-contained (`client`) function.
 */
import ejs from 'ejs';
import { RENDER_OPTIONS, templateDigest } from './render.js';
import { loadTemplates } from './templates.js';

/** JavaScript source of a module exporting PRECOMPILED (see precompiled.ts) for every template under `templatesDir`. */
export async function precompiledModuleSource(templatesDir: string): Promise<string> {
  const entries: string[] = [];
  for (const t of await loadTemplates(templatesDir)) {
    const compiled = ejs.compile(t.text, { ...RENDER_OPTIONS, client: true, filename: `templates/${t.path}` });
    entries.push(`[${JSON.stringify(t.path)}, { sha1: ${JSON.stringify(templateDigest(t.text))}, render: (${compiled.toString()}) }]`);
  }
  return `export const PRECOMPILED = new Map([\n${entries.join(',\n')}\n]);\n`;
}
