/**
 * Finds the templates to render: the built-in templates/ tree, with an optional overlay folder whose
 * files replace the built-in template at the same relative path or add new output files.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
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

/** What exporting the built-in templates did: paths relative to the folder, each in one list. */
export interface TemplateExport {
  readonly written: readonly string[];
  readonly replaced: readonly string[];
  readonly unchanged: readonly string[];
}

/**
 * Copies every built-in template into `dir` at its relative path: the starting point of an overlay
 * (`--export-templates`). A file there that differs is replaced only with `force`; without it, nothing
 * is written and the error names the files.
 */
export function exportTemplates(builtInDir: string, dir: string, force: boolean, shown = dir): TemplateExport {
  const where = `--export-templates ${shown}`;
  const existing = (path: string): ReturnType<typeof lstatSync> | undefined => {
    try { return lstatSync(path); } catch { return undefined; }
  };
  const root = existing(dir);
  if (root && !root.isDirectory()) throw new UserError(`${where}: exists and is not a folder`, { hint: 'pass a new or empty folder' });
  const written: string[] = [];
  const replaced: string[] = [];
  const unchanged: string[] = [];
  const plan: { target: string; text: Buffer }[] = [];
  for (const path of listEjs(builtInDir)) {
    const text = readFileSync(join(builtInDir, path));
    const target = join(dir, path);
    const info = existing(target);
    if (info === undefined) written.push(path);
    else if (!info.isFile()) throw new UserError(`${where}: ${path} exists and is not a regular file`, { hint: 'move it away, or pick another folder' });
    else if (readFileSync(target).equals(text)) {
      unchanged.push(path);
      continue;
    } else replaced.push(path);
    plan.push({ target, text });
  }
  if (replaced.length > 0 && !force) {
    const n = replaced.length;
    throw new UserError(`${where}: ${n} file${n === 1 ? '' : 's'} there differ${n === 1 ? 's' : ''} from the built-in templates (${replaced.slice(0, 3).join(', ')}${n > 3 ? ', ...' : ''})`, { hint: '--force replaces them; or pick a new folder' });
  }
  try {
    for (const { target, text } of plan) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
  } catch (error) {
    throw new UserError(`${where}: cannot write: ${(error as Error).message}`, { cause: error });
  }
  return { written, replaced, unchanged };
}
