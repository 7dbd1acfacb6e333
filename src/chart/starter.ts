/**
 * The built-in starter chart, used when the user names no chart. Like `helm create --starter`, the
 * files under starter-chart/ spell the chart name as `<CHARTNAME>`; reading them puts the real name in.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../diagnostics.js';
import { packageRoot } from '../util/package-root.js';
import type { ChartFile, ChartFiles } from './types.js';

/** The placeholder Helm's starter charts use for the chart name. */
export const CHART_NAME_PLACEHOLDER = '<CHARTNAME>';

/** Folder of the starter chart inside the package. */
export const STARTER_CHART_DIR = 'starter-chart';

/** `origin` of the starter chart's files, for messages. */
export const STARTER_CHART_ORIGIN = 'built-in starter chart';

// A chart name ends up in Chart.yaml, template names and object names: a DNS-1123 label keeps all valid.
const CHART_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Reads the starter chart with `<CHARTNAME>` replaced by chartName (the operator's kind, lower case)
 * in every file. Paths are POSIX, relative to the chart root, sorted.
 */
export async function readStarterChart(chartName: string): Promise<ChartFiles> {
  if (!CHART_NAME.test(chartName) || chartName.length > 63) {
    throw new UserError(
      `invalid chart name "${chartName}" for the starter chart: use lower-case letters, digits and '-' (at most 63)`,
    );
  }
  const root = join(packageRoot(), STARTER_CHART_DIR);
  const paths = (await listFiles(root)).sort();
  const files = await Promise.all(
    paths.map(async (path): Promise<ChartFile> => {
      const text = await readFile(join(root, ...path.split('/')), 'utf8');
      return { path, data: Buffer.from(text.replaceAll(CHART_NAME_PLACEHOLDER, chartName), 'utf8') };
    }),
  );
  return { origin: STARTER_CHART_ORIGIN, files };
}

/** Every regular file under dir, as POSIX paths relative to it. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = prefix + entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(join(dir, entry.name), `${path}/`)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}
