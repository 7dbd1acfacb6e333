// Summarises a V8 .cpuprofile (node --cpu-prof): where the samples fall by package or source file
// (self time), the hottest functions (self time) and the heaviest call paths (inclusive time).
//
//   node bench/profile.mjs <file.cpuprofile>     (also used by `npm run bench -- --profile`)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Short name of a script: package in node_modules, our own source file, or node's internal module. */
function owner(url) {
  if (!url) return '(native / VM)';
  const nm = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (nm) return nm[1];
  const own = url.match(/\/(src|generators|dist\/bundle\/chunks|dist\/bundle\/src)\/.*$/);
  if (own) return own[0].slice(1);
  if (url.startsWith('node:')) return 'node internals';
  return url.replace(/^file:\/\//, '');
}

const moduleMarks = new Map();

/**
 * The source module a line of an unminified esbuild bundle comes from: esbuild heads each module's
 * code with a `// <path>` comment. Undefined for other scripts (or a minified bundle).
 */
function bundledModule(url, line) {
  if (!url.includes('/dist/bundle/')) return undefined;
  if (!moduleMarks.has(url)) {
    const marks = [];
    try {
      readFileSync(fileURLToPath(url), 'utf8').split('\n').forEach((text, i) => {
        const m = text.match(/^\/\/ ((?:node_modules|src|generators)\/\S+)$/);
        if (m) marks.push([i, m[1]]);
      });
    } catch {
      // not readable: keep the bundle path
    }
    moduleMarks.set(url, marks);
  }
  let found;
  for (const [at, path] of moduleMarks.get(url)) {
    if (at > line) break;
    found = path;
  }
  return found;
}

function shortUrl(url) {
  if (!url) return '';
  const bundle = url.indexOf('/dist/bundle/');
  if (bundle >= 0) return url.slice(bundle + 1);
  return url.replace(/^.*\/(node_modules|src|generators)\//, '$1/');
}

function frameName(cf) {
  const source = bundledModule(cf.url, cf.lineNumber);
  const file = source ?? shortUrl(cf.url);
  return `${cf.functionName || '(anonymous)'}${file ? ` ${file}${source ? '' : `:${cf.lineNumber + 1}`}` : ''}`;
}

/** Text summary of a parsed .cpuprofile. */
export function summarizeProfile(profile, { top = 15 } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const byOwner = new Map();
  const byFrame = new Map();
  const inclusive = new Map();
  for (const [id, us] of selfUs) {
    const cf = byId.get(id).callFrame;
    const special = cf.functionName.startsWith('(') && !cf.url ? cf.functionName : undefined;
    const source = bundledModule(cf.url, cf.lineNumber);
    const o = special ?? (source ? owner(`/${source}`) : owner(cf.url));
    byOwner.set(o, (byOwner.get(o) ?? 0) + us);
    byFrame.set(frameName(cf), (byFrame.get(frameName(cf)) ?? 0) + us);
    const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const name = frameName(byId.get(x).callFrame);
      if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + us);
      seen.add(name);
    }
  }
  const list = (m, n, filter = () => true) => [...m].filter(([k]) => filter(k)).sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, us]) => `  ${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  const ours = (k) => / (src|generators)\//.test(k);
  return [
    `total sampled: ${(total / 1000).toFixed(0)} ms`,
    'self time by package / file:', list(byOwner, top),
    'hottest functions (self time):', list(byFrame, top),
    'heaviest functions of this project (inclusive time):', list(inclusive, top, ours),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node bench/profile.mjs <file.cpuprofile>\n');
    process.exitCode = 2;
  } else {
    process.stdout.write(summarizeProfile(JSON.parse(readFileSync(file, 'utf8'))) + '\n');
  }
}
