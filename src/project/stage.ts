/**
 * Compares the planned files with what is on disk. Identical files are left alone; a `once` file that
 * exists is the user's and is kept; a `regenerate` file that differs is a conflict. Files in the
 * vendored chart's folder that the new chart no longer has are stale: moving to a new chart version
 * must remove them, or the operator would still render a template the chart dropped.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { UserError } from '../diagnostics.js';
import type { PlannedFile } from './build.js';

/**
 * Before writing: create, identical, conflict (differs; `regenerate` policy), keep (exists; `once`) or
 * stale (in the vendored chart folder, not in the new chart). After writing, a conflict is settled as
 * overwrite or skip (the user said no at the prompt), and a stale file as removed or skip.
 */
export type FileStatus = 'create' | 'identical' | 'conflict' | 'keep' | 'stale' | 'overwrite' | 'removed' | 'skip';

/** Statuses that change a file the tool wrote before: they need --force, or a yes at the prompt. */
export const NEEDS_CONFIRMATION: ReadonlySet<FileStatus> = new Set(['conflict', 'stale']);

/** What happens to one planned file. */
export interface FileAction {
  readonly file: PlannedFile;
  readonly status: FileStatus;
  /** Absolute path on disk. */
  readonly target: string;
}

function toBuffer(content: string | Buffer): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'));
}

/** Files under `chartDir` (project-relative, e.g. helm-charts/x) on disk that the plan does not write. */
async function staleChartFiles(files: readonly PlannedFile[], directory: string, chartDir: string): Promise<FileAction[]> {
  const planned = new Set(files.map((f) => f.path));
  const onDisk = await listFiles(join(directory, chartDir));
  return onDisk
    .map((p) => `${chartDir}/${p}`)
    .filter((p) => !planned.has(p))
    .sort()
    .map((path) => ({
      file: { path, content: '', from: 'a previous chart', template: undefined, policy: 'regenerate' as const },
      status: 'stale' as const,
      target: join(directory, path),
    }));
}

/** Classifies every planned file against the project directory (`chartDir`: the vendored chart's folder). */
export async function classifyFiles(files: readonly PlannedFile[], directory: string, chartDir: string): Promise<FileAction[]> {
  const info = await stat(directory).catch(() => undefined);
  if (info && !info.isDirectory()) {
    throw new UserError(`${directory} exists and is not a directory`, { hint: 'pass another project directory' });
  }
  const stale = info ? await staleChartFiles(files, directory, chartDir) : [];
  const planned = await Promise.all(files.map(async (file): Promise<FileAction> => {
    const target = join(directory, file.path);
    if (!info) return { file, status: 'create', target };
    const existing = await readFile(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      if (error.code === 'EISDIR') throw new UserError(`${target} is a directory, but the project needs a file there; move it away`);
      throw error;
    });
    if (existing === undefined) return { file, status: 'create', target };
    if (existing.equals(toBuffer(file.content))) return { file, status: 'identical', target };
    return { file, status: file.policy === 'once' ? 'keep' : 'conflict', target };
  }));
  return [...planned, ...stale];
}

/** After the commit: each conflict becomes overwrite or skip, each stale file removed or skip, from the disk. */
export async function settleConflicts(actions: readonly FileAction[]): Promise<FileAction[]> {
  return Promise.all(actions.map(async (a): Promise<FileAction> => {
    if (!NEEDS_CONFIRMATION.has(a.status)) return a;
    const now = await readFile(a.target).catch(() => undefined);
    if (a.status === 'stale') return { ...a, status: now === undefined ? 'removed' : 'skip' };
    return { ...a, status: now?.equals(toBuffer(a.file.content)) ? 'overwrite' : 'skip' };
  }));
}

/** One line per file, `status path`, for --dry-run and the summary. */
export function formatActions(actions: readonly FileAction[]): string[] {
  return actions.map((a) => `${a.status.padEnd(9)} ${a.file.path}`);
}
