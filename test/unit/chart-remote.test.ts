/**
 * The pieces behind remote charts: Helm's range syntax, oci:// references, the user's Helm config,
 * which proxy a URL goes through, progress output, and Chart.lock digests compared with the pinned helm's own for file://
 * dependencies with aliases, conditions, tags and import-values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { UserError } from '../../src/diagnostics.js';
import { pickHighest } from '../../src/chart/remote/versions.js';
import { parseOciReference } from '../../src/chart/remote/oci.js';
import { findHelmRepository, registryCredentials } from '../../src/chart/remote/helm-config.js';
import { streamProgress, silentProgress } from '../../src/chart/remote/progress.js';
import { vendorDependencies } from '../../src/chart/remote/dependencies.js';
import { proxyFor } from '../../src/chart/remote/proxy.js';
import { remoteOptions } from '../../src/chart/source.js';
import { readChartDir } from '../../src/chart/read.js';
import { DEFAULT_LIMITS } from '../../src/chart/limits.js';
import { tempDir } from '../support/cli.js';
import { helm } from '../support/tools.js';

const VERSIONS = ['0.1.0', '0.1.5', '0.2.0', '1.0.0-rc.1', '1.0.0', '1.2.3', '2.0.0', 'v2.1', 'not-a-version'];

const RANGES: ReadonlyArray<[string | undefined, string | undefined]> = [
  [undefined, 'v2.1'],
  ['*', 'v2.1'],
  ['1.2.3', '1.2.3'],
  ['=1.0.0', '1.0.0'],
  ['^1', '1.2.3'],
  ['~0.1', '0.1.5'],
  ['0.1.x', '0.1.5'],
  ['>=0.1.0, <1.0.0', '0.2.0'],
  ['>= 0.1.0 , < 1.0.0', '0.2.0'],
  ['>=1.0.0, !=1.2.3, <2', '1.0.0'],
  ['<0.1.0 || ~1.2', '1.2.3'],
  ['1.0.0 - 1.5.0', '1.2.3'],
  ['>1.0.0-0, <1.0.0', '1.0.0-rc.1'],
  ['1.0.0-rc.1', '1.0.0-rc.1'],
  ['>=3', undefined],
  ['~2.1', 'v2.1'],
];

for (const [range, expected] of RANGES) {
  test(`range ${JSON.stringify(range)} picks ${expected ?? 'nothing'}`, () => {
    assert.equal(pickHighest(VERSIONS, range, 'test'), expected);
  });
}

test('a malformed range names where it came from', () => {
  assert.throws(() => pickHighest(VERSIONS, '>>1', '--chart-version'), (e: unknown) => e instanceof UserError && /^--chart-version: ">>1" is not a version range/.test(e.message));
});

test('oci:// references: registry with port, nested path, tag, digest, + in tags', () => {
  assert.deepEqual(parseOciReference('oci://127.0.0.1:5000/a/b/chart:1.2.3'), { registry: '127.0.0.1:5000', repository: 'a/b/chart', tag: '1.2.3' });
  assert.deepEqual(parseOciReference('oci://reg.example/chart'), { registry: 'reg.example', repository: 'chart' });
  assert.deepEqual(parseOciReference('oci://reg.example/chart:1.0.0+build.1'), { registry: 'reg.example', repository: 'chart', tag: '1.0.0_build.1' });
  const digest = `sha256:${'a'.repeat(64)}`;
  assert.deepEqual(parseOciReference(`oci://reg/x/chart@${digest}`), { registry: 'reg', repository: 'x/chart', digest });
  for (const bad of ['oci://reg', 'oci://reg/Chart', `oci://reg/c@sha256:xyz`, 'https://reg/c']) {
    assert.throws(() => parseOciReference(bad), (e: unknown) => e instanceof UserError && e.message.startsWith(`${bad}: not a valid OCI chart reference`), bad);
  }
});

test('repositories.yaml and registry configs are read from the standard places and the env overrides', () => {
  const home = tempDir('cho-home-');
  mkdirSync(join(home, '.config', 'helm', 'registry'), { recursive: true });
  writeFileSync(join(home, '.config', 'helm', 'repositories.yaml'), [
    'apiVersion: ""', 'repositories:',
    '- name: mine', '  url: https://charts.example.com/stable', '  username: u', '  password: p', '  caFile: /ca.pem', '  insecure_skip_tls_verify: false', '  pass_credentials_all: false',
  ].join('\n'));
  const env = { HOME: home };
  assert.deepEqual(findHelmRepository('mine', env), {
    url: 'https://charts.example.com/stable', credentials: { username: 'u', password: 'p' }, tls: { caFile: '/ca.pem' }, passCredentialsAll: false,
  });
  assert.equal(findHelmRepository('other', env), undefined);
  assert.equal(findHelmRepository('mine', { HOME: home, HELM_REPOSITORY_CONFIG: join(home, 'none.yaml') }), undefined);

  const auth = Buffer.from('bob:hunter2').toString('base64');
  writeFileSync(join(home, '.config', 'helm', 'registry', 'config.json'), JSON.stringify({ auths: { '127.0.0.1:5000': { auth } } }));
  assert.deepEqual(registryCredentials('127.0.0.1:5000', env), { username: 'bob', password: 'hunter2' });
  mkdirSync(join(home, '.docker'));
  writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ auths: { 'https://ghcr.example': { auth: Buffer.from('carol:tok').toString('base64') } } }));
  assert.deepEqual(registryCredentials('ghcr.example', env), { username: 'carol', password: 'tok' }, 'docker config.json is the fallback');
  assert.equal(registryCredentials('other.example', env), undefined);
});

/** Writes an executable docker-credential-<name> into `bin` that knows `known` (server → [user, secret]). */
function fakeCredentialHelper(bin: string, name: string, known: Record<string, [string, string]>): void {
  mkdirSync(bin, { recursive: true });
  const cases = Object.entries(known).map(([server, [user, secret]]) => `  '${server}') printf '%s' '${JSON.stringify({ ServerURL: server, Username: user, Secret: secret })}' ;;`);
  const script = ['#!/bin/sh', '[ "$1" = get ] || exit 2', 'read -r server', 'case "$server" in', ...cases, '  *) echo "credentials not found in native keychain"; exit 1 ;;', 'esac', ''].join('\n');
  writeFileSync(join(bin, `docker-credential-${name}`), script, { mode: 0o755 });
}

