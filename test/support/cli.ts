/** Runs the built CLI as a user would: a child process, stdin not a TTY, in a temp folder. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { cliPath } from './paths.js';

export interface CliResult { code: number | null; stdout: string; stderr: string; signal: NodeJS.Signals | null }

/** A fresh temp folder. */
export function tempDir(prefix = 'cho-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files (path relative to `root` → text), making folders as needed; returns root. */
export function writeFiles(root: string, files: Readonly<Record<string, string>>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Runs `create-helm-operator args` in cwd; kills it (and fails the result) after timeoutMs. */
export function runCli(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: '', FORCE_COLOR: '', ...options.env };
    for (const [k, v] of Object.entries(env)) if (v === '') delete env[k];
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Every file below dir, as sorted relative paths. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}

/** Reads every file below dir into a map of relative path → content. */
export function readTree(dir: string): Map<string, Buffer> {
  return new Map(listTree(dir).map((p) => [p, readFileSync(join(dir, p))]));
}
