#!/usr/bin/env node
// The CLI shim: maps argv to an exit code. The code lives in src/ (built to dist/ by `npm run build`).
import { main } from '../dist/src/cli/main.js';

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdinIsTTY: process.stdin.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
