#!/usr/bin/env node
// Runs the end-to-end CLI, golden and generator tests, the published package's tests and the code
// cache's on Node 22 and 24 as well (the node binaries come from the npm registry through
// `npx node@N`), so "works on 20, 22 and 24" is checked, not assumed.
// Run after `npm test`, which installs the tools and builds the CLI.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = ['test/e2e/golden.test.ts', 'test/e2e/cli.test.ts', 'test/unit/generator.test.ts', 'test/e2e/package.test.ts', 'test/unit/compile-cache.test.ts'];
let failed = false;
for (const major of ['22', '24']) {
  const found = spawnSync('npx', ['-y', `node@${major}`, '-e', 'console.log(process.execPath)'], { encoding: 'utf8' });
  const node = found.stdout.trim().split('\n').pop();
  if (found.status !== 0 || !node) {
    console.error(`could not get Node ${major} from the npm registry: ${found.stderr}`);
    failed = true;
    continue;
  }
  console.log(`# Node ${major}: ${node}`);
  const r = spawnSync(node, ['--import', 'tsx', '--test', '--test-reporter=tap', ...files], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
