/**
 * Every real chart in ../shared/charts goes through the built CLI and comes out as a valid project:
 * exit 0, kustomize builds, every YAML parses, helm lint agrees with the original, the operator's
 * ClusterRole covers every kind helm renders with default values (CRDs included), and the CLI warns
 * that the sample CR fails exactly when helm fails on the chart's default values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { listTree, runCli, tempDir } from '../support/cli.js';
import { sharedCharts } from '../support/paths.js';
import { renderObjects, renderableChart, requiredSets, sharedChartNames } from '../support/shared-charts.js';
import { helm, kubectl } from '../support/tools.js';
import { pluralize } from '../../src/analysis/rbac/index.js';

const WRITE_VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/** helm lint's verdict without paths: exit status and the [ERROR]/[WARNING] lines. */
function lintVerdict(dir: string): { status: number; lines: string[] } {
  const r = helm(['lint', dir, ...requiredSets(dir.split('/').pop()!)]);
  const lines = (r.stdout + r.stderr).split('\n').filter((l) => /^\[(ERROR|WARNING)\]/.test(l)).map((l) => l.replaceAll(dir, '<chart>'));
  return { status: r.status, lines: lines.sort() };
}

for (const name of sharedChartNames()) {
  test(`shared chart ${name} becomes a valid operator project`, async () => {
    const cwd = tempDir('cho-real-');
    symlinkSync(join(sharedCharts, name), join(cwd, name));
    const r = await runCli(['project', '--chart', name, '--yes'], { cwd, timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.stderr);
    const project = join(cwd, 'project');

    for (const dir of ['config/default', 'config/crd', 'config/samples', 'config/manifests']) {
      const k = kubectl(['kustomize', join(project, dir)]);
      assert.equal(k.status, 0, `kubectl kustomize ${dir}: ${k.stderr}`);
    }
    for (const file of listTree(project).filter((p) => !p.startsWith('helm-charts/') && /\.ya?ml$|^PROJECT$/.test(p))) {
      assert.doesNotThrow(() => yaml.loadAll(readFileSync(join(project, file), 'utf8')), file);
    }

    const chartName = (yaml.load(readFileSync(join(sharedCharts, name, 'Chart.yaml'), 'utf8')) as { name: string }).name;
    const vendored = join(project, 'helm-charts', chartName);
    assert.deepEqual(lintVerdict(vendored), lintVerdict(join(sharedCharts, name)), 'helm lint differs between vendored and original chart');

    const role = (yaml.loadAll(readFileSync(join(project, 'config/rbac/role.yaml'), 'utf8')) as any[]).find((d) => d?.kind === 'ClusterRole');
    const rules = role.rules as Array<{ apiGroups?: string[]; resources?: string[]; verbs: string[] }>;
    for (const rule of rules) {
      for (const field of [rule.apiGroups ?? [], rule.resources ?? [], rule.verbs]) assert.ok(!field.includes('*'), `wildcard in ${JSON.stringify(rule)}`);
    }
    const renderable = renderableChart(join(sharedCharts, name));
    // The sample CR keeps the chart's defaults: helm fails on them exactly when the CLI warned so.
    const warned = r.stderr.split('\n').filter((l) => l.includes("fails the release with the chart's default values"));
    const withDefaults = helm(['template', 'release', renderable.dir, '--namespace', 'default', ...renderable.sets]);
    if (withDefaults.status === 0) {
      assert.deepEqual(warned, [], 'warned of a failure helm does not have');
    } else {
      const failure = /execution error at \([^)]*\): (.*)/.exec(withDefaults.stderr)?.[1];
      assert.ok(failure, withDefaults.stderr);
      assert.ok(warned.some((w) => w.includes(failure.slice(0, 100))), `helm fails with "${failure}"; the CLI did not warn of it:\n${r.stderr}`);
      const sample = listTree(project).find((p) => p.startsWith('config/samples/') && !p.endsWith('kustomization.yaml'))!;
      const text = readFileSync(join(project, sample), 'utf8');
      assert.match(text, /^# With these values the chart refuses to install; set what it asks for before applying:$/m);
      assert.ok(text.includes(failure.slice(0, 100)), `${sample} does not name "${failure}"`);
    }
    const objects = renderObjects(renderable.dir, [...renderable.sets, ...requiredSets(name)]);
    assert.ok(objects.length > 0);
    // Resource names: from the CRDs the render itself carries, else the English plural of the kind.
    const crdPlurals = new Map(objects.filter((o) => o.kind === 'CustomResourceDefinition')
      .map((o) => [`${o.spec.group}/${o.spec.names.kind}`, String(o.spec.names.plural)]));
    for (const obj of objects) {
      if (/\btest(-success)?\b/.test(obj.metadata?.annotations?.['helm.sh/hook'] ?? '')) continue;
      const apiVersion = String(obj.apiVersion);
      const group = apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
      const resource = crdPlurals.get(`${group}/${obj.kind}`) ?? pluralize(String(obj.kind)).toLowerCase();
      const rule = rules.find((x) => (x.apiGroups ?? []).includes(group) && (x.resources ?? []).includes(resource));
      assert.ok(rule, `${name}: no rule for ${resource} in group "${group}" (${apiVersion} ${obj.kind})`);
      for (const verb of WRITE_VERBS) assert.ok(rule.verbs.includes(verb), `${name}: ${group}/${resource} lacks ${verb}`);
    }
  });
}
