/**
 * The engine, start to finish and all in memory: chart → analyses → model → rendered files →
 * validation. Nothing here touches the project directory; the generator commits the result.
 */
import { defaultFailures, defaultFailureWarning } from '../analysis/default-failures.js';
import { analyzeRbac, pluralize } from '../analysis/rbac/index.js';
import { buildCrdSchema, formatSchemaSummary } from '../analysis/schema/index.js';
import { missingDependencies } from '../chart/load.js';
import type { AcquiredChart } from '../chart/source.js';
import { UserError, type Warning } from '../diagnostics.js';
import { buildModel } from '../model/build.js';
import type { ProjectModel } from '../model/types.js';
import { PROJECT_PLUGIN_KEY } from '../options/recorded.js';
import type { Answers } from '../options/types.js';
import { renderTemplates, type RenderedFile } from '../render/render.js';
import { loadTemplates } from '../render/templates.js';
import { assertRenderedValid } from '../render/validate.js';
import { packageRoot, packageVersion } from '../util/package-root.js';
import { join } from 'node:path';
import { compareStrings } from '../util/compare.js';
import { assertCrdsStructural } from './check-crds.js';
import { chartDigest } from './digest.js';
import { policyFor, type FilePolicy } from './registry.js';

/** A file the project should contain, with what to do if it already exists. */
export interface PlannedFile extends RenderedFile {
  readonly policy: FilePolicy;
}

/** Everything generation produced, ready to be committed or printed. */
export interface ProjectPlan {
  readonly model: ProjectModel;
  readonly files: readonly PlannedFile[];
  readonly warnings: readonly Warning[];
  /** Short human summaries (schema source, permissions) for stderr. */
  readonly notes: readonly string[];
}

/** Builds the whole project in memory. */
export async function buildProject(answers: Answers, acquired: AcquiredChart, templatesDir?: string): Promise<ProjectPlan> {
  const { chart } = acquired;
  if (chart.metadata.type === 'library') {
    throw new UserError(`${acquired.source}: Chart.yaml says type: library; a library chart cannot be installed, so it cannot back an operator`, { hint: 'pass an application chart that depends on it' });
  }
  const warnings: Warning[] = [];
  const missing = missingDependencies(chart).map((d) => d.name);
  if (missing.length > 0) {
    warnings.push({ file: 'Chart.yaml', message: `dependencies not vendored in charts/: ${missing.join(', ')}; run \`helm dependency build\` on the chart before building the operator image` });
  }
  const plural = pluralize(answers.kind);
  const fullGroup = `${answers.group}.${answers.domain}`;
  const rbac = analyzeRbac(chart, { group: fullGroup, plural, kind: answers.kind });
  if (rbac.primaryClashes.length > 0) {
    const files = rbac.primaryClashes;
    const shown = `${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''}`;
    throw new UserError(
      `--kind ${answers.kind} in ${fullGroup}: the chart itself defines or creates that resource (${shown}); an operator for it would clash with the chart's own`,
      { hint: 'pick another --group, --domain or --kind' },
    );
  }
  const crd = buildCrdSchema(chart, answers.schema);
  const failures = defaultFailures(chart);
  warnings.push(...rbac.warnings, ...crd.warnings, ...failures.map(defaultFailureWarning));
  const model = buildModel({
    answers, chart, plural,
    sourceType: acquired.sourceType,
    source: acquired.source,
    digest: chartDigest(acquired.files.files),
    rbac, crd, failures,
    tool: { name: 'create-helm-operator', version: packageVersion(), pluginKey: PROJECT_PLUGIN_KEY },
  }, warnings);
  const templates = await loadTemplates(join(packageRoot(), 'templates'), templatesDir);
  const rendered = renderTemplates(model, templates);
  assertRenderedValid(rendered, JSON.stringify(model), templatesDir !== undefined);
  assertCrdsStructural(rendered, templatesDir !== undefined);
  const vendored: PlannedFile[] = acquired.files.files.map((f) => ({
    path: `${model.chart.path}/${f.path}`, content: f.data, from: `${acquired.source}/${f.path}`, template: undefined, policy: 'regenerate',
  }));
  const files = [...rendered.map((f) => ({ ...f, policy: policyFor(f.template) })), ...vendored];
  assertNoCollisions(files);
  return {
    model,
    files: files.sort((a, b) => compareStrings(a.path, b.path)),
    warnings,
    notes: [...formatSchemaSummary(crd.summary), ...rbac.notes],
  };
}

/** Refuses two outputs at one path, or a file where another output needs a folder (`a` and `a/b`). */
function assertNoCollisions(files: readonly RenderedFile[]): void {
  const paths = new Map<string, RenderedFile>();
  for (const f of files) {
    const other = paths.get(f.path);
    if (other) throw new UserError(`${other.from} and ${f.from} both write ${f.path}; rename one of them in --templates`);
    paths.set(f.path, f);
  }
  for (const f of files) {
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = paths.get(parts.slice(0, i).join('/'));
      if (parent) throw new UserError(`${f.from} writes ${f.path}, but ${parent.from} writes the file ${parent.path}; rename one of them in --templates`);
    }
  }
}
