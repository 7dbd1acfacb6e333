/**
 * Finds the templates to render: the built-in templates/ tree, with an optional overlay folder whose
 * files replace the built-in template at the same relative path or add new output files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { UserError } from '../diagnostics.js';
import { compareStrings } from '../util/compare.js';

/** One template: its path relative to the templates root (ending in .ejs) and its text. */
export interface TemplateSource {
  readonly path: string;
  readonly text: string;
  /** Where it was read from, for error messages. */
  readonly file: string;
  /** True when it comes from the user's overlay. */
  readonly overlay: boolean;
}

function listEjs(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ejs')) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort(compareStrings);
}

/** Reads the built-in templates and applies the overlay (`--templates <dir>`). Synchronous reads: a few dozen small files. */
export async function loadTemplates(builtInDir: string, overlayDir?: string): Promise<TemplateSource[]> {
  const byPath = new Map<string, TemplateSource>();
  for (const path of listEjs(builtInDir)) {
    const file = join(builtInDir, path);
    byPath.set(path, { path, file, text: readFileSync(file, 'utf8'), overlay: false });
  }
  if (overlayDir !== undefined) {
    let info;
    try { info = statSync(overlayDir); } catch { info = undefined; }
    if (!info?.isDirectory()) {
      throw new UserError(`--templates ${overlayDir}: not a directory`, { hint: 'pass a folder laid out like the built-in templates/' });
    }
    const paths = listEjs(overlayDir);
    if (paths.length === 0) {
      throw new UserError(`--templates ${overlayDir}: holds no .ejs files; template files must end in .ejs, at the path of the file they produce`);
    }
    for (const path of paths) {
      const file = join(overlayDir, path);
      byPath.set(path, { path, file, text: readFileSync(file, 'utf8'), overlay: true });
    }
  }
  return [...byPath.values()].sort((a, b) => compareStrings(a.path, b.path));
}
