/**
 * One GET over HTTP(S) with what fetching charts from strangers needs: TLS from --ca-file or a repo
 * entry, plain HTTP only when allowed, the proxy the environment names (proxy.ts), timeouts (no
 * answer, no bytes, or too few bytes, for --timeout), retries with backoff for transient failures,
 * a cap on the body size, redirects that drop credentials when they leave the host, and progress.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { isUserError, UserError } from '../../diagnostics.js';
import type { RemoteOptions, TlsSettings } from './options.js';
import { bareHost, openTunnel, proxyFor, requestViaProxy, shownProxy, TunnelRefused, type ProxyChoice } from './proxy.js';

/**
 * A failed download. `unreachable`: no server gave an answer (DNS, refused, reset, timeout, 5xx), so
 * nothing is known about the chart. `transient`: worth another try (reset, refused, 429, 5xx), unlike
 * a name that does not resolve or a timeout that already waited --timeout.
 */
export class RemoteError extends UserError {
  readonly unreachable: boolean;
  readonly transient: boolean;
  readonly status: number | undefined;

  constructor(message: string, options: { unreachable?: boolean; transient?: boolean; status?: number; hint?: string } = {}) {
    super(message, options.hint === undefined ? {} : { hint: options.hint });
    this.name = 'RemoteError';
    this.unreachable = options.unreachable === true;
    this.transient = options.transient === true;
    this.status = options.status;
  }
}

/** What one request asks for. */
export interface GetRequest {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Refuse bodies larger than this (a download bomb stops here). */
  readonly maxBytes: number;
  /** Show progress for this request (archives); small API calls stay quiet. */
  readonly showProgress?: boolean;
  /** TLS for this host, when it differs from the flags (a `helm repo add` entry). */
  readonly tls?: TlsSettings;
}

export interface GetResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The URL that answered, after redirects. */
  readonly url: string;
}

const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const UNREACHABLE_CODES = new Set([...TRANSIENT_CODES, 'ENOTFOUND', 'ENETDOWN', 'EHOSTDOWN', 'ETIMEOUT']);
const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504]);
const MAX_REDIRECTS = 5;
/** Slowest download accepted, averaged over each --timeout period. */
const MIN_BYTES_PER_SECOND = 1024;

/** Credentials are stripped from URLs before they reach a message. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username === '' && u.password === '') return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}

const caCache = new Map<string, Buffer>();
function readPem(path: string, flag: string): Buffer {
  let pem = caCache.get(path);
  if (!pem) {
    try {
      pem = readFileSync(path);
    } catch (error) {
      throw new UserError(`${flag} ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    caCache.set(path, pem);
  }
  return pem;
}

/** GET with retries. Non-2xx answers are returned (the caller knows what a 401 or 404 means there). */
export async function httpGet(req: GetRequest, options: RemoteOptions): Promise<GetResponse> {
  let attempt = 0;
  for (;;) {
    try {
      const res = await followRedirects(req, options);
      if (TRANSIENT_STATUS.has(res.status) && attempt < options.retries) {
        attempt += 1;
        await sleep(backoff(attempt, res.headers['retry-after']));
        continue;
      }
      return res;
    } catch (error) {
      if (error instanceof RemoteError && error.transient && attempt < options.retries) {
        attempt += 1;
        await sleep(backoff(attempt, undefined));
        continue;
      }
      throw error;
    }
  }
}

function backoff(attempt: number, retryAfter: string | string[] | undefined): number {
  const seconds = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  if (Number.isFinite(seconds) && seconds > 0) return Math.min(seconds, 10) * 1000;
  return 250 * 2 ** (attempt - 1);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function followRedirects(req: GetRequest, options: RemoteOptions): Promise<GetResponse> {
  let url = req.url;
  let headers = { ...req.headers };
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const res = await getOnce({ ...req, url, headers }, options);
    const location = res.headers.location;
    if (![301, 302, 303, 307, 308].includes(res.status) || !location) return res;
    const next = new URL(location, url);
    // A redirect to another host (a registry's blob store) must not carry our credentials.
    if (next.host !== new URL(url).host) {
      const { authorization: _dropped, ...rest } = headers as Record<string, string>;
      headers = rest;
    }
    url = next.toString();
  }
  throw new RemoteError(`${redactUrl(req.url)}: more than ${MAX_REDIRECTS} redirects`);
}

