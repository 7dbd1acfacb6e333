/**
 * The RBAC analysis against every real chart in ../shared/charts, checked with the pinned helm: the
 * rules cover every group/resource helm renders (hooks and CRDs included, `helm test` hooks excluded)
 * with default values, with each ci/ values file and with every boolean `enabled` flag turned on.
 * Also: no `*` anywhere, every rule traces to a chart file that mentions it, output is deterministic,
 * and the largest chart analyses well under a second.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import yaml from 'js-yaml';
import { analyzeRbac, type RbacAnalysis } from '../../src/analysis/rbac/index.js';
import { BUILTIN_KINDS } from '../../src/analysis/rbac/kinds/builtin.js';
import { COMMON_CRD_KINDS } from '../../src/analysis/rbac/kinds/common-crds.js';
import { KindTable, parseKindTable } from '../../src/analysis/rbac/kinds/table.js';
import { loadChart } from '../../src/chart/load.js';
import { readChartDir } from '../../src/chart/read.js';
import type { Chart } from '../../src/chart/types.js';
import { tempDir } from '../support/cli.js';
import { sharedCharts } from '../support/paths.js';
import { renderableChart, sharedChartNames } from '../support/shared-charts.js';
import { helm } from '../support/tools.js';

const PRIMARY = { group: 'demo.my.domain', plural: 'demos' };
const RUNTIME = 'helm-operator runtime';
const NEEDED_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

type Obj = Record<string, any>;

/** One `helm template` invocation to check. */
interface Render { readonly label: string; readonly args: readonly string[] }

/** Values that turn on every boolean `enabled` key of the chart's and its subcharts' values.yaml. */
function allEnabledValues(chart: Chart): Obj {
  const out: Obj = {};
  const walk = (values: unknown, target: Obj): void => {
    if (!values || typeof values !== 'object' || Array.isArray(values)) return;
    for (const [key, value] of Object.entries(values)) {
      if (key === 'enabled' && typeof value === 'boolean') target[key] = true;
      else if (value && typeof value === 'object' && !Array.isArray(value)) {
        const child: Obj = {};
        walk(value, child);
        if (Object.keys(child).length > 0) target[key] = { ...(target[key] ?? {}), ...child };
      }
    }
  };
  walk(chart.values, out);
  for (const sub of chart.subcharts) {
    const child: Obj = out[sub.valuesKey] ?? {};
    walk(sub.chart.values, child);
    if (Object.keys(child).length > 0) out[sub.valuesKey] = child;
  }
  return out;
}

/** opentelemetry-collector renders only with a mode and an image; ci files may set them themselves. */
function otelSets(valuesFile: string | undefined, mode: string): string[] {
  const values = (valuesFile ? yaml.load(readFileSync(valuesFile, 'utf8')) : {}) as Obj | null;
  const sets: string[] = [];
  if (!values?.mode) sets.push('--set', `mode=${mode}`);
  if (!values?.image?.repository) sets.push('--set', 'image.repository=otel/opentelemetry-collector-k8s');
  return sets;
}

