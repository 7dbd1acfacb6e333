/**
 * Finds the templates to render: the built-in templates/ tree, with an optional overlay folder whose
 * files replace the built-in template at the same relative path or add new output files.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
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

async function listEjs(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.endsWith('.ejs')) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  await walk(root);
  return out.sort(compareStrings);
}

/** Reads the built-in templates and applies the overlay (`--templates <dir>`). */
export async function loadTemplates(builtInDir: string, overlayDir?: string): Promise<TemplateSource[]> {
  const byPath = new Map<string, TemplateSource>();
  for (const path of await listEjs(builtInDir)) {
    const file = join(builtInDir, path);
    byPath.set(path, { path, file, text: await readFile(file, 'utf8'), overlay: false });
  }
  if (overlayDir !== undefined) {
    const info = await stat(overlayDir).catch(() => undefined);
    if (!info?.isDirectory()) {
      throw new UserError(`--templates ${overlayDir}: not a directory`, { hint: 'pass a folder laid out like the built-in templates/' });
    }
    const paths = await listEjs(overlayDir);
    if (paths.length === 0) {
      throw new UserError(`--templates ${overlayDir}: holds no .ejs files; template files must end in .ejs, at the path of the file they produce`);
    }
    for (const path of paths) {
      const file = join(overlayDir, path);
      byPath.set(path, { path, file, text: await readFile(file, 'utf8'), overlay: true });
    }
  }
  return [...byPath.values()].sort((a, b) => compareStrings(a.path, b.path));
}
