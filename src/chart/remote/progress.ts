/**
 * Download progress on stderr: a bar redrawn in place on a terminal, plain start/finish lines
 * otherwise (CI logs and pipes keep one line per event). Stdout is never touched.
 */

/** Where progress goes: a writable with an optional TTY flag (process.stderr in the CLI). */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** One download in progress. */
export interface ProgressTask {
  /** Bytes received since the last call. */
  advance(bytes: number): void;
  /** The download finished with `bytes` in total. */
  done(bytes: number): void;
  /** The download stopped (the caller reports why). */
  fail(): void;
}

/** Reports downloads and the warnings that come up while fetching. */
export interface Progress {
  start(label: string, total: number | undefined): ProgressTask;
  warn(message: string): void;
}

const WIDTH = 24;

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** Progress written to `stream`: a bar on a TTY, plain lines otherwise. */
export function streamProgress(stream: ProgressStream): Progress {
  return {
    warn: (message) => { stream.write(`warning: ${message}\n`); },
    start: (label, total) => {
      if (!stream.isTTY) {
        stream.write(`downloading ${label}\n`);
        return {
          advance: () => undefined,
          done: (bytes) => { stream.write(`downloaded ${label} (${formatBytes(bytes)})\n`); },
          fail: () => undefined,
        };
      }
      let received = 0;
      let lastDraw = 0;
      const draw = (final: boolean): void => {
        const now = Date.now();
        if (!final && now - lastDraw < 100) return;
        lastDraw = now;
        const fraction = total ? Math.min(1, received / total) : undefined;
        const bar = fraction === undefined ? '' : `[${'#'.repeat(Math.round(fraction * WIDTH)).padEnd(WIDTH, '.')}] ${Math.round(fraction * 100)}% `;
        stream.write(`\r\x1b[2K${label} ${bar}${formatBytes(received)}${final ? '\n' : ''}`);
      };
      return {
        advance: (bytes) => { received += bytes; draw(false); },
        done: (bytes) => { received = bytes; draw(true); },
        fail: () => { stream.write('\n'); },
      };
    },
  };
}

/** Progress that says nothing (unit tests, nested fetches that report elsewhere). */
export const silentProgress: Progress = {
  warn: () => undefined,
  start: () => ({ advance: () => undefined, done: () => undefined, fail: () => undefined }),
};
