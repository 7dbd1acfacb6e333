#!/usr/bin/env node
// The CLI shim: maps argv to an exit code. The code lives in src/: in a checkout it runs from the tsc
// build (dist/src/, `npm run build`); the published package ships only the esbuild bundle
// (dist/bundle/, made by scripts/bundle.mjs at `npm pack`), which has the same layout.
import { existsSync } from 'node:fs';

const development = new URL('../dist/src/cli/main.js', import.meta.url);
const entry = existsSync(development) ? development : new URL('../dist/bundle/src/cli/main.js', import.meta.url);
const { main } = await import(entry.href);

// `create-helm-operator --help | head -1` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdinIsTTY: process.stdin.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
