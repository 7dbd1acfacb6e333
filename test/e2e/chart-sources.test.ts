/**
 * Charts from anywhere, end to end through the built CLI, against real servers on 127.0.0.1: a chart
 * repository served by node over charts packaged by the pinned helm (plain HTTP, HTTPS with a test
 * CA, basic auth, through a forward proxy), the Distribution registry for oci:// (anonymous over HTTP, htpasswd over TLS),
 * dependencies (file://, repository, unreachable, --offline) with Chart.lock checked against helm's
 * own, hostile archives through the CLI, timeouts and retries.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { runCli, tempDir, type CliResult } from '../support/cli.js';
import { cliPath } from '../support/paths.js';
import { helm, helmPath } from '../support/tools.js';
import { freePort, makeTestCa, registryUnavailable, serveChartRepo, startProxy, startRegistry, startTokenServer, type RunningServer, type TestCa } from '../support/servers.js';
import { chartTgz, gzipBomb, HOSTILE_ARCHIVES } from '../fixtures/hostile/build.js';

/** Runs the CLI with `input` on stdin (for --password-stdin). */
function runCliWithInput(args: readonly string[], input: string, options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
    delete env['CI'];
    delete env['FORCE_COLOR'];
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdin.end(input);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
}

function spawnSyncOk(command: string, args: readonly string[]): boolean {
  return spawnSync(command, args).status === 0;
}

function ok(r: CliResult): void {
  assert.equal(r.code, 0, `exit ${r.code}\nstderr:\n${r.stderr}`);
}

/** One error line naming the problem; exit 1; nothing written in cwd. */
function refused(r: CliResult, cwd: string, message: RegExp): void {
  assert.equal(r.code, 1, r.stderr);
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
  assert.equal(errors.length, 1, r.stderr);
  // The CLI prints the fix in brackets after the message: match the message with or without it.
  const withoutHint = errors[0]!.replace(/ \((?:[^()]|\([^()]*\))*\)$/, '');
  assert.ok(message.test(errors[0]!) || message.test(withoutHint), `${errors[0]} does not match ${message}`);
  assert.deepEqual(readdirSync(cwd).filter((f) => f !== '.home'), [], 'nothing written');
}

interface ProjectRecord { name: string; version: string; source: string; sourceType: string; digest: string }
function projectRecord(project: string): ProjectRecord {
  const doc = yaml.load(readFileSync(join(project, 'PROJECT'), 'utf8')) as { plugins: Record<string, { chart: ProjectRecord }> };
  return doc.plugins['helm-chart.create-helm-operator.dev/v1alpha1']!.chart;
}

/** An environment whose Helm and docker configs are empty temp folders (never the developer's own), and no proxy. */
function isolatedEnv(cwd: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const home = join(cwd, '.home');
  mkdirSync(home, { recursive: true });
  const noProxy = { HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '', NO_PROXY: '', no_proxy: '' };
  return { HOME: home, HELM_CONFIG_HOME: join(home, 'helm'), DOCKER_CONFIG: join(home, 'docker'), XDG_CONFIG_HOME: '', HELM_REPOSITORY_CONFIG: '', HELM_REGISTRY_CONFIG: '', ...noProxy, ...extra };
}

const asyncHelmHome = tempDir('cho-helm-async-');
/**
 * The pinned helm, without blocking: the repository servers run in this process, so a helm that talks
 * to them must not be run with spawnSync.
 */
