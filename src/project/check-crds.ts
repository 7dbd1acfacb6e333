/**
 * The generated CRD must be one the API server accepts: every rendered CustomResourceDefinition
 * (the built-in one, or one an overlay template writes) goes through the structural-schema checker
 * before anything is written.
 */
import { checkStructural, type JSONSchemaProps } from '../analysis/schema/index.js';
import { UserError } from '../diagnostics.js';
import type { RenderedFile } from '../render/render.js';
import { renderedDocuments } from '../render/validate.js';
import { isMap } from '../util/yaml.js';

/** `file: version: problem` for every structural violation in the rendered CRDs. */
export function findCrdProblems(files: readonly RenderedFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    if (typeof file.content !== 'string' || !/\.ya?ml$/.test(file.path) || !file.content.includes('CustomResourceDefinition')) continue;
    for (const doc of renderedDocuments(file)) {
      if (!isMap(doc) || doc['kind'] !== 'CustomResourceDefinition' || !isMap(doc['spec'])) continue;
      const versions = Array.isArray(doc['spec']['versions']) ? doc['spec']['versions'] : [];
      for (const version of versions.filter(isMap)) {
        const schema = isMap(version['schema']) ? version['schema']['openAPIV3Schema'] : undefined;
        if (!isMap(schema)) {
          problems.push(`${file.path}: version ${String(version['name'])} has no openAPIV3Schema`);
          continue;
        }
        for (const p of checkStructural(schema as JSONSchemaProps)) problems.push(`${file.path}: version ${String(version['name'])}: ${p}`);
      }
    }
  }
  return problems;
}

/** Throws when a rendered CRD is not structural; an overlay template makes it the user's error. */
export function assertCrdsStructural(files: readonly RenderedFile[], overlayUsed: boolean): void {
  const problems = findCrdProblems(files);
  if (problems.length === 0) return;
  const message = `the CRD is not a structural schema the API server accepts: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`;
  if (overlayUsed) throw new UserError(`--templates: ${message}`);
  throw new Error(message);
}
