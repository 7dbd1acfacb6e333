/**
 * Compares the planned files with what is on disk. Identical files are left alone; a `once` file that
 * exists is the user's and is kept; a `regenerate` file that differs is a conflict.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../diagnostics.js';
import type { PlannedFile } from './build.js';

/**
 * Before writing: create, identical, conflict (differs; `regenerate` policy) or keep (exists; `once`).
 * After writing, a conflict is settled as overwrite (written) or skip (the user said no at the prompt).
 */
export type FileStatus = 'create' | 'identical' | 'conflict' | 'keep' | 'overwrite' | 'skip';

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

/** Classifies every planned file against the project directory. */
export async function classifyFiles(files: readonly PlannedFile[], directory: string): Promise<FileAction[]> {
  const info = await stat(directory).catch(() => undefined);
  if (info && !info.isDirectory()) {
    throw new UserError(`${directory} exists and is not a directory`, { hint: 'pass another project directory' });
  }
  return Promise.all(files.map(async (file): Promise<FileAction> => {
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
}

/** After the commit: each conflict becomes overwrite or skip, from what is now on disk. */
export async function settleConflicts(actions: readonly FileAction[]): Promise<FileAction[]> {
  return Promise.all(actions.map(async (a) => {
    if (a.status !== 'conflict') return a;
    const now = await readFile(a.target).catch(() => undefined);
    return { ...a, status: now?.equals(toBuffer(a.file.content)) ? 'overwrite' : 'skip' };
  }));
}

/** One line per file, `status path`, for --dry-run and the summary. */
export function formatActions(actions: readonly FileAction[]): string[] {
  return actions.map((a) => `${a.status.padEnd(9)} ${a.file.path}`);
}
