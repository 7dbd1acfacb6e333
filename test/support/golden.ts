/**
 * The golden cases: fixed inputs whose whole generated tree is committed under test/golden/<case>/.
 * The shared charts may not be copied into this repository, so a case that vendors one leaves
 * helm-charts/ out of its golden tree; the test compares that folder with the source chart instead.
 */
import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './cli.js';
import { repoRoot, sharedCharts } from './paths.js';

export interface GoldenCase {
  readonly name: string;
  readonly args: readonly string[];
  /** Project folder the CLI writes, relative to its cwd. */
  readonly directory: string;
  /** Top-level folders left out of the golden tree. */
  readonly exclude: readonly string[];
}

export const GOLDEN_CASES: readonly GoldenCase[] = [
  { name: 'starter', args: ['demo-operator', '--yes'], directory: 'demo-operator', exclude: [] },
  {
    name: 'memcached',
    args: ['memcached-operator', '--chart', 'shared-charts/memcached', '--domain', 'example.com', '--group', 'cache', '--kind', 'Memcached', '--yes'],
    directory: 'memcached-operator',
    exclude: ['helm-charts'],
  },
];

export const goldenRoot = join(repoRoot, 'test', 'golden');

/** Runs a case in a fresh temp folder (with shared-charts/ linked in) and returns the project path. */
export async function generateCase(c: GoldenCase): Promise<string> {
  const cwd = tempDir('cho-golden-');
  symlinkSync(sharedCharts, join(cwd, 'shared-charts'));
  const r = await runCli(c.args, { cwd });
  if (r.code !== 0) throw new Error(`golden case ${c.name} failed (${r.code}): ${r.stderr}`);
  return join(cwd, c.directory);
}

/** Copies a generated project into test/golden/<case>/, minus the excluded folders. */
export function writeGolden(c: GoldenCase, project: string): void {
  const target = join(goldenRoot, c.name);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(project, target, { recursive: true, filter: (src) => !c.exclude.some((x) => src.startsWith(join(project, x))) });
}
