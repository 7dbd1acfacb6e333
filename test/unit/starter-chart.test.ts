/**
 * The built-in starter chart: read with a name, written to a temp dir, then checked with the pinned
 * helm the way a chart author would (lint --strict, template with defaults and with every option on).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import yaml from 'js-yaml';
import { readStarterChart } from '../../src/chart/starter.js';
import type { ChartFiles } from '../../src/chart/types.js';
import { UserError } from '../../src/diagnostics.js';
import { packageRoot, packageVersion } from '../../src/util/package-root.js';
import { repoRoot } from '../support/paths.js';
import { helm } from '../support/tools.js';

const NAME = 'demo';
const ALL_FEATURES = [
  '--set', 'ingress.enabled=true',
  '--set', 'httpRoute.enabled=true',
  '--set', 'autoscaling.enabled=true',
  '--set', 'podDisruptionBudget.enabled=true',
];

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; spec?: any };

function manifests(stdout: string): Manifest[] {
  return (yaml.loadAll(stdout) as unknown[]).filter((d): d is Manifest => d !== null && typeof d === 'object');
}

function kindsOf(docs: readonly Manifest[]): string[] {
  return docs.map((d) => `${d.apiVersion}/${d.kind}`).sort();
}

/** Runs helm and fails the test with helm's stderr when it does not exit 0. */
function helmOk(args: readonly string[]): string {
  const r = helm(args);
  assert.equal(r.status, 0, `helm ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

describe('starter chart', () => {
  let chart: ChartFiles;
  let tmp: string;
  let chartDir: string;

  before(async () => {
    chart = await readStarterChart(NAME);
    tmp = mkdtempSync(join(tmpdir(), 'cho-starter-'));
    // helm lint expects the directory to carry the chart's name.
    chartDir = join(tmp, NAME);
    for (const file of chart.files) {
      const target = join(chartDir, ...file.path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.data);
    }
  });

  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('finds the package root and version', () => {
    assert.equal(packageRoot(), repoRoot);
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    assert.equal(packageVersion(), pkg.version);
  });

  it('lists the files sorted, with POSIX paths and its origin', () => {
    assert.equal(chart.origin, 'built-in starter chart');
    const paths = chart.files.map((f) => f.path);
    assert.deepEqual(paths, [...paths].sort());
    for (const expected of [
      '.helmignore', 'Chart.yaml', 'values.yaml', 'values.schema.json', 'templates/NOTES.txt',
      'templates/_helpers.tpl', 'templates/deployment.yaml', 'templates/service.yaml',
      'templates/serviceaccount.yaml', 'templates/ingress.yaml', 'templates/httproute.yaml',
      'templates/hpa.yaml', 'templates/pdb.yaml', 'templates/tests/test-connection.yaml',
    ]) {
      assert.ok(paths.includes(expected), `missing ${expected}`);
    }
    assert.ok(paths.every((p) => !p.includes('\\') && !p.startsWith('/')));
  });

  it('replaces every <CHARTNAME> with the name', () => {
    const raw = readFileSync(join(packageRoot(), 'starter-chart', 'templates', '_helpers.tpl'), 'utf8');
    assert.match(raw, /<CHARTNAME>\.fullname/, 'the starter itself uses the placeholder');
    for (const file of chart.files) {
      assert.ok(!file.data.toString('utf8').includes('<CHARTNAME>'), `${file.path} still has <CHARTNAME>`);
    }
    const meta = yaml.load(chart.files.find((f) => f.path === 'Chart.yaml')!.data.toString('utf8')) as Record<string, unknown>;
    assert.equal(meta.name, NAME);
    assert.equal(meta.version, '0.1.0');
    assert.match(String(meta.appVersion), /^\d+\.\d+\.\d+/);
  });

  it('refuses a name that is not a DNS label', async () => {
    await assert.rejects(readStarterChart('Demo'), UserError);
    await assert.rejects(readStarterChart('a/b'), UserError);
    await assert.rejects(readStarterChart(''), UserError);
  });

  it('passes helm lint --strict, with defaults and with every option on', () => {
    helmOk(['lint', '--strict', chartDir]);
    helmOk(['lint', '--strict', chartDir, ...ALL_FEATURES]);
  });

  it('renders the base objects with default values, locked down', () => {
    const docs = manifests(helmOk(['template', 'r', chartDir]));
    assert.deepEqual(kindsOf(docs), ['apps/v1/Deployment', 'v1/Pod', 'v1/Service', 'v1/ServiceAccount']);
    const deployment = docs.find((d) => d.kind === 'Deployment')!;
    assert.equal(deployment.metadata.name, `r-${NAME}`);
    const pod = deployment.spec.template.spec;
    assert.equal(pod.securityContext.runAsNonRoot, true);
    assert.equal(pod.securityContext.seccompProfile.type, 'RuntimeDefault');
    assert.equal(pod.automountServiceAccountToken, false);
    const [container] = pod.containers;
    assert.match(container.image, /^nginxinc\/nginx-unprivileged:\d+\.\d+\.\d+/);
    assert.equal(container.ports[0].containerPort, 8080);
    assert.equal(container.securityContext.readOnlyRootFilesystem, true);
    assert.equal(container.securityContext.allowPrivilegeEscalation, false);
    assert.deepEqual(container.securityContext.capabilities.drop, ['ALL']);
    assert.ok(container.volumeMounts.some((m: { mountPath: string }) => m.mountPath === '/tmp'));
  });

  it('renders Ingress, HTTPRoute, HPA and PDB when they are turned on', () => {
    const docs = manifests(helmOk(['template', 'r', chartDir, ...ALL_FEATURES]));
    assert.deepEqual(kindsOf(docs), [
      'apps/v1/Deployment',
      'autoscaling/v2/HorizontalPodAutoscaler',
      'gateway.networking.k8s.io/v1/HTTPRoute',
      'networking.k8s.io/v1/Ingress',
      'policy/v1/PodDisruptionBudget',
      'v1/Pod',
      'v1/Service',
      'v1/ServiceAccount',
    ]);
    const deployment = docs.find((d) => d.kind === 'Deployment')!;
    assert.equal(deployment.spec.replicas, undefined, 'the HPA owns the replica count');
    const hpa = docs.find((d) => d.kind === 'HorizontalPodAutoscaler')!;
    assert.deepEqual(hpa.spec.metrics.map((m: { resource: { name: string } }) => m.resource.name), ['cpu']);
    const route = docs.find((d) => d.kind === 'HTTPRoute')!;
    assert.deepEqual(route.spec.rules[0].backendRefs, [{ name: `r-${NAME}`, port: 80 }]);
  });

  it('renders a PodDisruptionBudget with minAvailable when it is set', () => {
    const out = helmOk([
      'template', 'r', chartDir, '--show-only', 'templates/pdb.yaml',
      '--set', 'podDisruptionBudget.enabled=true', '--set', 'podDisruptionBudget.minAvailable=50%',
    ]);
    const [pdb] = manifests(out);
    assert.equal(pdb!.spec.minAvailable, '50%');
    assert.equal(pdb!.spec.maxUnavailable, undefined);
  });

  it('rejects values that break values.schema.json', () => {
    for (const bad of ['replicaCount=two', 'unknownKey=1', 'service.type=ExternalName', 'podDisruptionBudget.minAvailable=half']) {
      const r = helm(['template', 'r', chartDir, '--set', bad]);
      assert.notEqual(r.status, 0, `--set ${bad} should fail`);
      assert.match(r.stderr, /schema/, `--set ${bad}: ${r.stderr}`);
    }
  });

  it('describes every value of values.yaml in values.schema.json and with a # -- comment', () => {
    const text = (path: string) => chart.files.find((f) => f.path === path)!.data.toString('utf8');
    const values = yaml.load(text('values.yaml')) as Record<string, unknown>;
    const schema = JSON.parse(text('values.schema.json')) as Schema;
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.additionalProperties, false);
    const commented = commentedKeys(text('values.yaml'));
    for (const [keySchema, path] of describedKeys(values, schema, '')) {
      assert.ok(keySchema, `${path} is not in values.schema.json`);
      assert.ok(keySchema.description, `${path} has no description in values.schema.json`);
      assert.ok(commented.has(path), `${path} has no "# --" comment above it in values.yaml`);
    }
  });
});

interface Schema {
  $schema?: string;
  description?: string;
  additionalProperties?: unknown;
  properties?: Record<string, Schema>;
}

/**
 * Dotted paths of the map keys in values.yaml that have a helm-docs `# --` comment on the line above.
 * Keys are found by indentation (two spaces a level), which is how values.yaml is written.
 */
function commentedKeys(valuesYaml: string): Set<string> {
  const out = new Set<string>();
  const stack: string[] = [];
  let previous = '';
  for (const line of valuesYaml.split('\n')) {
    const m = /^( *)([A-Za-z0-9_]+):/.exec(line);
    if (m) {
      const level = m[1]!.length / 2;
      stack.length = level;
      stack.push(m[2]!);
      if (/^\s*# -- \S/.test(previous)) out.add(stack.join('.'));
    }
    previous = line;
  }
  return out;
}

/**
 * Keys of values.yaml paired with their schema, recursing into maps whose schema lists properties.
 * Free-form maps (annotations, probes, affinity) are described as a whole.
 */
function describedKeys(values: Record<string, unknown>, schema: Schema, prefix: string): [Schema | undefined, string][] {
  const out: [Schema | undefined, string][] = [];
  for (const [key, value] of Object.entries(values)) {
    const path = prefix + key;
    const keySchema = schema.properties?.[key];
    out.push([keySchema, path]);
    const isMap = value !== null && typeof value === 'object' && !Array.isArray(value);
    if (isMap && keySchema?.properties) out.push(...describedKeys(value as Record<string, unknown>, keySchema, `${path}.`));
  }
  return out;
}

// The directory listing of starter-chart/ must be exactly what readStarterChart returns.
describe('starter chart files', () => {
  it('reads every file under starter-chart/', async () => {
    const list = (dir: string, prefix = ''): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? list(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
    const chart = await readStarterChart(NAME);
    assert.deepEqual(chart.files.map((f) => f.path), list(join(repoRoot, 'starter-chart')).sort());
  });
});
