/**
 * Where a chart comes from. `--chart` names a directory or a packaged .tgz; with none, the built-in
 * starter chart is used, named after the kind. Every source ends as ChartFiles for the one loader.
 */
import { stat } from 'node:fs/promises';
import { UserError } from '../diagnostics.js';
import { DEFAULT_LIMITS, type ChartLimits } from './limits.js';
import { readChartArchive, readChartDir } from './read.js';
import { readStarterChart } from './starter.js';
import type { ChartFiles } from './types.js';

/** A chart's files and the provenance PROJECT records. */
export interface AcquiredChart {
  readonly files: ChartFiles;
  /** `directory`, `archive` or `starter`. */
  readonly sourceType: string;
  /** The location as the user gave it (`built-in` for the starter). */
  readonly source: string;
}

/** Reads the chart named by --chart. */
export async function acquireChart(location: string, limits: ChartLimits = DEFAULT_LIMITS): Promise<AcquiredChart> {
  const info = await stat(location).catch(() => undefined);
  if (!info) {
    throw new UserError(`--chart ${location}: no such file or directory`, { hint: 'pass a chart directory or a packaged .tgz' });
  }
  if (info.isDirectory()) return { files: await readChartDir(location, limits), sourceType: 'directory', source: location };
  if (info.isFile()) return { files: await readChartArchive(location, limits), sourceType: 'archive', source: location };
  throw new UserError(`--chart ${location}: not a directory or a file`);
}

/** The built-in starter chart, named `chartName`. */
export async function acquireStarterChart(chartName: string): Promise<AcquiredChart> {
  return { files: await readStarterChart(chartName), sourceType: 'starter', source: 'built-in' };
}
