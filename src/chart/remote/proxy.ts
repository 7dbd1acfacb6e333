/**
 * Proxies from the environment, read as Helm reads them (Go's http.ProxyFromEnvironment):
 * HTTPS_PROXY for https:// URLs, HTTP_PROXY for http:// URLs (upper case first, then lower case),
 * NO_PROXY for the hosts that go direct, and never a proxy for localhost or a loopback address.
 * A proxy without a scheme is http://; credentials in its URL go in Proxy-Authorization.
 *
 * https:// goes through a CONNECT tunnel, so TLS still runs end to end with the chart's server;
 * http:// (only with --plain-http) is sent to the proxy with the full URL as the request target.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type Socket } from 'node:net';
import { UserError } from '../../diagnostics.js';

/** The proxy for one URL, and the variable it came from (for messages). */
export interface ProxyChoice {
  readonly url: URL;
  readonly from: string;
}

function envAny(env: NodeJS.ProcessEnv, ...names: string[]): { value: string; from: string } | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') return { value, from: name };
  }
  return undefined;
}

/** The proxy `target` should go through, or undefined to connect directly. */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): ProxyChoice | undefined {
  const setting = target.protocol === 'https:' ? envAny(env, 'HTTPS_PROXY', 'https_proxy') : envAny(env, 'HTTP_PROXY', 'http_proxy');
  if (setting === undefined) return undefined;
  const host = bareHost(target.hostname);
  if (host === 'localhost' || isLoopback(host)) return undefined;
  const noProxy = envAny(env, 'NO_PROXY', 'no_proxy');
  if (noProxy && bypasses(noProxy.value, host, effectivePort(target))) return undefined;
  return { url: parseProxy(setting.value, setting.from), from: setting.from };
}

function parseProxy(value: string, from: string): URL {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    // Not the value itself: it may hold the proxy's password.
    throw new UserError(`${from}: not a proxy URL`, { hint: `set ${from} to http://host:port` });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`${from}: ${url.protocol.slice(0, -1)} proxies are not supported`, { hint: `set ${from} to an HTTP proxy (http://host:port)` });
  }
  return url;
}

/** Hostname without the brackets URL keeps around IPv6 addresses, lower case. */
export function bareHost(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

function isLoopback(host: string): boolean {
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./i.test(host);
  return false;
}

function effectivePort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * NO_PROXY: comma-separated; `*` matches everything; an IP or CIDR matches addresses; a name matches
 * itself and its subdomains (`.example.com` and `*.example.com` only subdomains); `host:port` only
 * that port.
 */
function bypasses(noProxy: string, host: string, port: string): boolean {
  for (const raw of noProxy.split(',')) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (inCidr(host, entry)) return true;
      continue;
    }
    let entryPort: string | undefined;
    const withPort = /^(.*?):(\d+)$/.exec(entry);
    if (withPort && isIP(entry) !== 6) {
      entry = withPort[1]!;
      entryPort = withPort[2];
    }
    entry = bareHost(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    if (isIP(entry) !== 0) {
      if (entry === host) return true;
      continue;
    }
    if (entry.startsWith('*.')) entry = entry.slice(1);
    if (entry.startsWith('.')) {
      if (host.endsWith(entry)) return true;
    } else if (host === entry || host.endsWith(`.${entry}`)) {
      return true;
    }
  }
  return false;
}

function inCidr(host: string, cidr: string): boolean {
  const family = isIP(host);
  const [network, bits] = cidr.split('/');
  if (family === 0 || network === undefined || isIP(network) !== family || !/^\d+$/.test(bits ?? '')) return false;
  const list = new BlockList();
  try {
    list.addSubnet(network, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
  } catch {
    return false;
  }
  return list.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/** The proxy URL for messages: no credentials. */
export function shownProxy(proxy: ProxyChoice): string {
  return `${proxy.url.protocol}//${proxy.url.host} (from ${proxy.from})`;
}

/** `Proxy-Authorization` for credentials in the proxy URL. */
function proxyAuthorization(proxy: URL): Record<string, string> {
  if (proxy.username === '' && proxy.password === '') return {};
  const user = decodeURIComponent(proxy.username);
  const password = decodeURIComponent(proxy.password);
  return { 'proxy-authorization': `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

/** Starts a request to `proxy` (plain or TLS, as its scheme says). */
function toProxy(proxy: URL, options: { method: string; path: string; headers: Record<string, string> }): ClientRequest {
  const send = proxy.protocol === 'https:' ? httpsRequest : httpRequest;
  return send({
    host: bareHost(proxy.hostname),
    port: effectivePort(proxy),
    method: options.method,
    path: options.path,
    headers: { ...options.headers, ...proxyAuthorization(proxy) },
    agent: false,
  });
}

/** Why a tunnel could not be opened: the proxy's answer, or the connection error. */
export class TunnelRefused extends Error {
  constructor(readonly status: number) {
    super(`the proxy answered HTTP ${status} to CONNECT`);
  }
}

/**
 * Opens a CONNECT tunnel through `proxy` to `target`'s host and port. Resolves with the raw socket
 * (TLS to the target goes over it); rejects with TunnelRefused or the connection's error.
 */
export function openTunnel(proxy: ProxyChoice, target: URL, timeoutMs: number): Promise<Socket> {
  const authority = `${target.hostname}:${effectivePort(target)}`;
  return new Promise((resolve, reject) => {
    const request = toProxy(proxy.url, { method: 'CONNECT', path: authority, headers: { host: authority, 'user-agent': 'create-helm-operator' } });
    request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })));
    request.once('connect', (res: IncomingMessage, socket: Socket) => {
      request.setTimeout(0);
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(new TunnelRefused(res.statusCode ?? 0));
        return;
      }
      resolve(socket);
    });
    // A proxy that answers CONNECT with an ordinary response (and closes) refuses the tunnel too.
    request.once('response', (res: IncomingMessage) => {
      res.resume();
      reject(new TunnelRefused(res.statusCode ?? 0));
    });
    request.once('error', reject);
    request.end();
  });
}

/** A plain-HTTP GET sent to the proxy, which fetches `target` (an absolute URL as the request target). */
export function requestViaProxy(proxy: ProxyChoice, target: URL, headers: Record<string, string>): ClientRequest {
  const absolute = `${target.protocol}//${target.host}${target.pathname}${target.search}`;
  return toProxy(proxy.url, { method: 'GET', path: absolute, headers: { host: target.host, ...headers } });
}
