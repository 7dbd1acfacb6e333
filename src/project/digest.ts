/** The digest PROJECT records for the vendored chart: stable across machines and file orders. */
import { createHash } from 'node:crypto';
import { compareStrings } from '../util/compare.js';
import type { ChartFile } from '../chart/types.js';

/** `sha256:<hex>` over each file's path, size and bytes, in path order. */
export function chartDigest(files: readonly ChartFile[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => compareStrings(a.path, b.path))) {
    hash.update(`${f.path}\0${f.data.length}\0`);
    hash.update(f.data);
  }
  return `sha256:${hash.digest('hex')}`;
}
