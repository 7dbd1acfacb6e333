#!/usr/bin/env node
// The CLI shim: maps argv to an exit code. The code lives in src/: in a checkout it runs from the tsc
// build (dist/src/, `npm run build`, ES modules); the published package ships only the esbuild bundle
// (dist/bundle/, made by scripts/bundle.mjs at `npm pack`), CommonJS files loaded through V8's code
// cache (src/util/compile-cache.ts). This file is CommonJS so that a published run never starts
// node's ES module loader: that alone is a tenth of `--help`.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

async function loadMain() {
  const development = join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
  if (existsSync(development)) return import(pathToFileURL(development).href);
  const bundle = join(__dirname, '..', 'dist', 'bundle');
  const { requireWithCompileCache } = require(join(bundle, 'src', 'util', 'compile-cache.cjs'));
  return requireWithCompileCache(join(bundle, 'src', 'cli', 'main.cjs')).exports;
}

// `create-helm-operator --help | head -1` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

loadMain()
  .then(({ main }) => main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  }))
  .then((code) => { process.exitCode = code; });
