/**
 * Real servers on loopback for the chart-source tests: a chart repository (a small node HTTP(S)
 * server over a folder that `helm package` and `helm repo index` filled), a test CA made with
 * openssl, a forward proxy, and the CNCF Distribution registry (Debian's docker-registry) for OCI.
 * Nothing listens beyond 127.0.0.1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer as createNetServer, type Socket } from 'node:net';
import { join, normalize } from 'node:path';

/** A CA and a server certificate for 127.0.0.1 / localhost, made by openssl in `dir`. */
export interface TestCa { readonly caFile: string; readonly certFile: string; readonly keyFile: string }

export function makeTestCa(dir: string): TestCa {
  mkdirSync(dir, { recursive: true });
  const p = (name: string): string => join(dir, name);
  const run = (args: string[]): void => {
    const r = spawnSync('openssl', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  };
  writeFileSync(p('san.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:charts.example.test\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n');
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('ca.key'), '-out', p('ca.pem'), '-days', '2', '-subj', '/CN=cho test CA']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('server.key'), '-out', p('server.csr'), '-subj', '/CN=127.0.0.1']);
  run(['x509', '-req', '-in', p('server.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial', '-out', p('server.pem'), '-days', '2', '-extfile', p('san.cnf')]);
  return { caFile: p('ca.pem'), certFile: p('server.pem'), keyFile: p('server.key') };
}

/** A running server: its base URL, the requests it saw, and how to stop it. */
export interface RunningServer {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * Serves the files of `dir` (index.yaml and .tgz) as a chart repository on 127.0.0.1. With `auth`,
 * every request needs that basic auth; `tls` serves HTTPS; `failFirst` answers 503 to the first
 * request for each path (to exercise retries).
 */
export function serveChartRepo(dir: string, options: { auth?: { username: string; password: string }; tls?: TestCa; failFirst?: boolean } = {}): Promise<RunningServer> {
  const requests: string[] = [];
  const failed = new Set<string>();
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(`${req.method} ${path}`);
    if (options.auth) {
      const expected = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="charts"' }).end('unauthorized');
        return;
      }
    }
    if (options.failFirst && !failed.has(path)) {
      failed.add(path);
      res.writeHead(503).end('try again');
      return;
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir) || !existsSync(file) || path.endsWith('/')) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { 'content-length': body.length, 'content-type': path.endsWith('.yaml') ? 'text/yaml' : 'application/gzip' }).end(body);
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) }, handler)
    : createHttpServer(handler);
  return listening(server, options.tls !== undefined, requests);
}

