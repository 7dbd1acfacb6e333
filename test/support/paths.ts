/** Well-known paths for tests. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The real public charts shared with this project (read-only; never copied into the repo). */
export const sharedCharts = resolve(repoRoot, '..', 'shared', 'charts');
/** Built CLI entry point. */
export const cliPath = join(repoRoot, 'bin', 'create-helm-operator.cjs');