test('registry credentials from docker credential helpers: credHelpers per host, then credsStore, then auths', () => {
  const home = tempDir('cho-helpers-');
  const bin = join(home, 'bin');
  fakeCredentialHelper(bin, 'store', { 'registry.example:5000': ['sam', 'from-store'], 'https://index.docker.io/v1/': ['hub', 'hub-secret'], 'tokens.example': ['<token>', 'refresh'] });
  fakeCredentialHelper(bin, 'special', { 'special.example': ['sue', 'from-helper'] });
  const config = join(home, 'config.json');
  writeFileSync(config, JSON.stringify({
    credsStore: 'store',
    credHelpers: { 'special.example': 'special', 'missing.example': 'not-installed' },
    auths: { 'plain.example': { auth: Buffer.from('pat:from-auths').toString('base64') } },
  }));
  const env = { HOME: home, HELM_REGISTRY_CONFIG: config, DOCKER_CONFIG: join(home, 'none'), PATH: `${bin}:${process.env['PATH'] ?? ''}` };
  assert.deepEqual(registryCredentials('registry.example:5000', env), { username: 'sam', password: 'from-store' });
  assert.deepEqual(registryCredentials('special.example', env), { username: 'sue', password: 'from-helper' });
  assert.deepEqual(registryCredentials('registry-1.docker.io', env), { username: 'hub', password: 'hub-secret' }, 'Docker Hub is asked for under its index URL');
  assert.deepEqual(registryCredentials('plain.example', env), { username: 'pat', password: 'from-auths' }, 'nothing in the store: auths');
  assert.equal(registryCredentials('tokens.example', env), undefined, 'an OAuth refresh token is not a password');
  assert.equal(registryCredentials('missing.example', env), undefined, 'a helper that is not installed gives nothing');
  writeFileSync(config, JSON.stringify({ credsStore: '../../tmp/evil' }));
  assert.throws(() => registryCredentials('registry.example:5000', env), (e: unknown) => e instanceof UserError && /credential helper "\.\.\/\.\.\/tmp\/evil" is not a helper name/.test(e.message));
});