function getOnce(req: GetRequest, options: RemoteOptions): Promise<GetResponse> {
  const url = new URL(req.url);
  const shown = redactUrl(req.url);
  if (url.protocol === 'http:' && !options.plainHttp) {
    return Promise.reject(new UserError(`${shown}: plain HTTP is refused`, { hint: 'use https://, or pass --plain-http if the server really has no TLS' }));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new UserError(`${shown}: unsupported URL scheme ${url.protocol}`));
  }
  const tls = { ...options.tls, ...req.tls };
  const tlsOptions = url.protocol === 'https:' ? {
    ...(tls.caFile ? { ca: readPem(tls.caFile, '--ca-file') } : {}),
    ...(tls.certFile ? { cert: readPem(tls.certFile, 'certFile') } : {}),
    ...(tls.keyFile ? { key: readPem(tls.keyFile, 'keyFile') } : {}),
    rejectUnauthorized: tls.insecureSkipTlsVerify !== true,
  } : {};
  const headers = { 'user-agent': 'create-helm-operator', ...req.headers };
  let proxy: ProxyChoice | undefined;
  try {
    proxy = proxyFor(url, options.env);
  } catch (error) {
    return Promise.reject(error);
  }
  if (proxy === undefined) {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return exchange(send(url, { method: 'GET', headers, ...tlsOptions }), req, shown, options, undefined);
  }
  if (url.protocol === 'http:') return exchange(requestViaProxy(proxy, url, headers), req, shown, options, proxy);
  // https:// through a CONNECT tunnel: TLS runs end to end with the server, checked as without a proxy.
  const via = proxy;
  return openTunnel(via, url, options.timeoutMs).then(
    (socket) => {
      const host = bareHost(url.hostname);
      const secured = tlsConnect({ ...tlsOptions, socket, host, ...(isIP(host) === 0 ? { servername: host } : {}) });
      return exchange(httpsRequest(url, { method: 'GET', headers, ...tlsOptions, createConnection: () => secured }), req, shown, options, undefined);
    },
    (error: Error) => Promise.reject(tunnelError(shown, via, error, options)),
  );
}

/** Sends `request` and collects the answer, within the size cap, with progress. */
function exchange(request: ClientRequest, req: GetRequest, shown: string, options: RemoteOptions, proxy: ProxyChoice | undefined): Promise<GetResponse> {
  return new Promise<GetResponse>((resolve, reject) => {
    let settled = false;
    const fail = (raw: Error): void => {
      if (settled) return;
      settled = true;
      reject(proxy ? tunnelError(shown, proxy, raw, options) : networkError(shown, raw, options));
    };
    // Headers within --timeout of asking; then at least MIN_BYTES_PER_SECOND over every --timeout. The
    // socket's own idle timeout alone would let a server that trickles a byte at a time hold us forever.
    const destroy = (code: string): void => { request.destroy(Object.assign(new Error(code), { code })); };
    const answerBy = setTimeout(() => destroy('ETIMEOUT'), options.timeoutMs);
    let slow: NodeJS.Timeout | undefined;
    const stopClocks = (): void => { clearTimeout(answerBy); clearInterval(slow); };
    request.once('close', stopClocks);
    request.once('response', (res: IncomingMessage) => {
      clearTimeout(answerBy);
      let windowBytes = 0;
      res.on('data', (chunk: Buffer) => { windowBytes += chunk.length; });
      slow = setInterval(() => {
        if (windowBytes < (MIN_BYTES_PER_SECOND * options.timeoutMs) / 1000) destroy('ESLOW');
        windowBytes = 0;
      }, options.timeoutMs);
      res.once('close', stopClocks);
      const status = res.statusCode ?? 0;
      const length = Number(res.headers['content-length']);
      if (status >= 200 && status < 300 && Number.isFinite(length) && length > req.maxBytes) {
        res.destroy();
        fail(new UserError(`${shown}: ${length} bytes is more than the ${req.maxBytes} allowed; raise --max-chart-bytes if it is genuine`));
        return;
      }
      const task = req.showProgress && status >= 200 && status < 300
        ? options.progress.start(shown, Number.isFinite(length) ? length : undefined) : undefined;
      const chunks: Buffer[] = [];
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > req.maxBytes) {
          task?.fail();
          res.destroy();
          fail(new UserError(`${shown}: more than the ${req.maxBytes} bytes allowed; raise --max-chart-bytes if it is genuine`));
          return;
        }
        chunks.push(chunk);
        task?.advance(chunk.length);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        task?.done(received);
        resolve({ status, headers: res.headers, body: Buffer.concat(chunks), url: req.url });
      });
      res.on('error', (error) => { task?.fail(); fail(error); });
    });
    request.setTimeout(options.timeoutMs, () => destroy('ETIMEOUT'));
    request.on('error', (error) => { stopClocks(); fail(error); });
    request.end();
  });
}