function rendersFor(name: string, chartDir: string, chart: Chart, baseSets: readonly string[]): Render[] {
  const ciDir = join(chartDir, 'ci');
  const ciFiles = existsSync(ciDir) ? readdirSync(ciDir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  const allEnabled = join(tempDir('cho-rbac-values-'), 'all-enabled.yaml');
  writeFileSync(allEnabled, yaml.dump(allEnabledValues(chart)));
  const valueSets: { label: string; file?: string }[] = [
    { label: 'default values' },
    ...ciFiles.map((f) => ({ label: `ci/${f}`, file: join(ciDir, f) })),
    { label: 'every enabled flag on', file: allEnabled },
  ];
  const modes = name === 'opentelemetry-collector' ? ['deployment', 'daemonset'] : [''];
  return modes.flatMap((mode) => valueSets
    .filter((v) => mode !== 'daemonset' || !v.file?.includes('/ci/'))
    .map((v) => ({
      label: mode ? `${v.label}, mode=${mode}` : v.label,
      args: [...(v.file ? ['-f', v.file] : []), ...(mode ? otelSets(v.file, mode) : []), ...baseSets],
    })));
}

/** The objects helm creates from a render: List items flattened, `helm test` hooks left out. */
function createdObjects(stdout: string): Obj[] {
  const docs = (yaml.loadAll(stdout, undefined, { json: true }) as unknown[]).filter((d): d is Obj => !!d && typeof d === 'object');
  const flat = (o: Obj): Obj[] => (o.kind === 'List' && Array.isArray(o.items) ? o.items.flatMap(flat) : [o]);
  return docs.flatMap(flat).filter((o) => !isTestHook(o));
}

function isTestHook(o: Obj): boolean {
  const hook = o.metadata?.annotations?.['helm.sh/hook'];
  return typeof hook === 'string' && hook.split(',').every((h) => ['test', 'test-success'].includes(h.trim()));
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/**
 * group/resource of a rendered object, independently of the analysis where possible: the render's own
 * CRDs, then the bundled table, and only for kinds neither knows, the analysis' guess.
 */
function resourceOf(o: Obj, analysis: RbacAnalysis, rendered: readonly Obj[], table: KindTable): string | undefined {
  const group = groupOf(String(o.apiVersion));
  const crd = rendered.find((c) => c.kind === 'CustomResourceDefinition' && c.spec?.group === group && c.spec?.names?.kind === o.kind);
  return crd?.spec?.names?.plural ?? table.get(group, String(o.kind))?.resource
    ?? analysis.kinds.find((k) => k.group === group && k.kind === o.kind)?.resource;
}

function covers(analysis: RbacAnalysis, group: string, resource: string): boolean {
  return analysis.rules.some((r) => r.apiGroups.includes(group) && r.resources.includes(resource) && NEEDED_VERBS.every((v) => r.verbs.includes(v)));
}

/** Kind names that map to a group/resource, from the analysis and the bundled table. */
function kindsOf(analysis: RbacAnalysis, groups: readonly string[], resource: string): string[] {
  const bundled = [...parseKindTable(BUILTIN_KINDS), ...parseKindTable(COMMON_CRD_KINDS)];
  return [...analysis.kinds, ...bundled].filter((k) => groups.includes(k.group) && k.resource === resource).map((k) => k.kind);
}

/**
 * A chart's text as a template sees it: a file plus the named templates it includes (transitively,
 * from any chart or subchart) and the chart files it reads with .Files.Get. Define bodies are cut at
 * the next define, which can only make the check more lenient, never stricter than Helm.
 */
class ChartText {
  private readonly defines = new Map<string, string[]>();
  private readonly files: string[] = [];

  constructor(private readonly root: string) {
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else this.files.push(relative(root, path));
      }
    };
    walk(root);
    for (const file of this.files.filter((f) => /(^|\/)templates\//.test(f))) {
      const chunks = readFileSync(join(root, file), 'utf8').split(/(?=\{\{-?\s*define\s+")/);
      for (const chunk of chunks) {
        const name = /^\{\{-?\s*define\s+"([^"]+)"/.exec(chunk)?.[1];
        if (name) this.defines.set(name, [...(this.defines.get(name) ?? []), chunk]);
      }
    }
  }

  /** Every values.yaml and values.schema.json of the chart and its subcharts. */
  valuesText(): string {
    return this.files.filter((f) => /(^|\/)values(\.schema\.json|\.yaml)$/.test(f)).map((f) => readFileSync(join(this.root, f), 'utf8')).join('\n');
  }

  /** The source file and everything it pulls in. Fails when the source is not a file of the chart. */
  reachable(source: string): string {
    assert.ok(this.files.includes(source), `source ${source} is not a file of the chart`);
    const dir = source.includes('/templates/') ? source.slice(0, source.indexOf('/templates/') + 1) : source.startsWith('templates/') ? '' : dirname(source) + '/';
    const out: string[] = [];
    const seen = new Set<string>();
    const queue = [readFileSync(join(this.root, source), 'utf8')];
    while (queue.length > 0) {
      const body = queue.pop()!;
      out.push(body);
      for (const m of body.matchAll(/(?:include|template)\s+"([^"]+)"/g)) {
        if (seen.has(m[1]!)) continue;
        seen.add(m[1]!);
        queue.push(...(this.defines.get(m[1]!) ?? []));
      }
      for (const m of body.matchAll(/\.Files\.(?:Get|Glob)\s+"([^"]+)"/g)) {
        const pattern = new RegExp(`^${(dir + m[1]!).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
        for (const f of this.files.filter((f) => pattern.test(f) && !seen.has(f))) {
          seen.add(f);
          queue.push(readFileSync(join(this.root, f), 'utf8'));
        }
      }
    }
    return out.join('\n');
  }
}

/** Binding these built-in roles needs their permissions (auth delegation, reading the auth configmap). */
const BOUND_BUILTIN_ROLE = /roleRef:[\s\S]*name:\s*(system:auth-delegator|extension-apiserver-authentication-reader)\b/;

const skipped: string[] = [];
let checked = 0;

for (const name of sharedChartNames()) {
  const chartDir = join(sharedCharts, name);
  describe(`RBAC for ${name}`, async () => {
    const chart = loadChart(await readChartDir(chartDir));
    const analysis = analyzeRbac(chart, PRIMARY);
    // renderableChart expects a charts/ folder; charts without dependencies render as they are.
    const renderable = existsSync(join(chartDir, 'charts')) ? renderableChart(chartDir) : { dir: chartDir, sets: [] };

    it('covers every group/resource helm renders (default, ci/ and all-enabled values)', () => {
      const table = new KindTable();
      const missing: string[] = [];
      for (const render of rendersFor(name, chartDir, chart, renderable.sets)) {
        const r = helm(['template', 'x', renderable.dir, '--include-crds', '--namespace', 'default', ...render.args]);
        if (r.status !== 0) {
          skipped.push(`${name} (${render.label}): ${r.stderr.trim().split('\n').pop()}`);
          continue;
        }
        checked++;
        const objects = createdObjects(r.stdout);
        for (const o of objects) {
          const group = groupOf(String(o.apiVersion));
          const resource = resourceOf(o, analysis, objects, table);
          if (!resource) missing.push(`${render.label}: ${o.apiVersion} ${o.kind} is in no table`);
          else if (!covers(analysis, group, resource)) missing.push(`${render.label}: ${group || 'core'}/${resource} (${o.kind} ${o.metadata?.name})`);
        }
      }
      assert.deepEqual([...new Set(missing)], []);
    });

    it('grants no `*` and only verbs Kubernetes knows', () => {
      for (const rule of analysis.rules) {
        for (const field of [rule.apiGroups, rule.resources, rule.verbs, rule.nonResourceURLs ?? []]) {
          assert.ok(!field.includes('*'), JSON.stringify(rule));
        }
        assert.ok(rule.verbs.length > 0 && rule.sources.length > 0, JSON.stringify(rule));
      }
    });

    it('traces every kind and rule to a chart file that mentions it (or the helper producing it)', () => {
      const text = new ChartText(chartDir);
      const values = text.valuesText();
      for (const kind of analysis.kinds) {
        for (const source of kind.sources) {
          const body = text.reachable(source);
          const chosenByValues = /kind:\s*\{\{/.test(body) && values.includes(kind.kind);
          assert.ok(body.includes(kind.kind) || chosenByValues, `${source} (with its helpers) does not mention ${kind.kind}`);
        }
      }
      for (const rule of analysis.rules) {
        const sources = rule.sources.filter((s) => s !== RUNTIME);
        if (sources.length === 0) continue;
        const bodies = sources.map((s) => text.reachable(s));
        for (const resource of [...rule.resources, ...(rule.nonResourceURLs ?? [])]) {
          const base = resource.split('/')[0]!;
          const names = [base, resource, ...kindsOf(analysis, rule.apiGroups, base)];
          const mentioned = bodies.some((b) => names.some((n) => b.includes(n) || (/kind:\s*\{\{/.test(b) && values.includes(n)))
            || (rule.verbs.includes('escalate') && /kind:\s*["']?(Cluster)?Role\b/.test(b))
            || BOUND_BUILTIN_ROLE.test(b));
          assert.ok(mentioned || rule.sources.includes(RUNTIME), `${resource} in ${JSON.stringify(rule.apiGroups)} is not mentioned by ${sources.join(', ')}`);
        }
      }
    });

    it('is deterministic: a fresh load gives byte-identical output', async () => {
      const again = analyzeRbac(loadChart(await readChartDir(chartDir)), PRIMARY);
      assert.equal(JSON.stringify(again), JSON.stringify(analysis));
    });
  });
}

describe('rendered charts', () => {
  it('reports how many renders helm rejected', (t) => {
    t.diagnostic(`${checked} renders checked, ${skipped.length} rejected by helm`);
    for (const s of skipped) t.diagnostic(`rejected: ${s}`);
    assert.ok(checked > 0);
  });
});
