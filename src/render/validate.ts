/**
 * Checks rendered files before anything is written: YAML and JSON parse, and no `undefined`,
 * `[object Object]` or `NaN` leaked from a model value into a file. A chart may legitimately say
 * "undefined" (in a values.yaml comment, say), so a token that occurs in the model's own text is
 * not counted as a leak.
 */
import yaml from 'js-yaml';
import { UserError } from '../diagnostics.js';
import type { RenderedFile } from './render.js';

const LEAKS = [/\bundefined\b/, /\[object Object\]/, /\bNaN\b/];

const parsed = new WeakMap<RenderedFile, readonly unknown[]>();

/** The YAML documents of a rendered file, parsed once (the CRD check reads them again); throws when it does not parse. */
export function renderedDocuments(file: RenderedFile): readonly unknown[] {
  let docs = parsed.get(file);
  if (!docs) {
    docs = yaml.loadAll(typeof file.content === 'string' ? file.content : file.content.toString('utf8'));
    parsed.set(file, docs);
  }
  return docs;
}

/** Returns one problem per bad file (empty when all are fine). `modelText` is the model as JSON. */
export function findRenderProblems(files: readonly RenderedFile[], modelText: string): string[] {
  const problems: string[] = [];
  const leaks = LEAKS.filter((leak) => !leak.test(modelText));
  for (const file of files) {
    if (typeof file.content !== 'string') continue;
    const text = file.content;
    for (const leak of leaks) {
      const at = text.search(leak);
      if (at >= 0) problems.push(`${file.path} (from ${file.from}): contains "${leak.exec(text)![0]}" at line ${text.slice(0, at).split('\n').length}`);
    }
    try {
      if (/\.ya?ml$/.test(file.path) || file.path === 'PROJECT') renderedDocuments(file);
      else if (file.path.endsWith('.json')) JSON.parse(text);
    } catch (error) {
      problems.push(`${file.path} (from ${file.from}): does not parse: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return problems;
}

/** Throws when any rendered file is broken; overlay templates make it the user's error. */
export function assertRenderedValid(files: readonly RenderedFile[], modelText: string, overlayUsed: boolean): void {
  const problems = findRenderProblems(files, modelText);
  if (problems.length === 0) return;
  const message = `generated files failed validation: ${problems.join('; ')}`;
  if (overlayUsed) throw new UserError(`--templates: ${message}`);
  throw new Error(message);
}
