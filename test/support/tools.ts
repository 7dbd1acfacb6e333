/** Paths and runners for the pinned helm and kubectl in .tools/bin (see scripts/install-tools.mjs). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export const helmPath = join(repoRoot, '.tools', 'bin', 'helm');
export const kubectlPath = join(repoRoot, '.tools', 'bin', 'kubectl');

/** Throws with a clear message when the pinned tools are not installed. */
export function requireTools(): void {
  if (!existsSync(helmPath) || !existsSync(kubectlPath)) {
    throw new Error('helm/kubectl missing: run `npm run tools` (scripts/install-tools.mjs) first');
  }
}

export interface ToolResult { status: number; stdout: string; stderr: string }

// helm must not read or write the developer's own config, cache or repositories.
const helmHome = mkdtempSync(join(tmpdir(), 'cho-helm-home-'));
const helmEnv = {
  ...process.env,
  HELM_CACHE_HOME: join(helmHome, 'cache'),
  HELM_CONFIG_HOME: join(helmHome, 'config'),
  HELM_DATA_HOME: join(helmHome, 'data'),
};

function run(bin: string, args: readonly string[], cwd?: string): ToolResult {
  requireTools();
  const r = spawnSync(bin, args, { cwd, env: helmEnv, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Runs the pinned helm. */
export function helm(args: readonly string[], cwd?: string): ToolResult {
  return run(helmPath, args, cwd);
}

/** Runs the pinned kubectl. */
export function kubectl(args: readonly string[], cwd?: string): ToolResult {
  return run(kubectlPath, args, cwd);
}
