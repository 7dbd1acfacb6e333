/**
 * The only chart I/O: a directory or a packaged .tgz becomes a ChartFiles list. Everything after this
 * works on bytes in memory, so every source (directory, archive, download) shares one loader.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { UserError } from '../diagnostics.js';
import { parseHelmIgnore, type HelmIgnore } from './helmignore.js';
import { DEFAULT_LIMITS, type ChartLimits } from './limits.js';
import { readTarGz } from './tar.js';
import { compareStrings } from '../util/compare.js';
import type { ChartFile, ChartFiles } from './types.js';

/** Reads a packaged chart: every entry sits under one top folder (the chart name), which is stripped. */
export async function readChartArchive(path: string, limits: ChartLimits = DEFAULT_LIMITS): Promise<ChartFiles> {
  return readChartArchiveBytes(path, await readFile(path), limits);
}

/** Reads a packaged chart already in memory (a download); `origin` names it in messages. */
export function readChartArchiveBytes(origin: string, data: Buffer, limits: ChartLimits = DEFAULT_LIMITS): ChartFiles {
  return { origin, files: stripTopFolder(origin, readTarGz(origin, data, limits)) };
}

/** Strips the single top-level folder `helm package` puts every entry in. */
export function stripTopFolder(origin: string, entries: readonly ChartFile[]): ChartFile[] {
  const tops = new Set(entries.map((f) => f.path.split('/')[0]));
  if (entries.length === 0 || tops.size !== 1 || entries.some((f) => !f.path.includes('/'))) {
    throw new UserError(`${origin}: not a packaged chart (expected every file under one <chart>/ folder)`);
  }
  return entries
    .map((f) => ({ path: f.path.slice(f.path.indexOf('/') + 1), data: f.data }))
    .filter((f) => f.path !== '')
    .sort((a, b) => compareStrings(a.path, b.path));
}

/**
 * Reads a chart directory, applying its .helmignore as Helm does. Links must stay inside the chart.
 * The reads are synchronous: a chart is hundreds of small files, and a thread-pool round trip per
 * call (lstat, then read) costs more than the read itself.
 */
export async function readChartDir(dir: string, limits: ChartLimits = DEFAULT_LIMITS): Promise<ChartFiles> {
  const root = realpathSync(dir);
  let ignore: HelmIgnore;
  try {
    ignore = parseHelmIgnore(readFileSync(join(root, '.helmignore'), 'utf8'));
  } catch {
    ignore = parseHelmIgnore('');
  }
  const files: ChartFile[] = [];
  let total = 0;
  const walk = (abs: string): void => {
    for (const name of readdirSync(abs).sort(compareStrings)) {
      const full = join(abs, name);
      const rel = relative(root, full).split(sep).join('/');
      let info = lstatSync(full);
      if (info.isSymbolicLink()) {
        let target: string | undefined;
        try { target = realpathSync(full); } catch { target = undefined; }
        if (!target || (target !== root && !target.startsWith(root + sep))) {
          throw new UserError(`${dir}: ${rel} is a link that points outside the chart; replace it with the file itself`);
        }
        info = statSync(full);
      }
      if (ignore.ignores(rel, info.isDirectory())) continue;
      if (info.isDirectory()) { walk(full); continue; }
      if (!info.isFile()) throw new UserError(`${dir}: ${rel} is not a regular file; remove it from the chart`);
      total += info.size;
      if (total > limits.maxBytes) throw new UserError(`${dir}: chart is larger than ${limits.maxBytes} bytes; raise --max-chart-bytes if it is genuine`);
      if (files.length + 1 > limits.maxFiles) throw new UserError(`${dir}: chart has more than ${limits.maxFiles} files; raise --max-chart-files if it is genuine`);
      files.push({ path: rel, data: readFileSync(full) });
    }
  };
  walk(root);
  files.sort((a, b) => compareStrings(a.path, b.path));
  return { origin: dir, files };
}
