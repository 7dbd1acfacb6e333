/**
 * The real public charts in ../shared/charts and how to render them with the pinned helm. Two of them
 * need help to render at all: opentelemetry-collector requires `mode` and `image.repository`, and
 * kube-prometheus-stack lists four remote dependencies its charts/ folder lacks (no network here), so
 * it is rendered from a temp copy with those dependencies dropped and their conditions off.
 */
import { cpSync, chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { tempDir } from './cli.js';
import { sharedCharts } from './paths.js';
import { helm } from './tools.js';

/** Names of the shared charts (folders). */
export function sharedChartNames(): string[] {
  return readdirSync(sharedCharts).filter((n) => statSync(join(sharedCharts, n)).isDirectory()).sort();
}

/** Extra `helm template` arguments a chart needs to render with otherwise default values. */
export function requiredSets(chart: string): string[] {
  if (chart === 'opentelemetry-collector') return ['--set', 'mode=deployment', '--set', 'image.repository=otel/opentelemetry-collector-k8s'];
  return [];
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(p);
    else chmodSync(p, 0o644);
  }
}

/** A directory helm can render: the shared chart itself, or a patched temp copy for missing dependencies. */
export function renderableChart(chartDir: string): { dir: string; sets: string[] } {
  const chartYaml = yaml.load(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as { dependencies?: Array<{ name: string; condition?: string }> };
  const chartsDir = join(chartDir, 'charts');
  const present = new Set(existsSync(chartsDir) ? readdirSync(chartsDir).map((n) => n.replace(/-\d.*\.tgz$/, '')) : []);
  const deps = chartYaml.dependencies ?? [];
  const missing = deps.filter((d) => !present.has(d.name));
  if (missing.length === 0) return { dir: chartDir, sets: [] };
  const copy = join(tempDir('cho-chart-copy-'), 'chart');
  cpSync(chartDir, copy, { recursive: true });
  makeWritable(copy);
  const text = readFileSync(join(copy, 'Chart.yaml'), 'utf8');
  const doc = yaml.load(text) as Record<string, unknown>;
  doc['dependencies'] = deps.filter((d) => present.has(d.name));
  writeFileSync(join(copy, 'Chart.yaml'), yaml.dump(doc));
  const sets = missing.flatMap((d) => (d.condition ? ['--set', `${d.condition.split(',')[0]!.trim()}=false`] : []));
  return { dir: copy, sets };
}

/** Renders a chart with `helm template --include-crds` and returns the objects (apiVersion, kind, hook). */
export function renderObjects(chartDir: string, extra: readonly string[] = []): Array<Record<string, any>> {
  const r = helm(['template', 'release', chartDir, '--include-crds', '--namespace', 'default', ...extra]);
  if (r.status !== 0) throw new Error(`helm template ${chartDir} failed: ${r.stderr}`);
  return (yaml.loadAll(r.stdout) as Array<Record<string, any> | null>).filter((d): d is Record<string, any> => d !== null && typeof d === 'object');
}
