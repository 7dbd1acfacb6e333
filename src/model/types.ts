/**
 * The one typed, frozen model every template receives as `m`. Templates read it; they never compute.
 * Optional facts are `null`, never missing, so a typo in a field name fails the render (the model is
 * wrapped in a proxy that throws on unknown fields) instead of writing `undefined`.
 */
import type { PolicyRule } from '../analysis/rbac/index.js';
import type { Answers } from '../options/types.js';

export interface ToolInfo {
  /** `create-helm-operator` */
  readonly name: string;
  /** This tool's version, e.g. `0.1.0`. */
  readonly version: string;
  /** The key under PROJECT's `plugins` where the chart source and answers are recorded. */
  readonly pluginKey: string;
}

export interface ProjectInfo {
  /** `--project-name`: a DNS-1123 label, e.g. `memcached-operator`. */
  readonly name: string;
  /** `--domain`, e.g. `my.domain`. */
  readonly domain: string;
  /** Kustomize namespace the operator is deployed to: `<name>-system`. */
  readonly namespace: string;
  /** Kustomize name prefix: `<name>-`. */
  readonly namePrefix: string;
}

export interface ResourceInfo {
  /** Short group (`--group`), e.g. `cache`. */
  readonly group: string;
  /** Full API group `<group>.<domain>`, e.g. `cache.my.domain`. */
  readonly fullGroup: string;
  /** `--api-version`, e.g. `v1alpha1`. */
  readonly version: string;
  /** `--kind`, e.g. `Memcached`. */
  readonly kind: string;
  /** Kind in lower case, e.g. `memcached` (file names, sample name). */
  readonly kindLower: string;
  /** Plural resource name, e.g. `memcacheds`. */
  readonly plural: string;
  /** `<plural>.<fullGroup>`: the CRD's metadata.name. */
  readonly crdName: string;
}

export interface MaintainerInfo {
  readonly name: string;
  readonly email: string | null;
  readonly url: string | null;
}

export interface ChartInfo {
  /** Chart.yaml name; the chart is vendored at `helm-charts/<name>/`. */
  readonly name: string;
  readonly version: string;
  readonly appVersion: string | null;
  readonly description: string | null;
  readonly home: string | null;
  readonly icon: string | null;
  readonly keywords: readonly string[];
  readonly maintainers: readonly MaintainerInfo[];
  /** Path of the vendored chart relative to the project root: `helm-charts/<name>`. */
  readonly path: string;
  /** Where the chart came from: `starter`, `directory`, `archive` (later: `repository`, `oci`, `url`). */
  readonly sourceType: string;
  /** The location as given (`--chart`), or `built-in` for the starter chart. */
  readonly source: string;
  /** `sha256:<hex>` over the vendored files (paths and bytes). */
  readonly digest: string;
}

export interface ImageInfo {
  /** Operator image (`--image`), used by the Makefile's IMG default and kustomize. */
  readonly operator: string;
  /** The operator image without its tag, e.g. `example.com/memcached-operator` (kustomize newName). */
  readonly operatorName: string;
  /** The operator image's tag, e.g. `0.0.1` (kustomize newTag; `latest` when the reference has none). */
  readonly operatorTag: string;
  /** Makefile IMAGE_TAG_BASE: the operator image without its tag. */
  readonly tagBase: string;
  /** helm-operator base image tag (`--helm-operator-version`), e.g. `v1.42.3`. */
  readonly helmOperatorVersion: string;
  /** `quay.io/operator-framework/helm-operator:<tag>`. */
  readonly helmOperator: string;
  /** `quay.io/operator-framework/scorecard-test:<tag>`. */
  readonly scorecard: string;
  /** operator-sdk release the Makefile downloads, same tag as the base image. */
  readonly operatorSdkVersion: string;
}

export interface RbacInfo {
  /** Rules of the ClusterRole `manager-role`, sorted, each with the chart templates that need it. */
  readonly rules: readonly PolicyRule[];
  /** Warnings the analysis raised, formatted `file:line: message`, for the generated README. */
  readonly warnings: readonly string[];
}

export interface CrdInfo {
  /** The CRD's `openAPIV3Schema` (spec and status). Render with `h.yaml(m.crd.schema, indent)`. */
  readonly schema: Readonly<Record<string, unknown>>;
  /** Where the spec schema came from: `values.schema.json`, `values.yaml` or `none`. */
  readonly schemaSource: string;
  /**
   * Checks of values.schema.json a CRD cannot carry, which Helm applies when the operator reconciles:
   * one entry per schema file, `<file>: <keyword> (<n>×, first at <path>), ...`. Empty when none.
   */
  readonly helmOnlyChecks: readonly string[];
}

export interface SampleInfo {
  /** metadata.name of the sample CR: `<kindLower>-sample`. */
  readonly name: string;
  /**
   * What follows `spec:` on its line (write `spec:<%- m.sample.specBlock %>`): the chart's values.yaml
   * with comments and key order kept, as a newline and then the text indented by two spaces; or ` {}`
   * and a newline when the chart has no values. Always ends with a newline.
   */
  readonly specBlock: string;
  /**
   * `file:line: message` for each `fail` or `required` of the chart (or of a subchart it enables)
   * that stops a release on its default values (which specBlock keeps): what the user must set before
   * applying the sample. A subchart's ends with ` (values under spec.<key>)`. Empty when the chart
   * installs with its defaults.
   */
  readonly failures: readonly string[];
}

/** What the user answered (all but the folder), as recorded in PROJECT for reproducible regeneration. */
export type AnswersInfo = Omit<Answers, 'directory'>;

/** The model passed to every template as `m`. */
export interface ProjectModel {
  readonly tool: ToolInfo;
  readonly project: ProjectInfo;
  readonly resource: ResourceInfo;
  readonly chart: ChartInfo;
  readonly image: ImageInfo;
  readonly rbac: RbacInfo;
  readonly crd: CrdInfo;
  readonly sample: SampleInfo;
  readonly answers: AnswersInfo;
}
