/** Builds the frozen ProjectModel from the answers, the loaded chart and the analyses. */
import type { DefaultFailure } from '../analysis/default-failures.js';
import type { RbacAnalysis } from '../analysis/rbac/index.js';
import type { CrdSchemaResult } from '../analysis/schema/index.js';
import type { Chart } from '../chart/types.js';
import { formatWarning, type Warning } from '../diagnostics.js';
import { splitImage } from '../options/check-flags.js';
import type { Answers } from '../options/types.js';
import { sampleSpecBlock } from './sample.js';
import type { ProjectModel, ToolInfo } from './types.js';

/** Everything buildModel needs. */
export interface ModelInput {
  readonly answers: Answers;
  readonly chart: Chart;
  readonly plural: string;
  readonly sourceType: string;
  readonly source: string;
  readonly digest: string;
  readonly rbac: RbacAnalysis;
  readonly crd: CrdSchemaResult;
  /** The chart's own `fail`/`required` calls its default values reach. */
  readonly failures: readonly DefaultFailure[];
  readonly tool: ToolInfo;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Builds the model; `warnings` collects what the sample step could not keep. */
export function buildModel(input: ModelInput, warnings: Warning[]): ProjectModel {
  const { answers: a, chart } = input;
  // PROJECT records every answer but the folder, which is wherever the project is.
  const { directory: _folder, ...recordedAnswers } = a;
  const md = chart.metadata;
  const fullGroup = `${a.group}.${a.domain}`;
  const image = splitImage(a.image);
  const sdk = a.helmOperatorVersion;
  const model: ProjectModel = {
    tool: { ...input.tool },
    project: { name: a.projectName, domain: a.domain, namespace: `${a.projectName}-system`, namePrefix: `${a.projectName}-` },
    resource: {
      group: a.group,
      fullGroup,
      version: a.version,
      kind: a.kind,
      kindLower: a.kind.toLowerCase(),
      plural: input.plural,
      crdName: `${input.plural}.${fullGroup}`,
    },
    chart: {
      name: md.name,
      version: md.version,
      appVersion: md.appVersion ?? null,
      description: md.description ?? null,
      home: md.home ?? null,
      icon: md.icon ?? null,
      keywords: [...md.keywords],
      maintainers: md.maintainers.map((m) => ({ name: m.name, email: m.email ?? null, url: m.url ?? null })),
      path: `helm-charts/${md.name}`,
      sourceType: input.sourceType,
      source: input.source,
      digest: input.digest,
    },
    image: {
      operator: a.image,
      operatorName: image.name,
      operatorTag: image.tag,
      tagBase: image.name,
      helmOperatorVersion: sdk,
      helmOperator: `quay.io/operator-framework/helm-operator:${sdk}`,
      scorecard: `quay.io/operator-framework/scorecard-test:${sdk}`,
      operatorSdkVersion: sdk,
    },
    rbac: {
      rules: input.rbac.rules.map((r) => ({ ...r })),
      warnings: input.rbac.warnings.map(formatWarning),
    },
    crd: {
      schema: input.crd.schema,
      schemaSource: input.crd.summary.source,
      helmOnlyChecks: input.crd.summary.helmOnly.map((n) => `${n.file}: ${n.keywords.join(', ')}`),
    },
    sample: {
      name: `${a.kind.toLowerCase()}-sample`,
      specBlock: sampleSpecBlock(chart.valuesText, chart.values, warnings),
      failures: input.failures.map((f) => `${f.file}:${f.line}: ${f.says}${f.under === undefined ? '' : ` (values under spec.${f.under})`}`),
    },
    answers: recordedAnswers,
  };
  return deepFreeze(model);
}
