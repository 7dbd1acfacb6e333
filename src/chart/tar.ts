/**
 * A small, strict reader for gzipped tar archives (what `helm package` writes). It reads entries into
 * memory and refuses anything a chart has no business holding: paths with `..` or a leading `/`,
 * links, devices and FIFOs, and archives larger than the limits (checked while inflating, so a gzip
 * bomb is stopped early).
 */
import { gunzipSync } from 'node:zlib';
import { UserError } from '../diagnostics.js';
import type { ChartFile } from './types.js';
import type { ChartLimits } from './limits.js';

const BLOCK = 512;

function field(header: Buffer, offset: number, length: number): string {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('utf8');
}

function octal(header: Buffer, offset: number, length: number): number {
  const text = field(header, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** Parses pax extended header records (`len key=value\n`). */
function paxRecords(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space < 0) break;
    const len = parseInt(data.subarray(pos, space).toString('utf8'), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const record = data.subarray(space + 1, pos + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    pos += len;
  }
  return out;
}

/** Checks an entry path and returns it normalised (no leading ./). */
export function safeEntryPath(archive: string, name: string): string {
  const path = name.replace(/^(\.\/)+/, '');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split('/').includes('..') || path.includes('\\') || path.includes('\0')) {
    throw new UserError(`${archive}: entry "${name}" points outside the chart; refusing to unpack it`);
  }
  return path;
}

function gunzipBounded(archive: string, gz: Buffer, limits: ChartLimits): Buffer {
  try {
    // maxOutputLength stops inflation as soon as the cap is passed: a gzip bomb never fills memory.
    return gunzipSync(gz, { maxOutputLength: limits.maxBytes + 64 * BLOCK });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || (error instanceof RangeError)) {
      throw new UserError(`${archive}: unpacks to more than ${limits.maxBytes} bytes; raise --max-chart-bytes if it is genuine`);
    }
    throw new UserError(`${archive}: not a gzipped tar archive (${(error as Error).message})`);
  }
}

/** Reads the regular files of a .tgz into memory, in archive order. */
export function readTarGz(archive: string, gz: Buffer, limits: ChartLimits): ChartFile[] {
  const tar = gunzipBounded(archive, gz, limits);
  const files: ChartFile[] = [];
  let pos = 0;
  let total = 0;
  let longName: string | undefined;
  let pax = new Map<string, string>();
  while (pos + BLOCK <= tar.length) {
    const header = tar.subarray(pos, pos + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0x30);
    const prefix = field(header, 345, 155);
    const baseName = field(header, 0, 100);
    const name = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    const dataStart = pos + BLOCK;
    const data = tar.subarray(dataStart, dataStart + size);
    if (data.length < size) throw new UserError(`${archive}: truncated archive at entry "${name}"`);
    pos = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') { pax = paxRecords(data); continue; }
    if (type === 'g') continue;
    if (type === 'L') { longName = data.toString('utf8').replace(/\0+$/, ''); continue; }
    longName = undefined;
    pax = new Map();
    if (type === '5') { safeEntryPath(archive, name); continue; }
    if (type === '1' || type === '2') {
      throw new UserError(`${archive}: entry "${name}" is a link; charts must contain regular files only`);
    }
    if (type !== '0' && type !== '\0' && type !== '7') {
      throw new UserError(`${archive}: entry "${name}" is a device or special file; refusing to unpack it`);
    }
    const path = safeEntryPath(archive, name);
    total += size;
    if (total > limits.maxBytes) {
      throw new UserError(`${archive}: unpacks to more than ${limits.maxBytes} bytes; raise --max-chart-bytes if it is genuine`);
    }
    if (files.length + 1 > limits.maxFiles) {
      throw new UserError(`${archive}: holds more than ${limits.maxFiles} files; raise --max-chart-files if it is genuine`);
    }
    files.push({ path, data: Buffer.from(data) });
  }
  return files;
}