/** Listens on a free port of 127.0.0.1; close() runs `onClose` (dropping open tunnels, say) first. */
function listening(server: Server, https: boolean, requests: string[], onClose: () => void = () => undefined): Promise<RunningServer> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `${https ? 'https' : 'http'}://127.0.0.1:${port}`,
        requests,
        close: () => new Promise((done) => {
          onClose();
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

/** A running forward proxy: its URL, the requests it saw (`CONNECT host:port`, `GET <url>`), and how to stop it. */
export type RunningProxy = RunningServer;

/**
 * A forward proxy on 127.0.0.1 that knows names nothing else resolves: `hosts` maps them (host:port)
 * to 127.0.0.1 ports, so a client that reaches such a name can only have come through the proxy.
 * Tunnels https (CONNECT) and forwards plain-HTTP GETs; with `auth`, demands Proxy-Authorization (407);
 * with `tls`, is itself reached over HTTPS.
 */
export function startProxy(hosts: Readonly<Record<string, number>>, options: { auth?: { username: string; password: string }; tls?: TestCa } = {}): Promise<RunningProxy> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const authorized = (req: IncomingMessage): boolean => !options.auth
    || req.headers['proxy-authorization'] === `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    requests.push(`${req.method} ${req.url}`);
    if (!authorized(req)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="proxy"' }).end();
      return;
    }
    const target = new URL(req.url ?? '/');
    const port = hosts[target.host];
    if (port === undefined) {
      res.writeHead(502).end('unknown host');
      return;
    }
    const upstream = httpRequest({ host: '127.0.0.1', port, path: `${target.pathname}${target.search}`, method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  };
  const server = options.tls
    ? createHttpsServer({ cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) }, handler)
    : createHttpServer(handler);
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    requests.push(`CONNECT ${req.url}`);
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (!authorized(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="proxy"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const port = hosts[req.url ?? ''];
    if (port === undefined) {
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });
  return listening(server, options.tls !== undefined, requests, () => { for (const socket of sockets) socket.destroy(); });
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Why the registry tests cannot run here, or undefined when they can. */
export function registryUnavailable(): string | undefined {
  if (!existsSync('/usr/bin/docker-registry')) return 'docker-registry is not installed (apt-get install -y docker-registry; .ci/run does this)';
  if (spawnSync('htpasswd', ['-h']).error) return 'htpasswd is not installed (apt-get install -y apache2-utils; .ci/run does this)';
  return undefined;
}

/** A running registry: host:port and how to stop it. */
export interface RunningRegistry { readonly host: string; readonly log: () => string; close(): Promise<void> }

/**
 * Starts the CNCF Distribution registry on 127.0.0.1 with storage in `dir`. `users` turns on
 * htpasswd (bcrypt, made by `htpasswd -B`) basic auth; `tls` serves HTTPS with the test CA's cert.
 */
export async function startRegistry(dir: string, options: { users?: Record<string, string>; tls?: TestCa; token?: TokenAuth } = {}): Promise<RunningRegistry> {
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const port = await freePort();
  const lines = [
    'version: 0.1',
    'log:', '  level: warn',
    'storage:', `  filesystem:`, `    rootdirectory: ${join(dir, 'storage')}`,
    'http:', `  addr: 127.0.0.1:${port}`,
    ...(options.tls ? ['  tls:', `    certificate: ${options.tls.certFile}`, `    key: ${options.tls.keyFile}`] : []),
  ];
  if (options.users) {
    const htpasswd = join(dir, 'htpasswd');
    for (const [user, password] of Object.entries(options.users)) {
      const r = spawnSync('htpasswd', ['-Bbn', user, password], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`htpasswd: ${r.stderr}`);
      writeFileSync(htpasswd, r.stdout, { flag: 'a' });
    }
    lines.push('auth:', '  htpasswd:', '    realm: cho-test', `    path: ${htpasswd}`);
  } else if (options.token) {
    lines.push('auth:', '  token:', `    realm: ${options.token.realm}`, `    service: ${TOKEN_SERVICE}`, `    issuer: ${TOKEN_ISSUER}`, `    rootcertbundle: ${options.token.certFile}`);
  }
  writeFileSync(join(dir, 'config.yml'), lines.join('\n') + '\n');
  let log = '';
  const child: ChildProcess = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => { log += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { log += d.toString(); });
  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${log}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`docker-registry did not listen on ${host}: ${log}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    log: () => log,
    close: () => new Promise((done) => {
      if (child.exitCode !== null) { done(); return; }
      child.once('exit', () => done());
      child.kill('SIGTERM');
    }),
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    import('node:net').then(({ connect }) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    }, () => resolve(false));
  });
}

const TOKEN_SERVICE = 'cho-registry';
const TOKEN_ISSUER = 'cho-token-issuer';

/** A token server for the registry's `auth: token` mode: where it is and the cert its tokens are signed with. */
export interface TokenAuth extends RunningServer { readonly realm: string; readonly certFile: string }

/**
 * The other half of Bearer auth, as docker_auth or Harbor play it: an HTTPS endpoint that checks
 * basic credentials and answers with a JWT (RS256, the signing cert in `x5c`) granting the scopes
 * asked for. Anonymous requests get a token with no access, so the registry refuses them.
 */
export async function startTokenServer(dir: string, tls: TestCa, users: Record<string, string>): Promise<TokenAuth> {
  mkdirSync(dir, { recursive: true });
  const keyFile = join(dir, 'token.key');
  const certFile = join(dir, 'token.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=cho token issuer'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl: ${r.stderr}`);
  const { createPrivateKey, sign, X509Certificate, randomUUID } = await import('node:crypto');
  const key = createPrivateKey(readFileSync(keyFile));
  const x5c = new X509Certificate(readFileSync(certFile)).raw.toString('base64');
  const b64url = (v: Buffer | string): string => Buffer.from(v).toString('base64url');
  const requests: string[] = [];
  const server = createHttpsServer({ cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://x');
    const auth = req.headers.authorization ?? '';
    const [user, password] = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':') : [];
    const known = user !== undefined && users[user] === password;
    requests.push(`${user ?? 'anonymous'} ${url.searchParams.getAll('scope').join(' ')}`);
    if (auth !== '' && !known) { res.writeHead(401).end('{"errors":[{"code":"UNAUTHORIZED"}]}'); return; }
    const access = known ? url.searchParams.getAll('scope').flatMap((scope) => {
      const [type, name, actions] = scope.split(':');
      return type && name && actions ? [{ type, name, actions: actions.split(',') }] : [];
    }) : [];
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [x5c] }));
    const claims = b64url(JSON.stringify({ iss: TOKEN_ISSUER, sub: user ?? '', aud: url.searchParams.get('service'), exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access }));
    const signature = b64url(sign('sha256', Buffer.from(`${header}.${claims}`), key));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `${header}.${claims}.${signature}`, expires_in: 300 }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `https://127.0.0.1:${port}`,
    realm: `https://127.0.0.1:${port}/token`,
    certFile,
    requests,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}