function helmAsync(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, HELM_CACHE_HOME: join(asyncHelmHome, 'cache'), HELM_CONFIG_HOME: join(asyncHelmHome, 'config'), HELM_DATA_HOME: join(asyncHelmHome, 'data') };
    const child = spawn(helmPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

function must(r: { status: number; stdout: string; stderr: string }, what: string): string {
  assert.equal(r.status, 0, `${what}: ${r.stderr}`);
  return r.stdout;
}

/** Packages `helm create <name>` at the given versions into `repoDir`. */
function packageCharts(scratch: string, repoDir: string, name: string, versions: readonly string[]): void {
  must(helm(['create', join(scratch, name)]), 'helm create');
  for (const v of versions) must(helm(['package', join(scratch, name), '--version', v, '-d', repoDir]), 'helm package');
}

const fixtures = tempDir('cho-sources-');
const repoDir = join(fixtures, 'repo');
const scratch = join(fixtures, 'scratch');
let ca: TestCa;
let plain: RunningServer;
let secure: RunningServer;
let authed: RunningServer;

before(() => {
  mkdirSync(repoDir, { recursive: true });
  mkdirSync(scratch, { recursive: true });
  packageCharts(scratch, repoDir, 'web', ['0.1.0', '0.1.5', '0.2.0', '1.0.0-rc.1', '1.0.0']);
  must(helm(['repo', 'index', repoDir]), 'helm repo index');
  ca = makeTestCa(join(fixtures, 'ca'));
});

before(async () => {
  plain = await serveChartRepo(repoDir);
  secure = await serveChartRepo(repoDir, { tls: ca });
  authed = await serveChartRepo(repoDir, { tls: ca, auth: { username: 'alice', password: 's3cret' } });
});

after(async () => {
  await Promise.all([plain?.close(), secure?.close(), authed?.close()]);
});

describe('HTTP chart repositories', () => {
  test('--repo picks the highest version matching a Helm range (commas, ||) and records it in PROJECT', async () => {
    const cwd = tempDir();
    const r = await runCli(['project', '--yes', '--repo', secure.url, '--chart', 'web', '--chart-version', '>=0.1.0, <1.0.0 || 3.x', '--ca-file', ca.caFile], { cwd, env: isolatedEnv(cwd) });
    ok(r);
    const record = projectRecord(join(cwd, 'project'));
    assert.equal(record.version, '0.2.0');
    assert.equal(record.sourceType, 'repository');
    assert.equal(record.source, `${secure.url}/web-0.2.0.tgz`);
    assert.match(record.digest, /^sha256:[a-f0-9]{64}$/);
    assert.ok(existsSync(join(cwd, 'project', 'helm-charts', 'web', 'Chart.yaml')));
    assert.match(r.stderr, /downloaded https:\/\/127\.0\.0\.1:\d+\/web-0\.2\.0\.tgz/, 'progress on stderr (plain lines without a TTY)');
  });

  test('on a terminal, downloads show a progress bar redrawn in place', { skip: spawnSyncOk('script', ['--version']) ? false : 'no `script` command' }, async () => {
    const cwd = tempDir();
    const env: NodeJS.ProcessEnv = { ...process.env, ...isolatedEnv(cwd), NO_COLOR: '1', TERM: 'xterm' };
    for (const k of ['CI', 'XDG_CONFIG_HOME', 'HELM_REPOSITORY_CONFIG', 'HELM_REGISTRY_CONFIG']) delete env[k];
    const command = `${process.execPath} ${cliPath} project --yes --repo ${secure.url} --chart web --ca-file ${ca.caFile}`;
    const screen = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
    assert.match(screen, /\r\x1b\[2Khttps:\/\/127\.0\.0\.1:\d+\/web-1\.0\.0\.tgz \[#{24}\] 100% \d+\.\d KiB/);
    assert.doesNotMatch(screen, /^downloading /m, 'no plain lines on a terminal');
    assert.equal(projectRecord(join(cwd, 'project')).version, '1.0.0');
  });

  test('no range: the highest release (pre-releases only when the range asks)', async () => {
    const cwd = tempDir();
    ok(await runCli(['project', '--yes', '--repo', secure.url, '--chart', 'web', '--ca-file', ca.caFile], { cwd, env: isolatedEnv(cwd) }));
    assert.equal(projectRecord(join(cwd, 'project')).version, '1.0.0');
    const cwd2 = tempDir();
    ok(await runCli(['project', '--yes', '--repo', secure.url, '--chart', 'web', '--chart-version', '1.0.0-rc.1', '--ca-file', ca.caFile], { cwd: cwd2, env: isolatedEnv(cwd2) }));
    assert.equal(projectRecord(join(cwd2, 'project')).version, '1.0.0-rc.1');
  });

  test('a range nothing matches names the versions there are', async () => {
    const cwd = tempDir();
    const r = await runCli(['project', '--yes', '--repo', secure.url, '--chart', 'web', '--chart-version', '~5.1', '--ca-file', ca.caFile], { cwd, env: isolatedEnv(cwd) });
    refused(r, cwd, /no version of "web" matches "~5\.1" \(the repository has /);
  });

  test('a chart the repository lacks, and an invalid range, are one-line errors', async () => {
    const cwd = tempDir();
    refused(await runCli(['project', '--yes', '--repo', secure.url, '--chart', 'nope', '--ca-file', ca.caFile], { cwd, env: isolatedEnv(cwd) }), cwd,
      /index\.yaml: the repository has no chart named "nope"/);
    refused(await runCli(['project', '--yes', '--repo', secure.url, '--chart', 'web', '--chart-version', '>>1'], { cwd, env: isolatedEnv(cwd) }), cwd,
      /^error: --chart-version: ">>1" is not a version range/);
  });

  test('plain HTTP is refused without --plain-http, and works with it', async () => {
    const cwd = tempDir();
    refused(await runCli(['project', '--yes', '--repo', plain.url, '--chart', 'web'], { cwd, env: isolatedEnv(cwd) }), cwd,
      /^error: http:\/\/127\.0\.0\.1:\d+\/index\.yaml: plain HTTP is refused$/);
    ok(await runCli(['project', '--yes', '--repo', plain.url, '--chart', 'web', '--chart-version', '0.1.0', '--plain-http'], { cwd, env: isolatedEnv(cwd) }));
    assert.equal(projectRecord(join(cwd, 'project')).version, '0.1.0');
  });

  test('TLS: an unknown CA is refused with a hint; --insecure-skip-tls-verify skips the check', async () => {
    const cwd = tempDir();
    const r = await runCli(['project', '--yes', '--repo', secure.url, '--chart', 'web'], { cwd, env: isolatedEnv(cwd) });
    refused(r, cwd, /index\.yaml: TLS verification failed \(/);
    assert.match(r.stderr, /\(pass --ca-file with the CA/);
    ok(await runCli(['project', '--yes', '--repo', secure.url, '--chart', 'web', '--insecure-skip-tls-verify'], { cwd, env: isolatedEnv(cwd) }));
  });

  test('basic auth with --username and --password-stdin; a wrong password is refused', async () => {
    const cwd = tempDir();
    const wrong = await runCliWithInput(['project', '--yes', '--repo', authed.url, '--chart', 'web', '--ca-file', ca.caFile, '--username', 'alice', '--password-stdin'], 'wrong\n', { cwd, env: isolatedEnv(cwd) });
    refused(wrong, cwd, /index\.yaml: repository index: access denied \(HTTP 401\)$/);
    assert.ok(!wrong.stderr.includes('wrong'), 'the password is never printed');
    const none = await runCli(['project', '--yes', '--repo', authed.url, '--chart', 'web', '--ca-file', ca.caFile], { cwd, env: isolatedEnv(cwd) });
    refused(none, cwd, /access denied \(HTTP 401\)/);
    const right = await runCliWithInput(['project', '--yes', '--repo', authed.url, '--chart', 'web', '--ca-file', ca.caFile, '--username', 'alice', '--password-stdin'], 's3cret\n', { cwd, env: isolatedEnv(cwd) });
    ok(right);
    assert.equal(projectRecord(join(cwd, 'project')).version, '1.0.0');
  });

  test('<repo>/<chart> reads the URL, credentials and CA that `helm repo add` saved', async () => {
    const cwd = tempDir();
    const env = isolatedEnv(cwd);
    const config = join(cwd, '.home', 'repositories.yaml');
    // The pinned helm writes the entry, as a user would.
    must(await helmAsync(['repo', 'add', 'mine', authed.url, '--username', 'alice', '--password', 's3cret', '--ca-file', ca.caFile, '--repository-config', config, '--repository-cache', join(cwd, '.home', 'cache')]), 'helm repo add');
    const r = await runCli(['project', '--yes', '--chart', 'mine/web', '--chart-version', '^0.1'], { cwd, env: { ...env, HELM_REPOSITORY_CONFIG: config } });
    ok(r);
    assert.equal(projectRecord(join(cwd, 'project')).version, '0.1.5');
    const missing = tempDir();
    refused(await runCli(['project', '--yes', '--chart', 'other/web'], { cwd: missing, env: { ...isolatedEnv(missing), HELM_REPOSITORY_CONFIG: config } }), missing,
      /^error: --chart other\/web: no such file or directory$/);
  });

  test('an https:// URL of a packaged chart', async () => {
    const cwd = tempDir();
    ok(await runCli(['project', '--yes', '--chart', `${secure.url}/web-0.1.5.tgz`, '--ca-file', ca.caFile], { cwd, env: isolatedEnv(cwd) }));
    const record = projectRecord(join(cwd, 'project'));
    assert.equal(record.sourceType, 'url');
    assert.equal(record.source, `${secure.url}/web-0.1.5.tgz`);
    assert.equal(record.version, '0.1.5');
  });

  test('HTTPS_PROXY: a repository only the proxy can reach is fetched through a CONNECT tunnel, TLS checked end to end', async () => {
    // charts.example.test resolves nowhere: only the proxy knows it, so success means the proxy was used.
    const port = Number(new URL(secure.url).port);
    const proxy = await startProxy({ [`charts.example.test:${port}`]: port });
    try {
      const cwd = tempDir();
      const repo = `https://charts.example.test:${port}`;
      ok(await runCli(['project', '--yes', '--repo', repo, '--chart', 'web', '--chart-version', '0.1.5', '--ca-file', ca.caFile], { cwd, env: isolatedEnv(cwd, { HTTPS_PROXY: proxy.url }) }));
      assert.equal(projectRecord(join(cwd, 'project')).version, '0.1.5');
      assert.deepEqual([...new Set(proxy.requests)], [`CONNECT charts.example.test:${port}`]);
      // The tunnel carries TLS to the server, so the server's certificate is still checked.
      const untrusted = tempDir();
      refused(await runCli(['project', '--yes', '--repo', repo, '--chart', 'web'], { cwd: untrusted, env: isolatedEnv(untrusted, { https_proxy: proxy.url }) }), untrusted,
        /index\.yaml: TLS verification failed \(/);
    } finally {
      await proxy.close();
    }
  });

  test('an HTTPS proxy (trusted through NODE_EXTRA_CA_CERTS) tunnels as well', async () => {
    const port = Number(new URL(secure.url).port);
    const proxy = await startProxy({ [`charts.example.test:${port}`]: port }, { tls: ca });
    try {
      const cwd = tempDir();
      ok(await runCli(['project', '--yes', '--repo', `https://charts.example.test:${port}`, '--chart', 'web', '--chart-version', '0.1.0', '--ca-file', ca.caFile], {
        cwd, env: isolatedEnv(cwd, { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: ca.caFile }),
      }));
      assert.equal(projectRecord(join(cwd, 'project')).version, '0.1.0');
      assert.deepEqual([...new Set(proxy.requests)], [`CONNECT charts.example.test:${port}`]);
    } finally {
      await proxy.close();
    }
  });

  test('HTTP_PROXY (no scheme: http) carries plain HTTP with --plain-http; loopback addresses never go through a proxy', async () => {
    const port = Number(new URL(plain.url).port);
    const proxy = await startProxy({ [`charts.example.test:${port}`]: port });
    try {
      const cwd = tempDir();
      ok(await runCli(['project', '--yes', '--repo', `http://charts.example.test:${port}`, '--chart', 'web', '--chart-version', '0.1.0', '--plain-http'], { cwd, env: isolatedEnv(cwd, { HTTP_PROXY: proxy.url.replace(/^http:\/\//, '') }) }));
      assert.deepEqual(proxy.requests, [`GET http://charts.example.test:${port}/index.yaml`, `GET http://charts.example.test:${port}/web-0.1.0.tgz`]);
      // 127.0.0.1 never goes through a proxy (as in Helm): this one would refuse every request.
      const direct = tempDir();
      ok(await runCli(['project', '--yes', '--repo', plain.url, '--chart', 'web', '--plain-http'], { cwd: direct, env: isolatedEnv(direct, { HTTP_PROXY: 'http://127.0.0.1:9' }) }));
      assert.equal(proxy.requests.length, 2);
    } finally {
      await proxy.close();
    }
  });

  test('a proxy that wants credentials, or cannot be reached, is one line naming it and the variable', async () => {
    const port = Number(new URL(secure.url).port);
    const proxy = await startProxy({ [`charts.example.test:${port}`]: port }, { auth: { username: 'bob', password: 'pr0xy' } });
    try {
      const repo = `https://charts.example.test:${port}`;
      const cwd = tempDir();
      const r = await runCli(['project', '--yes', '--repo', repo, '--chart', 'web', '--ca-file', ca.caFile], { cwd, env: isolatedEnv(cwd, { HTTPS_PROXY: proxy.url }) });
      refused(r, cwd, /index\.yaml: through the proxy http:\/\/127\.0\.0\.1:\d+ \(from HTTPS_PROXY\): the proxy wants credentials \(HTTP 407\)$/);
      assert.match(r.stderr, /put them in HTTPS_PROXY \(http:\/\/user:password@host:port\)/);
      const withUser = proxy.url.replace('http://', 'http://bob:pr0xy@');
      ok(await runCli(['project', '--yes', '--repo', repo, '--chart', 'web', '--ca-file', ca.caFile], { cwd, env: isolatedEnv(cwd, { HTTPS_PROXY: withUser }) }));
      const dead = tempDir();
      const gone = await runCli(['project', '--yes', '--repo', repo, '--chart', 'web'], { cwd: dead, env: isolatedEnv(dead, { HTTPS_PROXY: `http://127.0.0.1:${await freePort()}` }) });
      refused(gone, dead, /through the proxy http:\/\/127\.0\.0\.1:\d+ \(from HTTPS_PROXY\): cannot reach the proxy \(ECONNREFUSED\)/);
      const socks = tempDir();
      refused(await runCli(['project', '--yes', '--repo', repo, '--chart', 'web'], { cwd: socks, env: isolatedEnv(socks, { HTTPS_PROXY: 'socks5://127.0.0.1:1080' }) }), socks,
        /^error: HTTPS_PROXY: socks5 proxies are not supported/);
    } finally {
      await proxy.close();
    }
  });

  test('an archive whose digest differs from the index is refused', async () => {
    const dir = join(fixtures, 'tampered');
    cpSync(repoDir, dir, { recursive: true });
    const index = readFileSync(join(dir, 'index.yaml'), 'utf8');
    writeFileSync(join(dir, 'index.yaml'), index.replace(/digest: [a-f0-9]{64}/g, `digest: ${'f'.repeat(64)}`));
    const server = await serveChartRepo(dir, { tls: ca });
    try {
      const cwd = tempDir();
      refused(await runCli(['project', '--yes', '--repo', server.url, '--chart', 'web', '--ca-file', ca.caFile], { cwd, env: isolatedEnv(cwd) }), cwd,
        /web-1\.0\.0\.tgz: digest sha256:[a-f0-9]{64} does not match the repository index \(sha256:f{64}\); refusing the archive$/);
    } finally {
      await server.close();
    }
  });

  test('a transient 503 is retried', async () => {
    const server = await serveChartRepo(repoDir, { tls: ca, failFirst: true });
    try {
      const cwd = tempDir();
      ok(await runCli(['project', '--yes', '--repo', server.url, '--chart', 'web', '--ca-file', ca.caFile], { cwd, env: isolatedEnv(cwd) }));
      assert.deepEqual(server.requests.filter((q) => q.endsWith('index.yaml')).length, 2);
    } finally {
      await server.close();
    }
  });

  test('a server that never answers times out with a clear message', async () => {
    const sockets: import('node:net').Socket[] = [];
    const silent: Server = createServer((s) => { sockets.push(s); });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as { port: number }).port;
    try {
      const cwd = tempDir();
      const start = Date.now();
      const r = await runCli(['project', '--yes', '--repo', `http://127.0.0.1:${port}`, '--chart', 'web', '--plain-http', '--timeout', '0.5'], { cwd, env: isolatedEnv(cwd) });
      refused(r, cwd, /index\.yaml: timed out after 0\.5s without an answer$/);
      assert.match(r.stderr, /\(check the network, or raise --timeout\)/);
      assert.ok(Date.now() - start < 15_000);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  test('a server that trickles its headers or its body is cut off, not waited on forever', async () => {
    // Never idle long enough for the socket's idle timeout: a few bytes every 100 ms.
    const sockets: import('node:net').Socket[] = [];
    const trickle = (socket: import('node:net').Socket, text: string): void => {
      let at = 0;
      const timer = setInterval(() => {
        if (socket.destroyed) { clearInterval(timer); return; }
        socket.write(text.slice(at, at + 4));
        at = (at + 4) % text.length;
      }, 100);
      socket.on('close', () => clearInterval(timer));
    };
    const slowHeaders: Server = createServer((s) => { sockets.push(s); s.on('error', () => undefined); trickle(s, 'HTTP/1.1 200 OK\r\nX-Padding: ' + 'a'.repeat(4000)); });
    const slowBody: Server = createServer((s) => {
      sockets.push(s);
      s.on('error', () => undefined);
      s.write('HTTP/1.1 200 OK\r\nContent-Type: text/yaml\r\nContent-Length: 1000000\r\n\r\n');
      trickle(s, 'apiVersion: v1\n# ');
    });
    const listen = async (server: Server): Promise<number> => {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      return (server.address() as { port: number }).port;
    };
    try {
      const headersPort = await listen(slowHeaders);
      const bodyPort = await listen(slowBody);
      const cwd = tempDir();
      const start = Date.now();
      const headers = await runCli(['project', '--yes', '--repo', `http://127.0.0.1:${headersPort}`, '--chart', 'web', '--plain-http', '--timeout', '1'], { cwd, env: isolatedEnv(cwd) });
      refused(headers, cwd, /index\.yaml: timed out after 1s without an answer$/);
      const body = await runCli(['project', '--yes', '--repo', `http://127.0.0.1:${bodyPort}`, '--chart', 'web', '--plain-http', '--timeout', '1'], { cwd, env: isolatedEnv(cwd) });
      refused(body, cwd, /index\.yaml: slower than 1 KiB\/s for 1s$/);
      assert.match(body.stderr, /\(check the network, or raise --timeout\)/);
      assert.ok(Date.now() - start < 20_000);
    } finally {
      for (const s of sockets) s.destroy();
      slowHeaders.close();
      slowBody.close();
    }
  });

  test('flag mistakes are one line naming the flag', async () => {
    const cwd = tempDir();
    const env = isolatedEnv(cwd);
    refused(await runCli(['project', '--yes', '--repo', 'ftp://x', '--chart', 'web'], { cwd, env }), cwd, /^error: --repo "ftp:\/\/x" is invalid: must be the http\(s\):\/\/ URL of a chart repository/);
    refused(await runCli(['project', '--yes', '--repo', secure.url], { cwd, env }), cwd, /^error: --repo needs --chart naming a chart in that repository/);
    refused(await runCli(['project', '--yes', '--repo', secure.url, '--chart', 'web', '--username', 'alice'], { cwd, env }), cwd, /^error: --username needs --password-stdin$/);
    refused(await runCliWithInput(['project', '--yes', '--repo', secure.url, '--chart', 'web', '--username', 'alice', '--password-stdin'], '', { cwd, env }), cwd, /^error: --password-stdin: stdin was empty$/);
    refused(await runCli(['project', '--yes', '--timeout', '-1'], { cwd, env }), cwd, /^error: --timeout "-1" is invalid/);
    refused(await runCli(['project', '--yes', '--chart', `${secure.url}/web-0.1.0.tgz`, '--chart-version', '1'], { cwd, env }), cwd, /^error: --chart-version applies to --repo, <repo>\/<chart> and oci:\/\/ charts, not to a chart URL$/);
  });

  test('--offline refuses anything remote, naming it', async () => {
    const cwd = tempDir();
    refused(await runCli(['project', '--yes', '--repo', secure.url, '--chart', 'web', '--offline'], { cwd, env: isolatedEnv(cwd) }), cwd,
      /^error: https:\/\/127\.0\.0\.1:\d+\/index\.yaml: --offline refuses to fetch anything remote$/);
    refused(await runCli(['project', '--yes', '--chart', 'oci://127.0.0.1:1/charts/web:1.0.0', '--offline'], { cwd, env: isolatedEnv(cwd) }), cwd,
      /^error: oci:\/\/127\.0\.0\.1:1\/charts\/web: --offline refuses to fetch anything remote$/);
  });
});

describe('dependencies', () => {
  /** A chart `app` depending on a file:// chart and on `web` from the HTTPS repository. */
  function appChart(root: string, repoUrl: string, extraDeps = ''): string {
    must(helm(['create', join(root, 'lib')]), 'helm create lib');
    const app = join(root, 'app');
    must(helm(['create', app]), 'helm create app');
    const chartYaml = readFileSync(join(app, 'Chart.yaml'), 'utf8');
    writeFileSync(join(app, 'Chart.yaml'), `${chartYaml}dependencies:
  - name: lib
    version: ">=0.1.0"
    repository: file://../lib
  - name: web
    version: "~0.1.0"
    repository: ${repoUrl}
    alias: frontend
    condition: frontend.enabled
${extraDeps}`);
    writeFileSync(join(app, 'values.yaml'), `${readFileSync(join(app, 'values.yaml'), 'utf8')}\nfrontend:\n  enabled: true\n`);
    return app;
  }

  test('file:// and repository dependencies are vendored, and Chart.lock matches helm dependency update', async () => {
    const root = tempDir('cho-deps-');
    const app = appChart(root, secure.url);
    const cwd = tempDir();
    const r = await runCli(['project', '--yes', '--chart', app, '--ca-file', ca.caFile], { cwd, env: isolatedEnv(cwd) });
    ok(r);
    assert.doesNotMatch(r.stderr, /not vendored/);
    const vendored = join(cwd, 'project', 'helm-charts', 'app');
    assert.ok(existsSync(join(vendored, 'charts', 'lib', 'Chart.yaml')), 'file:// dependency as files under charts/lib/');
    assert.ok(existsSync(join(vendored, 'charts', 'web-0.1.5.tgz')), 'repository dependency as the .tgz');
    assert.deepEqual(readFileSync(join(vendored, 'charts', 'web-0.1.5.tgz')), readFileSync(join(repoDir, 'web-0.1.5.tgz')));

    // helm itself, on a copy of the chart: add the repository, update dependencies, compare the lock.
    const copy = join(root, 'copy');
    cpSync(join(root, 'app'), join(copy, 'app'), { recursive: true });
    cpSync(join(root, 'lib'), join(copy, 'lib'), { recursive: true });
    const config = join(root, 'repositories.yaml');
    const cache = join(root, 'cache');
    must(await helmAsync(['repo', 'add', 'local', secure.url, '--ca-file', ca.caFile, '--repository-config', config, '--repository-cache', cache]), 'helm repo add');
    must(await helmAsync(['dependency', 'update', join(copy, 'app'), '--repository-config', config, '--repository-cache', cache]), 'helm dependency update');
    const ours = yaml.load(readFileSync(join(vendored, 'Chart.lock'), 'utf8')) as Record<string, unknown>;
    const helms = yaml.load(readFileSync(join(copy, 'app', 'Chart.lock'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(ours['dependencies'], helms['dependencies']);
    assert.equal(ours['digest'], helms['digest'], 'Helm computes the same lock digest');

    // The vendored chart is complete: helm renders it without fetching anything.
    const rendered = helm(['template', 'x', vendored]);
    assert.equal(rendered.status, 0, rendered.stderr);
    assert.match(rendered.stdout, /# Source: app\/charts\/frontend\/templates\/deployment\.yaml|# Source: app\/charts\/web\/templates\/deployment\.yaml/);
    assert.match(rendered.stdout, /# Source: app\/charts\/lib\/templates\/deployment\.yaml/);
  });

  test('a file:// dependency that does not exist is an error naming it', async () => {
    const root = tempDir('cho-deps-');
    const app = appChart(root, secure.url, '  - name: ghost\n    version: 1.0.0\n    repository: file://../ghost\n');
    const cwd = tempDir();
    refused(await runCli(['project', '--yes', '--chart', app, '--ca-file', ca.caFile], { cwd, env: isolatedEnv(cwd) }), cwd,
      /app\/Chart\.yaml: dependency "ghost": file:\/\/\.\.\/ghost does not exist \(looked for .*\/ghost\)$/);
  });

  test('an unreachable repository degrades to a warning naming the dependency; the project is still generated', async () => {
    const root = tempDir('cho-deps-');
    const port = await freePort();
    const app = appChart(root, `https://127.0.0.1:${port}/charts`);
    const cwd = tempDir();
    const r = await runCli(['project', '--yes', '--chart', app], { cwd, env: isolatedEnv(cwd) });
    ok(r);
    assert.match(r.stderr, /warning: could not fetch dependency "web": https:\/\/127\.0\.0\.1:\d+\/charts\/index\.yaml: cannot reach the server \(ECONNREFUSED\)/);
    assert.match(r.stderr, /dependencies not vendored in charts\/: web/);
    const vendored = join(cwd, 'project', 'helm-charts', 'app');
    assert.ok(existsSync(join(vendored, 'charts', 'lib', 'Chart.yaml')), 'the file:// dependency is still vendored');
    assert.ok(!existsSync(join(vendored, 'Chart.lock')), 'no lock is written while a dependency is missing');
  });

  test('--offline vendors file:// dependencies and warns naming the remote ones', async () => {
    const root = tempDir('cho-deps-');
    const app = appChart(root, secure.url);
    const cwd = tempDir();
    const r = await runCli(['project', '--yes', '--chart', app, '--offline'], { cwd, env: isolatedEnv(cwd) });
    ok(r);
    assert.match(r.stderr, /warning: --offline: not fetching dependencies web \(https:\/\/127\.0\.0\.1:\d+\)/);
    assert.ok(existsSync(join(cwd, 'project', 'helm-charts', 'app', 'charts', 'lib', 'Chart.yaml')));
  });

  test('a dependency version the repository lacks is an error, not a warning', async () => {
    const root = tempDir('cho-deps-');
    const app = appChart(root, secure.url, '  - name: web\n    version: "9.9.9"\n    repository: ' + secure.url + '\n    alias: other\n');
    // The duplicate name keeps the first entry's range; make a chart whose only remote dep is unsatisfiable.
    writeFileSync(join(app, 'Chart.yaml'), readFileSync(join(app, 'Chart.yaml'), 'utf8').replace('"~0.1.0"', '"9.9.9"'));
    const cwd = tempDir();
    refused(await runCli(['project', '--yes', '--chart', app, '--ca-file', ca.caFile], { cwd, env: isolatedEnv(cwd) }), cwd,
      /no version of "web" matches "9\.9\.9"/);
  });
});

describe('hostile archives through the CLI', () => {
  for (const c of HOSTILE_ARCHIVES.slice(0, 6)) {
    test(`--chart with ${c.name}: one line, exit 1, nothing written`, async () => {
      const cwd = tempDir();
      const dir = tempDir('cho-hostile-');
      writeFileSync(join(dir, 'evil-0.1.0.tgz'), c.archive());
      refused(await runCli(['project', '--yes', '--chart', join(dir, 'evil-0.1.0.tgz')], { cwd }), cwd, c.message);
      assert.deepEqual(readdirSync(dir), ['evil-0.1.0.tgz'], 'nothing written beside the archive');
    });
  }

  test('a gzip bomb stops at the default cap, and --max-chart-bytes names itself', async () => {
    const cwd = tempDir();
    const dir = tempDir('cho-hostile-');
    writeFileSync(join(dir, 'bomb.tgz'), gzipBomb(4 * 1024 * 1024));
    const r = await runCli(['project', '--yes', '--chart', join(dir, 'bomb.tgz'), '--max-chart-bytes', '1000000'], { cwd });
    refused(r, cwd, /bomb\.tgz: unpacks to more than 1000000 bytes; raise --max-chart-bytes if it is genuine$/);
  });

  test('--max-chart-files caps a chart directory too; bad cap values are flag errors', async () => {
    const cwd = tempDir();
    const dir = tempDir('cho-hostile-');
    writeFileSync(join(dir, 'demo.tgz'), chartTgz());
    refused(await runCli(['project', '--yes', '--chart', join(dir, 'demo.tgz'), '--max-chart-files', '2'], { cwd }), cwd,
      /demo\.tgz: holds more than 2 files; raise --max-chart-files if it is genuine$/);
    refused(await runCli(['project', '--yes', '--max-chart-files', 'many'], { cwd }), cwd, /^error: --max-chart-files "NaN" is invalid/);
  });
});

describe('broken charts through the CLI: one line naming the file, exit 1, nothing written', () => {
  const chartYaml = 'apiVersion: v2\nname: demo\nversion: 0.1.0\n';
  const cases: ReadonlyArray<[string, Record<string, string | Buffer>, RegExp]> = [
    ['no Chart.yaml', { 'values.yaml': 'a: 1\n' }, /demo\/Chart\.yaml: missing; this is not a Helm chart$/],
    ['a version that is not SemVer', { 'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: latest\n' }, /demo\/Chart\.yaml: version "latest" is not SemVer/],
    ['an unknown apiVersion', { 'Chart.yaml': 'apiVersion: v9\nname: demo\nversion: 1.0.0\n' }, /demo\/Chart\.yaml: apiVersion "v9" is unknown/],
    ['a bad name', { 'Chart.yaml': 'apiVersion: v2\nname: "de mo"\nversion: 1.0.0\n' }, /demo\/Chart\.yaml: chart name "de mo" may only contain/],
    ['values.yaml that is not a map', { 'Chart.yaml': chartYaml, 'values.yaml': '- 1\n' }, /demo\/values\.yaml: must be a map of values, not a list$/],
    ['a template that is not UTF-8', { 'Chart.yaml': chartYaml, 'templates/cm.yaml': Buffer.from([0xc3, 0x28]) }, /demo\/templates\/cm\.yaml: not UTF-8 text/],
    ['an alias bomb in values.yaml', { 'Chart.yaml': chartYaml, 'values.yaml': ['a: &a [x,x,x,x,x,x,x,x,x,x]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n') }, /demo\/values\.yaml: YAML expands to more than \d+ nodes/],
    ['a dependency that cannot be found', { 'Chart.yaml': `${chartYaml}dependencies:\n  - name: gone\n    version: 1.0.0\n` }, /demo\/Chart\.yaml: dependency "gone" has no repository and charts\/ does not hold it$/],
  ];
  for (const [name, files, message] of cases) {
    test(name, async () => {
      const root = tempDir('cho-broken-');
      for (const [path, data] of Object.entries(files)) {
        mkdirSync(join(root, 'demo', path, '..'), { recursive: true });
        writeFileSync(join(root, 'demo', path), data);
      }
      const cwd = tempDir();
      const start = Date.now();
      refused(await runCli(['project', '--yes', '--chart', join(root, 'demo')], { cwd }), cwd, message);
      assert.ok(Date.now() - start < 10_000);
    });
  }

  test('inside a packaged chart, the message names the file inside the archive', async () => {
    const dir = tempDir('cho-broken-');
    writeFileSync(join(dir, 'demo-0.1.0.tgz'), chartTgz([{ name: 'demo/templates/bad.yaml', data: Buffer.from([0xff, 0xfe]) }]));
    const cwd = tempDir();
    refused(await runCli(['project', '--yes', '--chart', join(dir, 'demo-0.1.0.tgz')], { cwd }), cwd, /demo-0\.1\.0\.tgz\/templates\/bad\.yaml: not UTF-8 text; re-save the file as UTF-8$/);
  });
});

describe('OCI registries', { skip: registryUnavailable() }, () => {
  test('anonymous over plain HTTP: by tag, by range, by digest', async (t) => {
    const dir = tempDir('cho-registry-');
    const registry = await startRegistry(dir);
    t.after(() => registry.close());
    for (const v of ['0.1.0', '0.2.0']) must(helm(['push', join(repoDir, `web-${v}.tgz`), `oci://${registry.host}/charts`, '--plain-http']), 'helm push');

    const cwd = tempDir();
    const r = await runCli(['project', '--yes', '--chart', `oci://${registry.host}/charts/web:0.1.0`, '--plain-http'], { cwd, env: isolatedEnv(cwd) });
    ok(r);
    const record = projectRecord(join(cwd, 'project'));
    assert.equal(record.sourceType, 'oci');
    assert.equal(record.version, '0.1.0');
    assert.match(record.source, new RegExp(`^oci://${registry.host.replace(/\./g, '\\.')}/charts/web:0\\.1\\.0@sha256:[a-f0-9]{64}$`));

    const cwd2 = tempDir();
    ok(await runCli(['project', '--yes', '--chart', `oci://${registry.host}/charts/web`, '--chart-version', '>=0.1, <1', '--plain-http'], { cwd: cwd2, env: isolatedEnv(cwd2) }));
    assert.equal(projectRecord(join(cwd2, 'project')).version, '0.2.0');

    const digest = record.source.slice(record.source.indexOf('@') + 1);
    const cwd3 = tempDir();
    ok(await runCli(['project', '--yes', '--chart', `oci://${registry.host}/charts/web@${digest}`, '--plain-http'], { cwd: cwd3, env: isolatedEnv(cwd3) }));
    assert.equal(projectRecord(join(cwd3, 'project')).version, '0.1.0');

    const cwd4 = tempDir();
    refused(await runCli(['project', '--yes', '--chart', `oci://${registry.host}/charts/web:7.0.0`, '--plain-http'], { cwd: cwd4, env: isolatedEnv(cwd4) }), cwd4,
      /^error: http:\/\/127\.0\.0\.1:\d+\/v2\/charts\/web\/manifests\/7\.0\.0: manifest 7\.0\.0: not found \(HTTP 404\)$/);
  });

  test('htpasswd over TLS with a test CA: registry config, --password-stdin, wrong password, a credential helper', async (t) => {
    const dir = tempDir('cho-registry-');
    const registry = await startRegistry(dir, { tls: ca, users: { bob: 'hunter2' } });
    t.after(() => registry.close());
    const registryConfig = join(dir, 'registry-config.json');
    must(helm(['registry', 'login', registry.host, '--username', 'bob', '--password', 'hunter2', '--ca-file', ca.caFile, '--registry-config', registryConfig]), 'helm registry login');
    must(helm(['push', join(repoDir, 'web-1.0.0.tgz'), `oci://${registry.host}/charts`, '--ca-file', ca.caFile, '--registry-config', registryConfig]), 'helm push');

    const cwd = tempDir();
    const r = await runCli(['project', '--yes', '--chart', `oci://${registry.host}/charts/web:1.0.0`, '--ca-file', ca.caFile], { cwd, env: isolatedEnv(cwd, { HELM_REGISTRY_CONFIG: registryConfig }) });
    ok(r);
    assert.equal(projectRecord(join(cwd, 'project')).version, '1.0.0');

    const cwd2 = tempDir();
    ok(await runCliWithInput(['project', '--yes', '--chart', `oci://${registry.host}/charts/web:1.0.0`, '--ca-file', ca.caFile, '--username', 'bob', '--password-stdin'], 'hunter2\n', { cwd: cwd2, env: isolatedEnv(cwd2) }));

    const cwd3 = tempDir();
    const wrong = await runCliWithInput(['project', '--yes', '--chart', `oci://${registry.host}/charts/web:1.0.0`, '--ca-file', ca.caFile, '--username', 'bob', '--password-stdin'], 'nope\n', { cwd: cwd3, env: isolatedEnv(cwd3) });
    refused(wrong, cwd3, /oci:\/\/127\.0\.0\.1:\d+\/charts\/web: access denied by the registry/);

    const cwd4 = tempDir();
    const anonymous = await runCli(['project', '--yes', '--chart', `oci://${registry.host}/charts/web:1.0.0`, '--ca-file', ca.caFile], { cwd: cwd4, env: isolatedEnv(cwd4) });
    refused(anonymous, cwd4, /access denied by the registry \(no credentials\)$/);
    assert.match(anonymous.stderr, /\(log in with `helm registry login`, or pass --username with --password-stdin\)/);

    const cwd5 = tempDir();
    refused(await runCli(['project', '--yes', '--chart', `oci://${registry.host}/charts/web:1.0.0`], { cwd: cwd5, env: isolatedEnv(cwd5, { HELM_REGISTRY_CONFIG: registryConfig }) }), cwd5,
      /TLS verification failed/);
    // A login kept by a credential helper (credsStore), as `helm registry login` leaves it on macOS.
    const cwd6 = tempDir();
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'docker-credential-cho-test'), `#!/bin/sh\nread -r server\n[ "$1" = get ] && [ "$server" = "${registry.host}" ] || exit 1\nprintf '{"Username":"bob","Secret":"hunter2"}'\n`, { mode: 0o755 });
    const storeConfig = join(dir, 'store-config.json');
    writeFileSync(storeConfig, JSON.stringify({ credsStore: 'cho-test', auths: { [registry.host]: {} } }));
    ok(await runCli(['project', '--yes', '--chart', `oci://${registry.host}/charts/web:1.0.0`, '--ca-file', ca.caFile], { cwd: cwd6, env: isolatedEnv(cwd6, { HELM_REGISTRY_CONFIG: storeConfig, PATH: `${bin}:${process.env['PATH'] ?? ''}` }) }));
    assert.equal(projectRecord(join(cwd6, 'project')).version, '1.0.0');

  });

  test('Bearer tokens: the registry\'s WWW-Authenticate challenge answered at its token endpoint', async (t) => {
    const dir = tempDir('cho-registry-');
    const tokens = await startTokenServer(join(dir, 'token'), ca, { dave: 'tok3n' });
    t.after(() => tokens.close());
    const registry = await startRegistry(dir, { tls: ca, token: tokens });
    t.after(() => registry.close());
    const registryConfig = join(dir, 'registry-config.json');
    // helm talks to the token server in this process: run it without blocking the event loop.
    must(await helmAsync(['registry', 'login', registry.host, '--username', 'dave', '--password', 'tok3n', '--ca-file', ca.caFile, '--registry-config', registryConfig]), 'helm registry login');
    must(await helmAsync(['push', join(repoDir, 'web-0.1.5.tgz'), `oci://${registry.host}/team/charts`, '--ca-file', ca.caFile, '--registry-config', registryConfig]), 'helm push');

    const cwd = tempDir();
    ok(await runCliWithInput(['project', '--yes', '--chart', `oci://${registry.host}/team/charts/web`, '--chart-version', '~0.1', '--ca-file', ca.caFile, '--username', 'dave', '--password-stdin'], 'tok3n', { cwd, env: isolatedEnv(cwd) }));
    assert.equal(projectRecord(join(cwd, 'project')).version, '0.1.5');
    assert.ok(tokens.requests.some((q) => q === 'dave repository:team/charts/web:pull'), tokens.requests.join('\n'));

    const cwd2 = tempDir();
    ok(await runCli(['project', '--yes', '--chart', `oci://${registry.host}/team/charts/web:0.1.5`, '--ca-file', ca.caFile], { cwd: cwd2, env: isolatedEnv(cwd2, { HELM_REGISTRY_CONFIG: registryConfig }) }));

    const cwd3 = tempDir();
    refused(await runCli(['project', '--yes', '--chart', `oci://${registry.host}/team/charts/web:0.1.5`, '--ca-file', ca.caFile], { cwd: cwd3, env: isolatedEnv(cwd3) }), cwd3,
      /oci:\/\/127\.0\.0\.1:\d+\/team\/charts\/web: access denied by the registry/);
    const cwd4 = tempDir();
    refused(await runCliWithInput(['project', '--yes', '--chart', `oci://${registry.host}/team/charts/web:0.1.5`, '--ca-file', ca.caFile, '--username', 'dave', '--password-stdin'], 'wrong', { cwd: cwd4, env: isolatedEnv(cwd4) }), cwd4,
      /oci:\/\/127\.0\.0\.1:\d+\/team\/charts\/web: access denied by the registry for user "dave"$/);
  });

  test('an oci:// dependency is pulled and vendored as its .tgz', async (t) => {
    const dir = tempDir('cho-registry-');
    const registry = await startRegistry(dir);
    t.after(() => registry.close());
    must(helm(['push', join(repoDir, 'web-0.2.0.tgz'), `oci://${registry.host}/charts`, '--plain-http']), 'helm push');
    const root = tempDir('cho-deps-');
    const app = join(root, 'app');
    must(helm(['create', app]), 'helm create');
    writeFileSync(join(app, 'Chart.yaml'), `${readFileSync(join(app, 'Chart.yaml'), 'utf8')}dependencies:\n  - name: web\n    version: ">=0.1.0 <1.0.0"\n    repository: oci://${registry.host}/charts\n`);
    const cwd = tempDir();
    ok(await runCli(['project', '--yes', '--chart', app, '--plain-http'], { cwd, env: isolatedEnv(cwd) }));
    assert.deepEqual(readFileSync(join(cwd, 'project', 'helm-charts', 'app', 'charts', 'web-0.2.0.tgz')), readFileSync(join(repoDir, 'web-0.2.0.tgz')));
    const lock = yaml.load(readFileSync(join(cwd, 'project', 'helm-charts', 'app', 'Chart.lock'), 'utf8')) as { dependencies: unknown[] };
    assert.deepEqual(lock.dependencies, [{ name: 'web', repository: `oci://${registry.host}/charts`, version: '0.2.0' }]);
  });
});
