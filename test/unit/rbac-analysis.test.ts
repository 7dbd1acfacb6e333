/** Table tests of the RBAC analysis over small charts, one behaviour per case. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRbac, type RbacAnalysis } from '../../src/analysis/rbac/index.js';
import { chartOf, lines } from '../fixtures/rbac/chart.js';

const PRIMARY = { group: 'demo.my.domain', plural: 'demos' };
const ALL = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/** The verbs granted on group/resource (undefined when no rule names it). */
function verbsOn(a: RbacAnalysis, group: string, resource: string): readonly string[] | undefined {
  return a.rules.find((r) => r.apiGroups.includes(group) && r.resources.includes(resource))?.verbs;
}

function sourcesOn(a: RbacAnalysis, group: string, resource: string): readonly string[] | undefined {
  return a.rules.find((r) => r.apiGroups.includes(group) && r.resources.includes(resource))?.sources;
}

/** Group/resource of every kind the chart can create. */
function chartResources(a: RbacAnalysis): string[] {
  return [...new Set(a.kinds.map((k) => `${k.group}/${k.resource}`))].sort();
}

function analyze(files: Record<string, string>): RbacAnalysis {
  return analyzeRbac(chartOf(files), PRIMARY);
}

describe('analyzeRbac: what the chart can create', () => {
  it('finds kinds in every branch of if/else, with and range, and pairs each with its own apiVersion', () => {
    const a = analyze({
      'templates/a.yaml': lines(
        '{{- if .Values.job }}', 'apiVersion: batch/v1', 'kind: Job', '{{- else }}', 'apiVersion: apps/v1', 'kind: Deployment', '{{- end }}',
        '{{- range .Values.maps }}', '---', 'apiVersion: v1', 'kind: ConfigMap', '{{- end }}',
        '{{- with .Values.svc }}', '---', 'apiVersion: v1', 'kind: Service', '{{- end }}'),
    });
    assert.deepEqual(chartResources(a), ['/configmaps', '/services', 'apps/deployments', 'batch/jobs']);
    assert.deepEqual(verbsOn(a, 'batch', 'jobs'), ALL);
    assert.deepEqual(a.warnings, []);
  });

  it('follows include and template through nested defines at the top level, and survives cycles', () => {
    const a = analyze({
      'templates/_helpers.tpl': lines(
        '{{- define "outer" }}', '{{ include "inner" . }}', '{{- end }}',
        '{{- define "inner" -}}', 'apiVersion: batch/v1', 'kind: CronJob', '{{ template "loop" . }}', '{{- end }}',
        '{{- define "loop" }}{{ include "loop" . }}{{ end }}',
        '{{- define "labels" }}', 'kind: NotAnObject', '{{- end }}'),
      'templates/cron.yaml': lines('{{ include "outer" . }}', 'metadata:', '  labels:', '    {{- include "labels" . | nindent 4 }}'),
    });
    assert.deepEqual(chartResources(a), ['batch/cronjobs']);
    assert.deepEqual(sourcesOn(a, 'batch', 'cronjobs'), ['templates/cron.yaml']);
  });

  it('covers subcharts whatever their condition, with sources under charts/<name>/ and a note', () => {
    const a = analyze({
      'Chart.yaml': lines('apiVersion: v2', 'name: demo', 'version: 0.1.0', 'dependencies:', '  - name: cache', '    version: 1.0.0', '    condition: cache.enabled'),
      'values.yaml': 'cache:\n  enabled: false\n',
      'charts/cache/Chart.yaml': 'apiVersion: v2\nname: cache\nversion: 1.0.0\n',
      'charts/cache/templates/sts.yaml': lines('apiVersion: apps/v1', 'kind: StatefulSet'),
    });
    assert.deepEqual(sourcesOn(a, 'apps', 'statefulsets'), ['charts/cache/templates/sts.yaml']);
    assert.ok(a.notes.some((n) => n.includes('charts/cache/') && n.includes('cache.enabled')), a.notes.join('\n'));
  });

  it('includes hooks but leaves out helm test hooks, saying so in a note', () => {
    const a = analyze({
      'templates/job.yaml': lines('apiVersion: batch/v1', 'kind: Job', 'metadata:', '  annotations:', '    "helm.sh/hook": post-install,post-upgrade'),
      'templates/tests/t.yaml': lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  annotations:', '    helm.sh/hook: test'),
      'templates/tests/t2.yaml': lines('apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  annotations:', '    helm.sh/hook: "test, test-success"  # both'),
    });
    assert.deepEqual(chartResources(a), ['batch/jobs']);
    assert.ok(a.notes.some((n) => n.includes('helm test') && n.includes('templates/tests/t.yaml (Pod)')), a.notes.join('\n'));
  });

  it('grants CRDs from crds/ and maps the chart\'s own kinds through their plural and scope', () => {
    const a = analyze({
      'crds/widgets.yaml': lines(
        'apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata:', '  name: widgets.example.com', 'spec:',
        '  group: example.com', '  names:', '    kind: Widget', '    plural: widgetries', '  scope: Cluster', '  versions:', '  - name: v1alpha1',
        '    schema:', '      openAPIV3Schema:', '        description: "{{ not a template }}"'),
      'templates/w.yaml': lines('apiVersion: example.com/v1alpha1', 'kind: Widget'),
    });
    assert.deepEqual(chartResources(a), ['apiextensions.k8s.io/customresourcedefinitions', 'example.com/widgetries']);
    const widget = a.kinds.find((k) => k.kind === 'Widget');
    assert.deepEqual(widget, { group: 'example.com', version: 'v1alpha1', kind: 'Widget', resource: 'widgetries', namespaced: false, sources: ['templates/w.yaml'] });
    assert.deepEqual(a.warnings, []);
  });

  it('loads objects printed from chart files with .Files.Get (literal, globbed, through tpl)', () => {
    const crd = (kind: string): string => lines('---', 'apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'spec:',
      '  group: example.com', '  names:', `    kind: ${kind}`, `    plural: ${kind.toLowerCase()}s`, '  scope: Namespaced');
    const a = analyze({
      'conf/crds/a.yaml': crd('Alpha'),
      'conf/crds/b.yaml': `# {{ not a template: printed as is\n${crd('Beta')}`,
      'conf/extra.yaml': lines('{{- if .Values.secret }}', 'apiVersion: v1', 'kind: Secret', '{{- end }}'),
      'templates/extra.yaml': lines('{{ tpl (.Files.Get "conf/extra.yaml") . }}'),
      'templates/crds.yaml': lines('{{- range $path, $_ := .Files.Glob "conf/crds/*.yaml" }}', '{{ $.Files.Get $path }}', '{{- end }}'),
      'templates/one.yaml': lines('{{ .Files.Get "conf/crds/a.yaml" }}', '---', 'apiVersion: example.com/v1', 'kind: Beta'),
      'templates/cm.yaml': lines('apiVersion: v1', 'kind: ConfigMap', 'data:', '  x: {{ .Files.Get "conf/crds/a.yaml" | quote }}'),
    });
    assert.deepEqual(chartResources(a), ['/configmaps', '/secrets', 'apiextensions.k8s.io/customresourcedefinitions', 'example.com/betas']);
    assert.deepEqual(sourcesOn(a, 'apiextensions.k8s.io', 'customresourcedefinitions'), ['templates/crds.yaml', 'templates/one.yaml']);
    assert.deepEqual(a.kinds.find((k) => k.kind === 'Secret')?.sources, ['templates/extra.yaml']);
    assert.deepEqual(a.warnings, [], 'Beta is known from its CRD in conf/crds/b.yaml');
  });

  it('resolves apiVersions computed by helpers, Capabilities checks and values to their API group', () => {
    const a = analyze({
      'values.yaml': 'apiVersion: apps/v1\nmonitoring:\n  apiVersion: ""\n',
      'templates/_cap.tpl': lines(
        '{{- define "pdb.apiVersion" -}}', '{{- if semverCompare "<1.21-0" .Capabilities.KubeVersion.Version -}}',
        '{{- print "policy/v1beta1" -}}', '{{- else -}}', 'policy/v1', '{{- end -}}', '{{- end -}}'),
      'templates/pdb.yaml': lines('apiVersion: {{ include "pdb.apiVersion" . }}', 'kind: PodDisruptionBudget'),
      'templates/hpa.yaml': lines('apiVersion: {{ ternary "autoscaling/v2" "autoscaling/v2beta2" (.Capabilities.APIVersions.Has "autoscaling/v2") }}', 'kind: HorizontalPodAutoscaler'),
      'templates/deploy.yaml': lines('apiVersion: {{ .Values.apiVersion }}', 'kind: Deployment'),
      'templates/sm.yaml': lines('{{- $v := .Values.monitoring.apiVersion | default "monitoring.coreos.com/v1" }}', 'apiVersion: {{ $v }}', 'kind: ServiceMonitor'),
    });
    assert.deepEqual(chartResources(a), ['apps/deployments', 'autoscaling/horizontalpodautoscalers', 'monitoring.coreos.com/servicemonitors', 'policy/poddisruptionbudgets']);
    assert.deepEqual(a.kinds.filter((k) => k.kind === 'PodDisruptionBudget').map((k) => k.version), ['v1', 'v1beta1']);
    assert.deepEqual(a.warnings, []);
  });

  it('resolves kinds chosen by values to the default and the alternatives the chart names, with a warning', () => {
    const a = analyze({
      'values.yaml': lines('## StatefulSet or Deployment', 'kind: StatefulSet', 'routes:', '  main:', '    # One of HTTPRoute, GRPCRoute', '    kind: HTTPRoute'),
      'templates/app.yaml': lines('apiVersion: apps/v1', 'kind: {{ .Values.kind }}', 'spec:', '  {{- if eq .Values.kind "DaemonSet" }}', '  x: 1', '  {{- end }}'),
      'templates/route.yaml': lines('{{- range $name, $route := .Values.routes }}', '---', 'apiVersion: gateway.networking.k8s.io/v1', 'kind: {{ $route.kind }}', '{{- end }}'),
    });
    assert.deepEqual(chartResources(a), ['apps/daemonsets', 'apps/deployments', 'apps/statefulsets', 'gateway.networking.k8s.io/grpcroutes', 'gateway.networking.k8s.io/httproutes']);
    assert.deepEqual(a.warnings.map((w) => `${w.file}:${w.line}`), ['templates/app.yaml:2', 'templates/route.yaml:4']);
    assert.match(a.warnings[0]!.message, /\.Values\.kind.*DaemonSet, Deployment, StatefulSet/);
  });

  it('reads the items of a kind: List', () => {
    const a = analyze({
      'templates/list.yaml': lines('apiVersion: v1', 'kind: List', 'items:', '{{- range .Values.monitors }}',
        '  - apiVersion: monitoring.coreos.com/v1', '    kind: PodMonitor', '    spec:', '      selector:', '        kind: NotThis', '{{- end }}'),
    });
    assert.deepEqual(chartResources(a), ['monitoring.coreos.com/podmonitors']);
  });

  it('gives an unknown kind an English plural and a warning naming the template and line', () => {
    const a = analyze({ 'templates/x.yaml': lines('# a comment', 'apiVersion: acme.io/v1', 'kind: Proxy') });
    assert.deepEqual(verbsOn(a, 'acme.io', 'proxies'), ALL);
    assert.equal(a.warnings.length, 1);
    assert.deepEqual([a.warnings[0]!.file, a.warnings[0]!.line], ['templates/x.yaml', 3]);
    assert.match(a.warnings[0]!.message, /Proxy.*not in the kind table.*proxies/);
  });

  it('warns about objects rendered from values (extraObjects), which can be of any kind', () => {
    const a = analyze({ 'templates/extra.yaml': lines('{{ range .Values.extraObjects }}', '---', '{{ tpl (toYaml .) $ }}', '{{ end }}') });
    assert.deepEqual(chartResources(a), []);
    assert.deepEqual(a.warnings.map((w) => `${w.file}:${w.line}`), ['templates/extra.yaml:3']);
  });

  it('renders nothing from a library chart\'s non-partial templates', () => {
    const a = analyze({
      'Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n',
      'templates/not-rendered.yaml': lines('apiVersion: v1', 'kind: Secret'),
    });
    assert.deepEqual(chartResources(a), []);
  });
});

