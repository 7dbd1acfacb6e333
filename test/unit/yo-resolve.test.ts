/** Files handed to Yeoman already marked new (src/project/yo-resolve.ts), and where they must not be. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnownNewFiles } from '../../src/project/yo-resolve.js';
import { tempDir } from '../support/cli.js';

test('a new file is marked create, unless a .yo-resolve above it may decide, or it already has a status', () => {
  const root = tempDir('cho-yo-resolve-');
  const plain = join(root, 'plain', 'project');
  const ruled = join(root, 'ruled', 'project');
  mkdirSync(join(root, 'ruled'), { recursive: true });
  writeFileSync(join(root, 'ruled', '.yo-resolve'), 'project/Dockerfile skip\n');
  const known = new KnownNewFiles();
  const files = {
    plain: { path: join(plain, 'config', 'a.yaml') },
    ruled: { path: join(ruled, 'config', 'a.yaml') },
    decided: { path: join(plain, 'b.yaml'), conflicter: 'skip' },
  } as const;
  for (const file of Object.values(files)) known.mark(file, file.path);
  assert.equal((files.plain as { conflicter?: string }).conflicter, 'create');
  assert.equal((files.ruled as { conflicter?: string }).conflicter, undefined, 'a .yo-resolve two folders up still applies');
  assert.equal(files.decided.conflicter, 'skip');
  known.mark(undefined, join(plain, 'missing')); // a file the store does not hold is ignored
});
