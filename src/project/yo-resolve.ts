/**
 * Lets Yeoman's commit skip checks classifyFiles has already made. For every file it writes, Yeoman
 * looks for a `.yo-resolve` file (a user's standing answers to conflicts) in each folder above it,
 * then stats the file to see whether it is new, each a round trip to the disk: about a fifth of
 * generating a large chart. classifyFiles compared every planned file with the disk, so a file it
 * found missing can be handed over already marked `create`, the status Yeoman's own check gives a
 * missing file. Only where no `.yo-resolve` exists above the file: one could say to skip it, and
 * then Yeoman must decide.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What Yeoman's conflicter reads from a staged file (@yeoman/conflicter's ConflicterFile). */
interface ConflicterFile {
  readonly path: string;
  conflicter?: string;
}

export class KnownNewFiles {
  /** Folder → whether it or a folder above it holds a `.yo-resolve`. */
  private readonly resolveAbove = new Map<string, boolean>();

  /** Marks the staged `file` (at absolute `path`, found missing on disk) as new, unless a `.yo-resolve` may apply. */
  mark(file: ConflicterFile | undefined, path: string): void {
    if (file === undefined || file.conflicter !== undefined || this.hasYoResolveAbove(dirname(path))) return;
    file.conflicter = 'create';
  }

  private hasYoResolveAbove(folder: string): boolean {
    const known = this.resolveAbove.get(folder);
    if (known !== undefined) return known;
    const parent = dirname(folder);
    const found = existsSync(join(folder, '.yo-resolve')) || (parent !== folder && this.hasYoResolveAbove(parent));
    this.resolveAbove.set(folder, found);
    return found;
  }
}
