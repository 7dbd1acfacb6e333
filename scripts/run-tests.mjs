#!/usr/bin/env node
// Runs the test suite with node's own runner and tsx. Node 20 finds no tests from a quoted glob,
// so the test files are listed explicitly. Installs the pinned helm/kubectl and builds the CLI first,
// because the end-to-end tests run the built CLI as a user would, and type-checks the tests too
// (tsx strips types without checking them).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

const filters = process.argv.slice(2);
step(process.execPath, [join(root, 'scripts', 'install-tools.mjs')]);
step('npm', ['run', '--silent', 'build']);
step('npm', ['run', '--silent', 'typecheck']);
const files = findTests(join(root, 'test')).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
step(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files]);