describe('analyzeRbac: chart roles, bindings and lookups', () => {
  const role = (...rules: string[]): string => lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata:', '  name: x', 'rules:', ...rules);

  it('adds the permissions of literal rules across branches, expanding `*` verbs', () => {
    const a = analyze({
      'templates/role.yaml': role(
        '  - apiGroups: [""]', '    resources: ["pods", "pods/log"]  # read logs', '    verbs: ["get", "list"]',
        '  {{- if .Values.write }}', '  - apiGroups:', '      - apps', '    resources:', '      - deployments', '    verbs:', '      - "*"', '  {{- end }}',
        '- nonResourceURLs: ["/metrics"]', '  verbs: ["get"]'),
    });
    assert.deepEqual(verbsOn(a, '', 'pods/log'), ['get', 'list']);
    assert.deepEqual(verbsOn(a, 'apps', 'deployments'), [...ALL, 'deletecollection']);
    const urls = a.rules.find((r) => r.nonResourceURLs?.includes('/metrics'));
    assert.deepEqual(urls && { ...urls }, { apiGroups: [], resources: [], nonResourceURLs: ['/metrics'], verbs: ['get'], sources: ['templates/role.yaml'] });
    assert.equal(verbsOn(a, 'rbac.authorization.k8s.io', 'clusterroles')?.includes('escalate'), false);
    assert.deepEqual(a.warnings, []);
  });

  it('falls back to escalate and bind for `*` resources and for rules computed at render time, with a warning', () => {
    const star = analyze({ 'templates/role.yaml': role('- apiGroups: ["*"]', '  resources: ["*"]', '  verbs: ["*"]') });
    assert.deepEqual(verbsOn(star, 'rbac.authorization.k8s.io', 'clusterroles'), [...ALL, 'bind', 'escalate']);
    assert.ok(!star.rules.some((r) => r.apiGroups.includes('*') || r.resources.includes('*') || r.verbs.includes('*')));
    assert.deepEqual(star.warnings.map((w) => [w.file, w.message]), [
      [undefined, 'the operator gets escalate and bind on clusterroles for the chart\'s role rules warned of below; with them it can grant any permission: review before deploying'],
      ['templates/role.yaml', 'role rule grants `*` API groups or resources; the operator cannot hold these permissions up front: escalate and bind on clusterroles instead'],
    ]);

    const computed = analyze({ 'templates/role.yaml': role('  {{- toYaml .Values.rules | nindent 2 }}') });
    assert.deepEqual(computed.warnings.map((w) => `${w.file ?? ''}:${w.line ?? ''}`), [':', 'templates/role.yaml:6']);
    assert.ok(verbsOn(computed, 'rbac.authorization.k8s.io', 'clusterroles')?.includes('escalate'));
  });

  it('resolves rule items printed by helpers and ignores templated resourceNames', () => {
    const a = analyze({
      'templates/_h.tpl': '{{- define "psp.group" -}}{{- if .Values.old -}}extensions{{- else -}}policy{{- end -}}{{- end -}}',
      'templates/role.yaml': lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'rules:',
        '  - apiGroups: [\'{{ include "psp.group" . }}\']', '    resources: [podsecuritypolicies]', '    verbs: [use]',
        '    resourceNames: {{ toYaml .Values.names | nindent 6 }}'),
    });
    assert.deepEqual(verbsOn(a, 'extensions', 'podsecuritypolicies'), ['use']);
    assert.deepEqual(verbsOn(a, 'policy', 'podsecuritypolicies'), ['use']);
    assert.deepEqual(a.warnings, []);
  });

  it('grants what binding a built-in role requires', () => {
    const a = analyze({
      'templates/crb.yaml': lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRoleBinding', 'roleRef:',
        '  apiGroup: rbac.authorization.k8s.io', '  kind: ClusterRole', '  name: system:auth-delegator'),
    });
    assert.deepEqual(verbsOn(a, 'authentication.k8s.io', 'tokenreviews'), ['create']);
    assert.deepEqual(verbsOn(a, 'authorization.k8s.io', 'subjectaccessreviews'), ['create']);
  });

  it('grants get and list for lookup calls reached through helpers, and warns about computed ones', () => {
    const a = analyze({
      'templates/_pw.tpl': lines('{{- define "pw" -}}', '{{- $s := lookup "v1" "Secret" .Release.Namespace "x" -}}', '{{- lookup .Values.av .Values.kind "" "" -}}', '{{- end -}}'),
      'templates/unused.tpl': '{{- define "never" }}{{ lookup "v1" "Node" "" "" }}{{ end }}',
      'templates/secret.yaml': lines('apiVersion: v1', 'kind: ConfigMap', 'data:', '  pw: {{ include "pw" . }}'),
    });
    assert.deepEqual(verbsOn(a, '', 'secrets'), ALL);
    assert.ok(sourcesOn(a, '', 'secrets')?.includes('templates/secret.yaml'));
    assert.equal(verbsOn(a, '', 'nodes'), undefined);
    assert.deepEqual(a.warnings.map((w) => `${w.file}:${w.line}`), ['templates/_pw.tpl:3']);
  });
});