/** [URL, environment, the proxy it goes through (host:port, from which variable) or undefined for direct]. */
const PROXY_CASES: ReadonlyArray<[string, NodeJS.ProcessEnv, string | undefined]> = [
  ['https://charts.example.com/index.yaml', {}, undefined],
  ['https://charts.example.com/index.yaml', { HTTPS_PROXY: 'http://proxy:3128' }, 'proxy:3128 HTTPS_PROXY'],
  ['https://charts.example.com/index.yaml', { https_proxy: 'proxy:3128' }, 'proxy:3128 https_proxy'],
  ['https://charts.example.com/index.yaml', { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2' }, 'upper:1 HTTPS_PROXY'],
  ['https://charts.example.com/index.yaml', { HTTP_PROXY: 'http://proxy:3128' }, undefined],
  ['http://charts.example.com/index.yaml', { HTTP_PROXY: 'http://proxy:3128', HTTPS_PROXY: 'http://other:1' }, 'proxy:3128 HTTP_PROXY'],
  ['https://localhost:8443/x', { HTTPS_PROXY: 'http://proxy:3128' }, undefined],
  ['https://127.0.0.5/x', { HTTPS_PROXY: 'http://proxy:3128' }, undefined],
  ['https://[::1]:8443/x', { HTTPS_PROXY: 'http://proxy:3128' }, undefined],
  ['https://charts.example.com/x', { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '*' }, undefined],
  ['https://charts.example.com/x', { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'other.org, example.com' }, undefined],
  ['https://example.com/x', { HTTPS_PROXY: 'http://proxy:3128', no_proxy: 'example.com' }, undefined],
  ['https://example.com/x', { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '.example.com' }, 'proxy:3128 HTTPS_PROXY'],
  ['https://a.example.com/x', { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '*.example.com' }, undefined],
  ['https://notexample.com/x', { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'example.com' }, 'proxy:3128 HTTPS_PROXY'],
  ['https://charts.example.com/x', { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'charts.example.com:8443' }, 'proxy:3128 HTTPS_PROXY'],
  ['https://charts.example.com:8443/x', { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'charts.example.com:8443' }, undefined],
  ['https://10.1.2.3/x', { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '10.0.0.0/8' }, undefined],
  ['https://11.1.2.3/x', { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '10.0.0.0/8' }, 'proxy:3128 HTTPS_PROXY'],
  ['https://[fd00::5]/x', { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'fd00::/8' }, undefined],
  ['https://10.1.2.3/x', { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '10.1.2.3' }, undefined],
];

for (const [url, env, expected] of PROXY_CASES) {
  test(`proxy for ${url} with ${JSON.stringify(env)}: ${expected ?? 'direct'}`, () => {
    const choice = proxyFor(new URL(url), env);
    assert.equal(choice && `${choice.url.host} ${choice.from}`, expected);
  });
}

test('a proxy variable that is not an HTTP proxy URL is a user error naming the variable', () => {
  const target = new URL('https://charts.example.com/index.yaml');
  assert.throws(() => proxyFor(target, { HTTPS_PROXY: 'socks5://127.0.0.1:1080' }), (e: unknown) => e instanceof UserError && /^HTTPS_PROXY: socks5 proxies are not supported/.test(e.message));
  assert.throws(() => proxyFor(target, { HTTPS_PROXY: 'http://[bad' }), (e: unknown) => e instanceof UserError && /^HTTPS_PROXY: not a proxy URL$/.test(e.message));
});

test('progress: a bar redrawn in place on a TTY, plain lines otherwise', () => {
  const tty: string[] = [];
  const task = streamProgress({ isTTY: true, write: (t: string) => tty.push(t) }).start('https://x/c.tgz', 1000);
  task.advance(500);
  task.done(1000);
  assert.match(tty.join(''), /\r\x1b\[2Khttps:\/\/x\/c\.tgz \[#{12}\.{12}\] 50% 500 B/);
  assert.match(tty.at(-1)!, /\[#{24}\] 100% 1000 B\n$/);
  const plain: string[] = [];
  const t2 = streamProgress({ isTTY: false, write: (t: string) => plain.push(t) }).start('https://x/c.tgz', undefined);
  t2.advance(10);
  t2.done(2048);
  assert.deepEqual(plain, ['downloading https://x/c.tgz\n', 'downloaded https://x/c.tgz (2.0 KiB)\n']);
});

test('Chart.lock for file:// dependencies has the digest helm dependency update computes', async () => {
  const root = tempDir('cho-lock-');
  for (const name of ['alpha', 'beta']) assert.equal(helm(['create', join(root, name)]).status, 0);
  const app = join(root, 'app');
  assert.equal(helm(['create', app]).status, 0);
  writeFileSync(join(app, 'Chart.yaml'), `${readFileSync(join(app, 'Chart.yaml'), 'utf8')}dependencies:
  - name: alpha
    version: ">=0.1.0 <1.0.0"
    repository: file://../alpha
    alias: first
    condition: first.enabled,global.alpha
    tags: [front, "<edge>"]
    import-values:
      - child: service
        parent: importedService
      - data
  - name: beta
    version: "0.1.0"
    repository: "file://../beta"
`);
  const copy = join(root, 'copy');
  for (const name of ['alpha', 'beta', 'app']) cpSync(join(root, name), join(copy, name), { recursive: true });
  const r = helm(['dependency', 'update', join(copy, 'app')]);
  assert.equal(r.status, 0, r.stderr);
  const helms = yaml.load(readFileSync(join(copy, 'app', 'Chart.lock'), 'utf8')) as Record<string, unknown>;

  const files = await vendorDependencies(await readChartDir(app), { limits: DEFAULT_LIMITS, remote: await remoteOptions({ progress: silentProgress, env: {} }), baseDir: app });
  const lock = files.files.find((f) => f.path === 'Chart.lock');
  assert.ok(lock, 'a Chart.lock was written');
  const ours = yaml.load(lock.data.toString('utf8')) as Record<string, unknown>;
  assert.deepEqual(ours['dependencies'], helms['dependencies']);
  assert.equal(ours['digest'], helms['digest']);
  assert.ok(files.files.some((f) => f.path === 'charts/alpha/Chart.yaml'));
  assert.ok(files.files.some((f) => f.path === 'charts/beta/templates/deployment.yaml'));
});

test('a v1 chart: requirements.yaml dependencies are vendored and requirements.lock matches helm', async () => {
  const root = tempDir('cho-lock-v1-');
  assert.equal(helm(['create', join(root, 'gamma')]).status, 0);
  const app = join(root, 'old');
  mkdirSync(join(app, 'templates'), { recursive: true });
  writeFileSync(join(app, 'Chart.yaml'), 'apiVersion: v1\nname: old\nversion: 1.0.0\n');
  writeFileSync(join(app, 'values.yaml'), 'gamma:\n  enabled: true\n');
  writeFileSync(join(app, 'requirements.yaml'), 'dependencies:\n  - name: gamma\n    version: ~0.1.0\n    repository: file://../gamma\n    condition: gamma.enabled\n');
  const copy = join(root, 'copy');
  for (const name of ['gamma', 'old']) cpSync(join(root, name), join(copy, name), { recursive: true });
  const r = helm(['dependency', 'update', join(copy, 'old')]);
  assert.equal(r.status, 0, r.stderr);
  const helms = yaml.load(readFileSync(join(copy, 'old', 'requirements.lock'), 'utf8')) as Record<string, unknown>;
  const files = await vendorDependencies(await readChartDir(app), { limits: DEFAULT_LIMITS, remote: await remoteOptions({ progress: silentProgress, env: {} }), baseDir: app });
  const lock = files.files.find((f) => f.path === 'requirements.lock');
  assert.ok(lock);
  const ours = yaml.load(lock.data.toString('utf8')) as Record<string, unknown>;
  assert.deepEqual(ours['dependencies'], helms['dependencies']);
  assert.equal(ours['digest'], helms['digest']);
});

test('a chart folder with a link that leaves the chart is refused naming it', async () => {
  const root = tempDir('cho-link-');
  mkdirSync(join(root, 'demo', 'templates'), { recursive: true });
  writeFileSync(join(root, 'demo', 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
  writeFileSync(join(root, 'secret.txt'), 'top secret');
  symlinkSync(join(root, 'secret.txt'), join(root, 'demo', 'templates', 'secret.yaml'));
  await assert.rejects(readChartDir(join(root, 'demo')), (e: unknown) => e instanceof UserError
    && /demo: templates\/secret\.yaml is a link that points outside the chart; replace it with the file itself$/.test(e.message));
});
