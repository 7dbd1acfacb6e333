/**
 * The CLI on a real terminal: `script` gives it a pseudo-terminal, and the test answers the prompts
 * as a user would, by reading the screen and typing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../support/cli.js';
import { cliPath, sharedCharts } from '../support/paths.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

/** A CLI session on a pseudo-terminal: expect text on the screen, then type. */
function terminal(args: string, cwd: string) {
  const child = spawn('script', ['-qfec', `${process.execPath} ${cliPath} ${args}`, '/dev/null'], {
    cwd, env: { ...process.env, NO_COLOR: '1', CI: '', TERM: 'xterm' }, stdio: ['pipe', 'pipe', 'pipe'],
    // A session left waiting at a prompt nobody answers fails the test instead of hanging the run.
    timeout: 60_000, killSignal: 'SIGKILL',
  });
  let screen = '';
  child.stdout.on('data', (d: Buffer) => { screen += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { screen += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    get screen() { return screen; },
    exited,
    async expect(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
      const start = Date.now();
      while (!pattern.test(screen)) {
        if (Date.now() - start > timeoutMs) { child.kill('SIGKILL'); throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`); }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    type(text: string): void { child.stdin.write(text); },
  };
}

test('on a TTY it asks for what is missing, shows defaults, re-asks after a bad answer', { skip: !hasScript && 'no `script` command' }, async () => {
  const cwd = tempDir();
  const t = terminal('', cwd);
  await t.expect(/Helm chart \(path, \.tgz, URL, oci:\/\/, repo\/chart; empty: built-in starter\)/);
  t.type('\r');
  await t.expect(/Project directory/);
  t.type('acme-operator\r');
  await t.expect(/Kind \(Acme\)/);
  t.type('\r');
  await t.expect(/API group \(acme\)/);
  t.type('\r');
  await t.expect(/Domain \(my\.domain\)/);
  t.type('Bad_Domain\r');
  await t.expect(/--domain "Bad_Domain" is invalid/);
  t.type('\x7f'.repeat(10) + 'acme.io\r');
  await t.expect(/API version \(v1alpha1\)/);
  t.type('\r');
  await t.expect(/Project name \(acme-operator\)/);
  t.type('\r');
  assert.equal(await t.exited, 0, t.screen);
  const project = readFileSync(join(cwd, 'acme-operator', 'PROJECT'), 'utf8');
  assert.match(project, /^domain: acme\.io$/m);
  assert.match(project, /kind: Acme/);
});

test('Ctrl-C at a prompt exits 130 and writes nothing', { skip: !hasScript && 'no `script` command' }, async () => {
  const cwd = tempDir();
  const t = terminal('newdir', cwd);
  await t.expect(/Helm chart/);
  t.type('\r');
  await t.expect(/Kind \(Newdir\)/);
  t.type('\x03');
  assert.equal(await t.exited, 130, t.screen);
  assert.match(t.screen, /cancelled; nothing was written/);
  assert.equal(existsSync(join(cwd, 'newdir')), false);
});

test('a changed file on a TTY: Yeoman\'s conflict prompt shows the diff on request, then overwrites', { skip: !hasScript && 'no `script` command' }, async () => {
  const cwd = tempDir();
  const flags = '--kind Demo --group demo --domain my.domain --api-version v1alpha1 --project-name demo';
  const first = await runCli(['demo', ...flags.split(' '), '--yes'], { cwd });
  assert.equal(first.code, 0, first.stderr);
  const watches = join(cwd, 'demo', 'watches.yaml');
  const generated = readFileSync(watches, 'utf8');
  appendFileSync(watches, '# my edit\n');
  const t = terminal(`demo ${flags}`, cwd);
  await t.expect(/Overwrite demo\/watches\.yaml\?/);
  t.type('d\r');
  await t.expect(/^-# my edit/m);
  await t.expect(/Overwrite demo\/watches\.yaml\?[^]*Overwrite demo\/watches\.yaml\?/);
  t.type('y\r');
  assert.equal(await t.exited, 0, t.screen);
  assert.match(t.screen, /overwrite\s+watches\.yaml/);
  assert.equal(readFileSync(watches, 'utf8'), generated);
});

test('on a TTY it asks for the chart first, reads it at once and asks again when it is not one', { skip: !hasScript && 'no `script` command' }, async () => {
  const cwd = tempDir();
  symlinkSync(join(sharedCharts, 'memcached'), join(cwd, 'memcached'));
  const t = terminal('', cwd);
  await t.expect(/Helm chart/);
  t.type('nope\r');
  await t.expect(/--chart nope: no such file or directory/);
  t.type('\x7f'.repeat(4) + 'memcached\r');
  await t.expect(/Project directory \(memcached-operator\)/);
  t.type('\r');
  await t.expect(/Kind \(Memcached\)/);
  for (const prompt of [/API group \(charts\)/, /Domain/, /API version/, /Project name \(memcached-operator\)/]) {
    t.type('\r');
    await t.expect(prompt);
  }
  t.type('\r');
  assert.equal(await t.exited, 0, t.screen);
  const project = readFileSync(join(cwd, 'memcached-operator', 'PROJECT'), 'utf8');
  assert.match(project, /source: memcached\n/);
  assert.match(project, /kind: Memcached/);

  // In an existing project nothing is asked: it regenerates from its own chart with its recorded answers.
  const again = terminal('.', join(cwd, 'memcached-operator'));
  assert.equal(await again.exited, 0, again.screen);
  assert.doesNotMatch(again.screen, /\? (Helm chart|Project directory|Kind|API group|Domain|API version|Project name)/);
  assert.match(again.screen, /chart: helm-charts\/memcached\/, the project's own copy/);
  assert.match(again.screen, /0 created, 0 overwritten/);
  // A flag still changes an answer, and only that one is not asked either.
  const changed = terminal('. --domain example.org --force', join(cwd, 'memcached-operator'));
  assert.equal(await changed.exited, 0, changed.screen);
  assert.match(readFileSync(join(cwd, 'memcached-operator', 'PROJECT'), 'utf8'), /^domain: example\.org$/m);
});
