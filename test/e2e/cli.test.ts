/** End-to-end tests of the built CLI: help, version, validation, overwrite rules, dry-run, overlays. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import yaml from 'js-yaml';
import { runCli, tempDir, readTree, writeFiles } from '../support/cli.js';
import { repoRoot, sharedCharts } from '../support/paths.js';
import { helm } from '../support/tools.js';

const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;

test('--help prints usage with every flag and the environment it reads, and exits 0', async () => {
  const r = await runCli(['--help'], { cwd: tempDir() });
  assert.equal(r.code, 0);
  for (const flag of ['--chart', '--domain', '--group', '--api-version', '--kind', '--project-name', '--image',
    '--helm-operator-version', '--templates', '--export-templates', '--force', '--dry-run', '--check', '--yes', '--no-interactive', '--version']) {
    assert.match(r.stdout, new RegExp(flag.replace(/-/g, '\\-')), flag);
  }
  for (const variable of ['HTTPS_PROXY', 'NO_PROXY', 'HELM_REPOSITORY_CONFIG', 'HELM_REGISTRY_CONFIG', 'DOCKER_CONFIG', 'CREATE_HELM_OPERATOR_CACHE', 'NODE_DISABLE_COMPILE_CACHE', 'NO_COLOR']) {
    assert.ok(r.stdout.includes(variable), variable);
  }
  assert.equal(r.stderr, '');
});

test('--version and -V print the package version', async () => {
  for (const flag of ['--version', '-V']) {
    const r = await runCli([flag], { cwd: tempDir() });
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), version);
  }
});

const invalid: Array<[string[], RegExp]> = [
  [['--kind', 'memcached'], /^error: --kind "memcached" is invalid: must be UpperCamelCase.*\(e\.g\. Memcached\)$/],
  [['--kind', 'My_Kind'], /^error: --kind "My_Kind" is invalid/],
  [['--group', 'Cache'], /^error: --group "Cache" is invalid: must be a DNS-1123 subdomain.*\(e\.g\. cache\)$/],
  [['--domain', 'my_domain'], /^error: --domain "my_domain" is invalid: must be a DNS-1123 subdomain/],
  [['--api-version', '1.0'], /^error: --api-version "1\.0" is invalid: must look like v1, v1alpha1 or v2beta3 \(e\.g\. v1alpha1\)$/],
  [['--project-name', 'My Project'], /^error: --project-name "My Project" is invalid: must be a DNS-1123 label/],
  [['--image', 'Not An Image'], /^error: --image "Not An Image" is invalid/],
  [['--helm-operator-version', 'v1 2'], /^error: --helm-operator-version "v1 2" is invalid/],
];

for (const [args, message] of invalid) {
  test(`rejects ${args.join(' ')} with one line, exit 1, nothing written`, async () => {
    const cwd = tempDir();
    const r = await runCli(['demo-operator', '--yes', ...args], { cwd });
    assert.equal(r.code, 1);
    const lines = r.stderr.trim().split('\n');
    assert.match(lines[0]!, message);
    assert.equal(r.stdout, '');
    assert.deepEqual(readdirSync(cwd), []);
  });
}

test('an unknown flag is a usage error with a suggestion', async () => {
  const r = await runCli(['--chrt', 'x'], { cwd: tempDir() });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /unknown option '--chrt'/);
  assert.match(r.stderr, /--chart/);
});

test('a missing chart names the flag and writes nothing', async () => {
  const cwd = tempDir();
  const r = await runCli(['--chart', 'nope', '--yes'], { cwd });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: --chart nope: no such file or directory/);
  assert.deepEqual(readdirSync(cwd), []);
});

test("a chart that defines or creates the operator's own resource is refused, naming the files; nothing written", async () => {
  const cwd = tempDir();
  writeFiles(join(cwd, 'widgets'), {
    'Chart.yaml': 'apiVersion: v2\nname: widgets\nversion: 0.1.0\n',
    'templates/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: {{ .Release.Name }}\n',
  });
  const r = await runCli(['op', '--chart', 'widgets', '--kind', 'Widget', '--group', 'example', '--domain', 'com', '--yes'], { cwd });
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim(), "error: --kind Widget in example.com: the chart itself defines or creates that resource (templates/widget.yaml); an operator for it would clash with the chart's own (pick another --group, --domain or --kind)");
  assert.equal(existsSync(join(cwd, 'op')), false);
  const other = await runCli(['op', '--chart', 'widgets', '--kind', 'Widget', '--yes'], { cwd });
  assert.equal(other.code, 0, other.stderr);
});

test('a library chart is refused', async () => {
  const cwd = tempDir();
  mkdirSync(join(cwd, 'lib'));
  writeFileSync(join(cwd, 'lib', 'Chart.yaml'), 'apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n');
  const r = await runCli(['--chart', 'lib', '--yes'], { cwd });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /type: library/);
  assert.deepEqual(readdirSync(cwd), ['lib']);
});

test('without a TTY, a missing answer fails naming the flag instead of hanging', async () => {
  const cwd = tempDir();
  const r = await runCli([], { cwd, timeoutMs: 20_000 });
  assert.equal(r.signal, null, 'the CLI hung waiting for input');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /pass a directory argument/);
  assert.deepEqual(readdirSync(cwd), []);
});

test('the starter project: kind from the directory, re-run identical, conflicts refused, --force', async () => {
  const cwd = tempDir();
  const first = await runCli(['demo-operator', '--yes'], { cwd });
  assert.equal(first.code, 0, first.stderr);
  const dir = join(cwd, 'demo-operator');
  const project = yaml.load(readFileSync(join(dir, 'PROJECT'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(project['layout'], ['helm.sdk.operatorframework.io/v1']);
  assert.equal(project['projectName'], 'demo-operator');
  const resources = project['resources'] as Array<Record<string, unknown>>;
  assert.equal(resources[0]!['kind'], 'Demo');
  assert.equal(resources[0]!['group'], 'demo');
  assert.ok(existsSync(join(dir, 'helm-charts', 'demo', 'Chart.yaml')));
  assert.ok(existsSync(join(dir, 'config', 'crd', 'bases', 'demo.my.domain_demoes.yaml')));
  const before = readTree(dir);

  const again = await runCli(['demo-operator', '--yes'], { cwd });
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(readTree(dir), before);

  const watches = join(dir, 'watches.yaml');
  writeFileSync(watches, readFileSync(watches, 'utf8') + '# my edit\n');
  const refused = await runCli(['demo-operator', '--yes'], { cwd });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /would change: watches\.yaml/);
  assert.match(refused.stderr, /--force/);
  assert.match(readFileSync(watches, 'utf8'), /# my edit/);

  const forced = await runCli(['demo-operator', '--yes', '--force'], { cwd });
  assert.equal(forced.code, 0, forced.stderr);
  assert.deepEqual(readTree(dir), before);
});

test('next steps start with a cd only when the project is elsewhere, quoted for the shell', async () => {
  const cwd = tempDir();
  const steps = (stdout: string): string[] => stdout.slice(stdout.indexOf('Next steps:')).split('\n').slice(1).filter((l) => l !== '');
  const first = await runCli(['a b/demo-operator', '--yes'], { cwd });
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(steps(first.stdout).slice(0, 2), ["  cd 'a b/demo-operator'", '  make docker-build docker-push IMG=my.domain/demo-operator:0.0.1']);
  const inside = await runCli(['.', '--yes'], { cwd: join(cwd, 'a b', 'demo-operator') });
  assert.equal(inside.code, 0, inside.stderr);
  assert.equal(steps(inside.stdout)[0], '  make docker-build docker-push IMG=my.domain/demo-operator:0.0.1');
});

test('checks of values.schema.json a CRD cannot carry are named once, in the summary and the README; helm makes them', async () => {
  const cwd = tempDir();
  writeFiles(join(cwd, 'tiny'), {
    'Chart.yaml': 'apiVersion: v2\nname: tiny\nversion: 0.1.0\n',
    'values.yaml': 'mode: a\n',
    'values.schema.json': JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: ['mode'], additionalProperties: false,
      properties: { mode: { type: 'string', default: 'a', not: { const: 'b' } } },
    }),
    'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  mode: {{ .Values.mode | quote }}\n',
  });
  const r = await runCli(['op', '--chart', 'tiny', '--yes'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /warning/);
  const line = 'checked by Helm when reconciling, not by the CRD (values.schema.json): not (1×, first at mode)';
  assert.ok(r.stderr.split('\n').includes(line), r.stderr);
  assert.ok(readFileSync(join(cwd, 'op', 'README.md'), 'utf8').includes('\n- values.schema.json: not (1×, first at mode)\n'));
  const crd = readFileSync(join(cwd, 'op', 'config', 'crd', 'bases', 'charts.my.domain_tinies.yaml'), 'utf8');
  assert.doesNotMatch(crd, /\bnot:|required:|default:/);
  // What the CRD lets through, Helm refuses: the check is still made, at reconcile.
  const refused = helm(['template', 'r', join(cwd, 'op', 'helm-charts', 'tiny'), '--set', 'mode=b']);
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /schema/);
});

test('a file the user owns (once policy) is kept on re-run', async () => {
  const cwd = tempDir();
  assert.equal((await runCli(['demo-operator', '--yes'], { cwd })).code, 0);
  const makefile = join(cwd, 'demo-operator', 'Makefile');
  writeFileSync(makefile, readFileSync(makefile, 'utf8') + '\nmine:\n\ttrue\n');
  const r = await runCli(['demo-operator', '--yes'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /keep\s+Makefile/);
  assert.match(readFileSync(makefile, 'utf8'), /^mine:/m);
});

test('--dry-run prints the plan and writes nothing, not even the directory', async () => {
  const cwd = tempDir();
  const r = await runCli(['demo-operator', '--yes', '--dry-run'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /create\s+watches\.yaml/);
  assert.match(r.stdout, /create\s+helm-charts\/demo\/Chart\.yaml/);
  assert.deepEqual(readdirSync(cwd), []);
});

test('--templates replaces a built-in template and adds a new file', async () => {
  const cwd = tempDir();
  const overlay = join(cwd, 'overlay');
  mkdirSync(join(overlay, 'docs'), { recursive: true });
  writeFileSync(join(overlay, 'README.md.ejs'), '# <%- m.project.name %> by ACME\n');
  writeFileSync(join(overlay, 'docs', 'OWNERS.md.ejs'), 'Owners of <%- m.resource.kind %>: platform team\n');
  const r = await runCli(['demo-operator', '--yes', '--templates', overlay], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(join(cwd, 'demo-operator', 'README.md'), 'utf8'), '# demo-operator by ACME\n');
  assert.equal(readFileSync(join(cwd, 'demo-operator', 'docs', 'OWNERS.md'), 'utf8'), 'Owners of Demo: platform team\n');
});

test('--export-templates copies the built-in templates for an overlay; an edited copy then drives generation', async () => {
  const cwd = tempDir();
  const first = await runCli(['--export-templates', 'mine'], { cwd });
  assert.equal(first.code, 0, first.stderr);
  const builtIn = readTree(join(repoRoot, 'templates'));
  assert.deepEqual(readTree(join(cwd, 'mine')), builtIn);
  assert.match(first.stdout, new RegExp(`Copied ${builtIn.size} built-in templates to mine \\(${builtIn.size} new, 0 replaced, 0 already the same\\)`));
  assert.match(first.stdout, /--templates mine/);

  const again = await runCli(['--export-templates', 'mine'], { cwd });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, new RegExp(`0 new, 0 replaced, ${builtIn.size} already the same`));

  // An edited copy is the user's: kept unless --force, and nothing else is written meanwhile.
  const manager = join(cwd, 'mine', 'config', 'manager', 'manager.yaml.ejs');
  writeFileSync(manager, readFileSync(manager, 'utf8').replace('labels:\n', 'labels:\n    team: platform\n'));
  const edited = readFileSync(manager, 'utf8');
  rmSync(join(cwd, 'mine', 'Makefile.ejs'));
  const refused = await runCli(['--export-templates', 'mine'], { cwd });
  assert.equal(refused.code, 1);
  assert.equal(refused.stderr.trim(), 'error: --export-templates mine: 1 file there differs from the built-in templates (config/manager/manager.yaml.ejs) (--force replaces them; or pick a new folder)');
  assert.equal(readFileSync(manager, 'utf8'), edited);
  assert.equal(existsSync(join(cwd, 'mine', 'Makefile.ejs')), false, 'nothing is written when refused');

  const generated = await runCli(['op', '--templates', 'mine', '--yes'], { cwd });
  assert.equal(generated.code, 0, generated.stderr);
  assert.match(readFileSync(join(cwd, 'op', 'config', 'manager', 'manager.yaml'), 'utf8'), /team: platform/);

  const forced = await runCli(['--export-templates', 'mine', '--force'], { cwd });
  assert.equal(forced.code, 0, forced.stderr);
  assert.deepEqual(readTree(join(cwd, 'mine')), builtIn);

  for (const [args, flag] of [[['--chart', 'x'], '--chart'], [['op'], 'the directory op'], [['--dry-run'], '--dry-run']] as const) {
    const r = await runCli(['--export-templates', 'other', ...args], { cwd });
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), `error: --export-templates only copies the templates, so ${flag} has nothing to do (run it on its own, then generate with --templates)`);
  }
  assert.equal(existsSync(join(cwd, 'other')), false);
  writeFileSync(join(cwd, 'afile'), 'x');
  const notDir = await runCli(['--export-templates', 'afile'], { cwd });
  assert.equal(notDir.code, 1);
  assert.match(notDir.stderr, /^error: --export-templates afile: exists and is not a folder/);
});

test('an overlay template that reads a missing model field fails, naming it, and writes nothing', async () => {
  const cwd = tempDir();
  const overlay = join(cwd, 'overlay');
  mkdirSync(overlay);
  writeFileSync(join(overlay, 'README.md.ejs'), '# <%- m.project.nmae %>\n');
  const r = await runCli(['demo-operator', '--yes', '--templates', overlay], { cwd });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /m\.project\.nmae/);
  assert.deepEqual(readdirSync(cwd), ['overlay']);
});

test('the same inputs give byte-identical output', async () => {
  const a = tempDir();
  const b = tempDir();
  assert.equal((await runCli(['demo-operator', '--yes'], { cwd: a })).code, 0);
  assert.equal((await runCli(['demo-operator', '--yes'], { cwd: b })).code, 0);
  assert.deepEqual(readTree(join(a, 'demo-operator')), readTree(join(b, 'demo-operator')));
});

test('moving to a new chart version removes templates the chart dropped, with --force', async () => {
  const cwd = tempDir();
  const chart = join(cwd, 'chart');
  cpSync(join(sharedCharts, 'memcached'), chart, { recursive: true });
  chmodSync(chart, 0o755);
  chmodSync(join(chart, 'templates'), 0o755);
  const args = ['op', '--chart', 'chart', '--yes'];
  assert.equal((await runCli(args, { cwd })).code, 0);
  const role = join(cwd, 'op', 'config', 'rbac', 'role.yaml');
  assert.match(readFileSync(role, 'utf8'), /poddisruptionbudgets/);

  rmSync(join(chart, 'templates', 'pdb.yaml'), { force: true });
  chmodSync(join(chart, 'Chart.yaml'), 0o644);
  writeFileSync(join(chart, 'Chart.yaml'), readFileSync(join(chart, 'Chart.yaml'), 'utf8').replace('version: 0.0.2', 'version: 0.0.3'));
  const refused = await runCli(args, { cwd });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /helm-charts\/memcached\/templates\/pdb\.yaml \(removed\)/);
  assert.ok(existsSync(join(cwd, 'op', 'helm-charts', 'memcached', 'templates', 'pdb.yaml')));

  const forced = await runCli([...args, '--force'], { cwd });
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /removed\s+helm-charts\/memcached\/templates\/pdb\.yaml/);
  assert.equal(existsSync(join(cwd, 'op', 'helm-charts', 'memcached', 'templates', 'pdb.yaml')), false);
  assert.doesNotMatch(readFileSync(role, 'utf8'), /poddisruptionbudgets/);
  assert.match(readFileSync(join(cwd, 'op', 'PROJECT'), 'utf8'), /version: 0\.0\.3/);
});

test('colour only when asked for: FORCE_COLOR colours a piped error, NO_COLOR and pipes do not', async () => {
  const forced = await runCli(['x', '--kind', 'bad'], { cwd: tempDir(), env: { NO_COLOR: '', FORCE_COLOR: '1' } });
  assert.match(forced.stderr, /\x1b\[31merror: --kind/);
  const plain = await runCli(['x', '--kind', 'bad'], { cwd: tempDir(), env: { NO_COLOR: '', FORCE_COLOR: '' } });
  assert.doesNotMatch(plain.stderr, /\x1b\[/);
  const none = await runCli(['x', '--kind', 'bad'], { cwd: tempDir(), env: { NO_COLOR: '1', FORCE_COLOR: '' } });
  assert.doesNotMatch(none.stderr, /\x1b\[/);
});

test('the generated Makefile works: make help lists the targets, make -n bundle does not prompt', async () => {
  const cwd = tempDir();
  assert.equal((await runCli(['demo-operator', '--yes'], { cwd })).code, 0);
  const dir = join(cwd, 'demo-operator');
  const help = spawnSync('make', ['help'], { cwd: dir, encoding: 'utf8' });
  assert.equal(help.status, 0, help.stderr);
  for (const target of ['run', 'docker-build', 'docker-push', 'docker-buildx', 'install', 'uninstall', 'deploy', 'undeploy', 'bundle', 'bundle-build', 'catalog-build']) {
    assert.match(help.stdout.replace(/\x1b\[[0-9;]*m/g, ''), new RegExp(`^  ${target}\\s`, 'm'), target);
  }
  const bundle = spawnSync('make', ['-n', 'bundle'], { cwd: dir, encoding: 'utf8' });
  assert.equal(bundle.status, 0, bundle.stderr);
  assert.match(bundle.stdout, /generate kustomize manifests -q --interactive=false/);
  assert.match(bundle.stdout, /\/bin\/operator-sdk/, 'tools live under LOCALBIN');
});

test('an overlay file where the project needs a folder is refused before anything is written', async () => {
  const cwd = tempDir();
  const overlay = join(cwd, 'overlay');
  mkdirSync(join(overlay, 'watches.yaml'), { recursive: true });
  writeFileSync(join(overlay, 'watches.yaml', 'extra.ejs'), 'x\n');
  const r = await runCli(['demo-operator', '--yes', '--templates', overlay], { cwd });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /writes watches\.yaml\/extra, but .* writes the file watches\.yaml/);
  assert.deepEqual(readdirSync(cwd), ['overlay']);
});

test('an overlay CRD template that is not structural is refused, naming the problem', async () => {
  const cwd = tempDir();
  const overlay = join(cwd, 'overlay', 'config', 'crd', 'bases');
  mkdirSync(overlay, { recursive: true });
  writeFileSync(join(overlay, '[fullGroup]_[plural].yaml.ejs'), [
    'apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata:', '  name: <%- m.resource.crdName %>',
    'spec:', '  group: <%- m.resource.fullGroup %>', '  names: {kind: <%- m.resource.kind %>, plural: <%- m.resource.plural %>}',
    '  scope: Namespaced', '  versions:', '  - name: <%- m.resource.version %>', '    served: true', '    storage: true',
    '    schema:', '      openAPIV3Schema:', '        type: object', '        properties:', '          spec:',
    '            properties:', '              size: {type: integer}', '',
  ].join('\n'));
  const r = await runCli(['demo-operator', '--yes', '--templates', join(cwd, 'overlay')], { cwd });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /not a structural schema.*spec.*type/);
  assert.deepEqual(readdirSync(cwd), ['overlay']);
});

test('--check: exit 0 when the project is what the chart generates; else exit 1 listing the drift, writing nothing', async () => {
  const cwd = tempDir();
  symlinkSync(join(sharedCharts, 'memcached'), join(cwd, 'memcached'));
  assert.equal((await runCli(['op', '--chart', 'memcached', '--domain', 'example.com', '--yes'], { cwd })).code, 0);
  const project = join(cwd, 'op');
  // The recorded answers are the defaults, so CI needs no flags but the chart.
  const clean = await runCli(['op', '--chart', 'memcached', '--check'], { cwd });
  assert.equal(clean.code, 0, clean.stderr);
  assert.match(clean.stdout, /^Up to date: .*op is what the chart generates$/m);

  writeFileSync(join(project, 'watches.yaml'), `${readFileSync(join(project, 'watches.yaml'), 'utf8')}# edited\n`);
  rmSync(join(project, 'config', 'rbac', 'role.yaml'));
  writeFileSync(join(project, 'helm-charts', 'memcached', 'templates', 'dropped.yaml'), 'kind: ConfigMap\n');
  const before = readTree(project);
  const drift = await runCli(['op', '--chart', 'memcached', '--check'], { cwd });
  assert.equal(drift.code, 1, drift.stderr);
  assert.deepEqual(drift.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/).join(' ')).sort(), [
    'conflict watches.yaml', 'create config/rbac/role.yaml', 'stale helm-charts/memcached/templates/dropped.yaml',
  ]);
  const errors = drift.stderr.split('\n').filter((l) => l.startsWith('error: '));
  assert.deepEqual(errors.map((l) => l.replace(cwd, '<cwd>')), ['error: <cwd>/op: 3 files differ from what the chart generates (re-run without --check to update the project; changed files need --force)']);
  assert.deepEqual(readTree(project), before, '--check wrote something');

  const both = await runCli(['op', '--chart', 'memcached', '--check', '--force'], { cwd });
  assert.equal(both.code, 1);
  assert.match(both.stderr, /^error: --check writes nothing, so --force has nothing to do/m);
  const missing = await runCli(['absent', '--chart', 'memcached', '--check'], { cwd });
  assert.equal(missing.code, 1, 'a project that does not exist has drifted entirely');
  assert.ok(!existsSync(join(cwd, 'absent')));
});

test('re-running on a project takes its recorded answers as defaults: no flags needed to regenerate', async () => {
  const cwd = tempDir();
  symlinkSync(join(sharedCharts, 'memcached'), join(cwd, 'memcached'));
  const first = await runCli(['op', '--chart', 'memcached', '--domain', 'example.com', '--group', 'cache', '--kind', 'Cache', '--api-version', 'v1beta1', '--yes'], { cwd });
  assert.equal(first.code, 0, first.stderr);
  // The vendored chart's new files are one line; the project's own files are listed.
  const chartFiles = readdirSync(join(cwd, 'op', 'helm-charts', 'memcached'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  assert.match(first.stdout, new RegExp(`^  create +helm-charts/memcached/ \\(${chartFiles} files\\)$`, 'm'));
  assert.doesNotMatch(first.stdout, /helm-charts\/memcached\/Chart\.yaml/);
  assert.match(first.stdout, /^  create +watches\.yaml$/m);
  const before = readTree(join(cwd, 'op'));
  const again = await runCli(['op', '--chart', 'memcached', '--yes'], { cwd });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /0 created, 0 overwritten/);
  assert.deepEqual(readTree(join(cwd, 'op')), before);
});

test('re-running without --chart regenerates from the chart the project vendors, changes to it included', async () => {
  const cwd = tempDir();
  symlinkSync(join(sharedCharts, 'memcached'), join(cwd, 'memcached'));
  const first = await runCli(['op', '--chart', 'memcached', '--yes'], { cwd });
  assert.equal(first.code, 0, first.stderr);
  rmSync(join(cwd, 'memcached'));
  const project = join(cwd, 'op');
  const before = readTree(project);

  // The chart's first location is gone: the project's own copy is the chart.
  const again = await runCli(['.', '--yes'], { cwd: project });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /^chart: helm-charts\/memcached\/, the project's own copy \(--chart to use another\)$/m);
  assert.match(again.stdout, /0 created, 0 overwritten/);
  assert.deepEqual(readTree(project), before);
  assert.equal((await runCli(['.', '--check'], { cwd: project })).code, 0);

  // A change to the vendored chart reaches the derived files; PROJECT still names the first source.
  writeFileSync(join(project, 'helm-charts', 'memcached', 'templates', 'cron.yaml'), 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: x\n');
  const drift = await runCli(['.', '--check'], { cwd: project });
  assert.equal(drift.code, 1);
  assert.match(drift.stdout, /conflict +config\/rbac\/role\.yaml/);
  const forced = await runCli(['.', '--yes', '--force'], { cwd: project });
  assert.equal(forced.code, 0, forced.stderr);
  const role = readFileSync(join(project, 'config', 'rbac', 'role.yaml'), 'utf8');
  assert.match(role, /- batch\n\s+resources:\n\s+- cronjobs/);
  const recorded = (yaml.load(readFileSync(join(project, 'PROJECT'), 'utf8')) as any).plugins['helm-chart.create-helm-operator.dev/v1alpha1'].chart;
  assert.equal(recorded.source, 'memcached');
  assert.equal(recorded.sourceType, 'directory');

  // Without the vendored copy there is nothing to regenerate from: one line, nothing written.
  rmSync(join(project, 'helm-charts'), { recursive: true });
  const gone = readTree(project);
  const missing = await runCli(['.', '--yes'], { cwd: project });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr.trim(), /^error: .*op: PROJECT records the chart memcached, but helm-charts\/memcached\/ holds no Chart\.yaml to regenerate from \(pass the chart: --chart "memcached"\)$/);
  assert.deepEqual(readTree(project), gone);
});

test('Yeoman\'s .yo-resolve above the project is still honoured for new files', async () => {
  const cwd = tempDir('cho-yo-resolve-');
  writeFileSync(join(cwd, '.yo-resolve'), 'demo-operator/Dockerfile skip\n');
  const r = await runCli(['demo-operator', '--yes'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(join(cwd, 'demo-operator', 'Makefile')));
  assert.ok(!existsSync(join(cwd, 'demo-operator', 'Dockerfile')), '.yo-resolve said to skip the Dockerfile');
});
