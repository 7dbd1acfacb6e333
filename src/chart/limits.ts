/** Caps on what a chart may unpack to. Charts are untrusted: tar and gzip bombs stop here. */
export interface ChartLimits {
  /** Largest total size of all files, in bytes. */
  readonly maxBytes: number;
  /** Largest number of files. */
  readonly maxFiles: number;
}

/** Defaults: kube-prometheus-stack, the largest public chart we test, is ~7 MB in ~400 files. */
export const DEFAULT_LIMITS: ChartLimits = { maxBytes: 100 * 1024 * 1024, maxFiles: 10_000 };