/** An error on the way through the proxy, naming it (and the variable that set it). */
function tunnelError(url: string, proxy: ProxyChoice, error: Error, options: RemoteOptions): Error {
  const where = `${url}: through the proxy ${shownProxy(proxy)}`;
  if (error instanceof TunnelRefused) {
    if (error.status === 407) {
      return new RemoteError(`${where}: the proxy wants credentials (HTTP 407)`, { status: 407, hint: `put them in ${proxy.from} (http://user:password@host:port), or list the host in NO_PROXY` });
    }
    const unreachable = TRANSIENT_STATUS.has(error.status);
    return new RemoteError(`${where}: the proxy refused the connection (HTTP ${error.status})`, { status: error.status, unreachable, transient: unreachable });
  }
  const code = (error as NodeJS.ErrnoException).code ?? '';
  // Timeouts, slow answers and TLS read as they do without a proxy, naming it.
  if (code !== 'ETIMEOUT' && UNREACHABLE_CODES.has(code)) {
    return new RemoteError(`${where}: cannot reach the proxy (${code})`, { unreachable: true, transient: TRANSIENT_CODES.has(code), hint: `check ${proxy.from}, or list the host in NO_PROXY` });
  }
  return networkError(where, error, options);
}

function networkError(url: string, error: Error, options: RemoteOptions): Error {
  if (isUserError(error)) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ETIMEOUT') {
    return new RemoteError(`${url}: timed out after ${options.timeoutMs / 1000}s without an answer`, { unreachable: true, hint: 'check the network, or raise --timeout' });
  }
  if (code === 'ESLOW') {
    return new RemoteError(`${url}: slower than ${MIN_BYTES_PER_SECOND / 1024} KiB/s for ${options.timeoutMs / 1000}s`, { unreachable: true, hint: 'check the network, or raise --timeout' });
  }
  if (UNREACHABLE_CODES.has(code)) {
    return new RemoteError(`${url}: cannot reach the server (${code})`, { unreachable: true, transient: TRANSIENT_CODES.has(code) });
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL/i.test(code) || /certificate/i.test(error.message)) {
    return new RemoteError(`${url}: TLS verification failed (${code || error.message})`, { hint: 'pass --ca-file with the CA that signed the server certificate (or --insecure-skip-tls-verify)' });
  }
  return new RemoteError(`${url}: ${code || error.message}`);
}

/** Throws a RemoteError for a non-2xx answer, naming what was asked for. */
export function assertOk(res: GetResponse, what: string): void {
  if (res.status >= 200 && res.status < 300) return;
  const shown = redactUrl(res.url);
  if (res.status === 401 || res.status === 403) {
    throw new RemoteError(`${shown}: ${what}: access denied (HTTP ${res.status})`, {
      status: res.status, hint: 'check the credentials (--username with --password-stdin, or those saved by helm repo add / helm registry login)',
    });
  }
  if (res.status === 404) throw new RemoteError(`${shown}: ${what}: not found (HTTP 404)`, { status: 404 });
  throw new RemoteError(`${shown}: ${what}: HTTP ${res.status}`, { status: res.status, unreachable: TRANSIENT_STATUS.has(res.status) });
}

/** `Authorization: Basic ...` for credentials. */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