describe('analyzeRbac: runtime rules and output shape', () => {
  it('always grants what the helm-operator runtime needs, sorted by group, without `*`', () => {
    const a = analyze({});
    assert.deepEqual(a.rules.map((r) => ({ ...r })), [
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'], sources: ['helm-operator runtime'] },
      { apiGroups: [''], resources: ['namespaces'], verbs: ['get'], sources: ['helm-operator runtime'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ALL, sources: ['helm-operator runtime'] },
      { apiGroups: ['demo.my.domain'], resources: ['demos'], verbs: ALL, sources: ['helm-operator runtime'] },
      { apiGroups: ['demo.my.domain'], resources: ['demos/finalizers', 'demos/status'], verbs: ['get', 'update', 'patch'], sources: ['helm-operator runtime'] },
    ]);
  });

  it('merges chart and runtime needs for the same resource and lists every source', () => {
    const a = analyze({
      'templates/s1.yaml': lines('apiVersion: v1', 'kind: Secret'),
      'templates/s2.yaml': lines('apiVersion: v1', 'kind: Secret'),
      'templates/ns.yaml': lines('apiVersion: v1', 'kind: Namespace'),
    });
    assert.deepEqual(sourcesOn(a, '', 'secrets'), ['helm-operator runtime', 'templates/ns.yaml', 'templates/s1.yaml', 'templates/s2.yaml']);
    assert.deepEqual(verbsOn(a, '', 'namespaces'), ALL);
  });

  it('is deterministic whatever the order of the chart files', () => {
    const files = {
      'templates/b.yaml': lines('apiVersion: apps/v1', 'kind: Deployment'),
      'templates/a.yaml': lines('apiVersion: v1', 'kind: Service'),
    };
    const chart = chartOf(files);
    const reversed = { ...chart, templates: [...chart.templates].reverse(), files: [...chart.files].reverse() };
    assert.equal(JSON.stringify(analyzeRbac(reversed, PRIMARY)), JSON.stringify(analyzeRbac(chart, PRIMARY)));
  });
});

describe("analyzeRbac: the operator's own resource", () => {
  const crd = (group: string, kind: string, plural: string): string => lines(
    'apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata:', `  name: ${plural}.${group}`, 'spec:',
    `  group: ${group}`, '  names:', `    kind: ${kind}`, `    plural: ${plural}`, '  scope: Namespaced', '  versions:', '    - name: v1',
  );
  const primary = { group: 'demo.my.domain', plural: 'demos', kind: 'Demo' };

  const cases: ReadonlyArray<[string, Record<string, string>, string[]]> = [
    ['names the files that define it (same plural or same kind) or create objects of it', {
      'crds/by-plural.yaml': crd('demo.my.domain', 'Other', 'demos'),
      'crds/by-kind.yaml': crd('demo.my.domain', 'Demo', 'demoes'),
      'templates/instance.yaml': lines('apiVersion: demo.my.domain/v1', 'kind: Demo', 'metadata:', '  name: x'),
    }, ['crds/by-kind.yaml', 'crds/by-plural.yaml', 'templates/instance.yaml']],
    ['is empty for the same kind in another group, or another kind in the same group', {
      'crds/elsewhere.yaml': crd('other.example.com', 'Demo', 'demos'),
      'crds/sibling.yaml': crd('demo.my.domain', 'Sibling', 'siblings'),
      'templates/instance.yaml': lines('apiVersion: demo.my.domain/v1', 'kind: Sibling', 'metadata:', '  name: x'),
    }, []],
  ];
  for (const [name, files, expected] of cases) {
    it(name, () => assert.deepEqual(analyzeRbac(chartOf(files), primary).primaryClashes, expected));
  }
});
