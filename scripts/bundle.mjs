#!/usr/bin/env node
// Builds the published bundle: dist/bundle/, self-contained (no runtime dependencies to install).
//
//   node scripts/bundle.mjs [--outdir <dir>] [--metafile <file>] [--readable]
//
// --readable skips minification (for CPU profiles with real function names).
//
// Laid out like the tsc build (dist/) so relative paths between them still hold:
//   src/util/compile-cache.cjs  loads the files below through V8's code cache (Node 20 has none for modules)
//   src/cli/main.cjs            what bin/create-helm-operator.cjs runs: flags, --help, --version
//   src/cli/generate.cjs        Yeoman, the engine and the generator, loaded when a project is generated
//   generators/app/index.js     (ES module) the app generator, for `yo <path to it>`; it loads generate.cjs
// Keeping the generation code out of main.cjs is what keeps --help fast: main.cjs holds commander,
// chalk and flag checks only; Yeoman (most of the bytes) is read when a project is generated.
//
// Yeoman's run-time generator installer is left out. yeoman-environment's index pulls in fly-import
// (which installs generators with npm's arborist/pacote), which-package-manager and execa, and
// yeoman-generator pulls in simple-git (this.git), latest-version (addDependencies) and, through
// inquirer, an external editor with iconv tables (the `editor` prompt); globby serves only Yeoman's
// search of node_modules for installed generators (env.lookup). This tool never installs or looks up
// generators, spawns a package manager, reads git config or asks for an editor prompt, so those
// packages are replaced by stubs that throw a clear error if anything ever calls them.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { outdir: { type: 'string' }, metafile: { type: 'string' }, readable: { type: 'boolean', default: false } } });
const outdir = resolve(root, args.outdir ?? join('dist', 'bundle'));

/** Packages replaced by stubs: every export throws when used (fly-import's repository is constructed eagerly, so it is a class). */
const STUBBED = ['fly-import', 'which-package-manager', 'execa', 'simple-git', 'latest-version', '@inquirer/external-editor', 'globby'];

const STUB_RUNTIME = `
const unavailable = (what) => () => {
  throw new Error(what + ' is not part of the create-helm-operator bundle: it never installs or looks up generators, runs package managers or reads git config');
};`;

/** The names a module exports, read from the real module at build time so the stub matches it. */
async function exportNames(file) {
  try {
    return Object.keys(await import(pathToFileURL(file).href)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  } catch {
    return [];
  }
}

async function stubSource(pkg, realFile) {
  if (pkg === 'fly-import') {
    // EnvironmentBase builds a FlyRepository in its constructor; it must construct, not throw.
    return `${STUB_RUNTIME}
export class FlyRepository {
  constructor(options = {}) { this.repositoryPath = options.repositoryPath; }
  install() { return unavailable('installing generators (fly-import)')(); }
  verifyInstalledVersion() { return undefined; }
}
export const flyImport = unavailable('fly-import');
export default flyImport;`;
  }
  const names = await exportNames(realFile);
  if (names.length === 0) throw new Error(`bundle: cannot read the exports of ${pkg} to stub it`);
  const lines = names.filter((n) => n !== 'default').map((n) => `export const ${n} = unavailable(${JSON.stringify(`${pkg} (${n})`)});`);
  if (names.includes('default')) lines.push(`export default unavailable(${JSON.stringify(pkg)});`);
  return `${STUB_RUNTIME}\n${lines.join('\n')}`;
}

/** Packages replaced by a smaller implementation of the part the bundle uses (source, made at build time). */
const REPLACED = {
  // ora's spinner table, all 90 spinners as JSON; Yeoman's adapter uses ora's defaults only.
  'cli-spinners': () => {
    const all = JSON.parse(readFileSync(join(root, 'node_modules', 'cli-spinners', 'spinners.json'), 'utf8'));
    return `export default ${JSON.stringify({ dots: all.dots, line: all.line })};`;
  },
  // yeoman-generator's _getPackageJson calls readPackageUpSync with normalize: false; the package
  // pulls in read-pkg, normalize-package-data, spdx tables, hosted-git-info and @babel/code-frame,
  // all evaluated at load.
  'read-package-up': () => `
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
export function readPackageUpSync({ cwd = process.cwd() } = {}) {
  for (let dir = resolve(String(cwd)); ; dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    let text;
    try { text = readFileSync(path, 'utf8'); } catch { if (dirname(dir) === dir) return undefined; continue; }
    return { packageJson: JSON.parse(text), path };
  }
}
export async function readPackageUp(options) { return readPackageUpSync(options); }`,
};

/**
 * Modules whose load is deferred: the module is replaced by a stand-in that imports the real one on
 * first use, so its code is in a chunk of its own that a run without prompts never reads. inquirer
 * (through @yeoman/adapter) brings rxjs and every prompt type; prompts only run on a terminal.
 */
const LAZY = [
  {
    file: /[\\/]@yeoman[\\/]adapter[\\/]dist[\\/]inquirer\.js$/,
    standIn: (real) => `
export const createAdapterPromptModule = (parameter) => {
  let loaded;
  const pending = [];
  const real = () => (loaded ??= import(${JSON.stringify(real)}).then((m) => {
    const module = m.createAdapterPromptModule(parameter);
    for (const [name, prompt] of pending) module.registerPrompt(name, prompt);
    return module;
  }));
  const promptModule = async (questions, answers) => (await real())(questions, answers);
  promptModule.registerPrompt = (name, prompt) => { pending.push([name, prompt]); if (loaded) loaded.then((m) => m.registerPrompt(name, prompt)); return promptModule; };
  promptModule.restoreDefaultPrompts = () => { pending.length = 0; if (loaded) loaded.then((m) => m.restoreDefaultPrompts()); };
  return promptModule;
};`,
  },
];

/**
 * CommonJS packages our own code imports whose evaluation is deferred to first use: the import is
 * given a stand-in whose properties require() the real module (a lazily run CommonJS wrapper in the
 * bundle, the same instance everyone else gets). semver reaches the --help path through the
 * --chart-version check and builds some forty regular expressions when evaluated.
 */
const LAZY_CJS = ['semver'];

/**
 * CommonJS packages whose default export is a class, deferred for every importer: the stand-in
 * constructs the real class on first `new`. cli-table (with the colors package, which builds its
 * style tables at load) only draws @yeoman/conflicter's diff of a binary file.
 */
const LAZY_CLASSES = ['cli-table'];

const lazyClassStandIn = (pkg) => `
let Real;
export default function LazyClass(...args) {
  return new (Real ??= require(${JSON.stringify(`${pkg}?real`)}))(...args);
}`;

const lazyCjsStandIn = (pkg) => `
let real;
const load = () => (real ??= require(${JSON.stringify(`${pkg}?real`)}));
export default new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
});`;

/**
 * Source patches, each checked: the build fails if a pattern no longer matches, so an upgrade cannot
 * silently undo one. Yeoman reads its own package.json at load time through paths relative to its
 * module file, which do not exist inside a bundle: each read is replaced by the value. And
 * @yeoman/conflicter looks for a .yo-resolve file in every ancestor folder of every written file but
 * caches only the folders that have one, so a project of n files costs n × depth stat calls; caching
 * "none here" too keeps its behaviour and makes that one stat per folder.
 */
const PATCHES = [
  {
    file: /[\\/]yeoman-environment[\\/]dist[\\/]environment-base\.js$/,
    from: "require('../package.json').version",
    to: (manifest) => JSON.stringify(manifest.version),
  },
  {
    file: /[\\/]yeoman-environment[\\/]dist[\\/]module-lookup\.js$/,
    from: "JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json')).toString()).name",
    to: (manifest) => JSON.stringify(manifest.name),
  },
  {
    file: /[\\/]yeoman-generator[\\/]dist[\\/]generator\.js$/,
    from: "JSON.parse(readFileSync(pathJoin(_dirname, '../package.json'), 'utf8'))",
    to: (manifest) => JSON.stringify({ version: manifest.version }),
  },
  // commander loads child_process (and with it net, dgram, ...) at start-up for executable
  // subcommands, which this CLI does not have: a few ms of every --help. Loaded on first use instead.
  {
    file: /[\\/]commander[\\/]lib[\\/]command\.js$/,
    from: "const childProcess = require('node:child_process');",
    to: () => "let childProcessModule;\nconst childProcess = { spawn: (...args) => (childProcessModule ??= require('node:child_process')).spawn(...args) };",
  },
  // chalk asks tty.isatty(1) and (2) at load; importing node:tty loads net with it (~2.5 ms of every
  // --help). process.stdout/stderr.isTTY give the same answer from the streams the CLI opens anyway.
  {
    file: /[\\/]chalk[\\/]source[\\/]vendor[\\/]supports-color[\\/]index\.js$/,
    from: "import tty from 'node:tty';",
    to: () => '',
  },
  {
    file: /[\\/]chalk[\\/]source[\\/]vendor[\\/]supports-color[\\/]index\.js$/,
    from: 'stdout: createSupportsColor({isTTY: tty.isatty(1)}),\n\tstderr: createSupportsColor({isTTY: tty.isatty(2)}),',
    to: () => 'stdout: createSupportsColor({isTTY: process.stdout.isTTY === true}),\n\tstderr: createSupportsColor({isTTY: process.stderr.isTTY === true}),',
  },
  // yeoman-generator puts all of lodash on every generator as this._ (import * defeats tree shaking:
  // ~100 KB to compile at every start). This project's generator does not use this._.
  {
    file: /[\\/]yeoman-generator[\\/]dist[\\/]generator\.js$/,
    from: "import * as _ from 'lodash-es';",
    to: () => '',
  },
  {
    file: /[\\/]yeoman-generator[\\/]dist[\\/]generator\.js$/,
    from: '    _ = _;',
    to: () => '    _ = undefined;',
  },
  // ora (Yeoman's progress spinner, built with every adapter) imports string-width, which builds an
  // Intl.Segmenter and a \p{RGI_Emoji} regular expression at load: about 30 ms before any output.
  // Both are made on first use instead.
  {
    file: /[\\/]string-width[\\/]index\.js$/,
    from: 'const segmenter = new Intl.Segmenter();',
    to: () => 'let segmenterInstance;\nconst segmenter = {segment: string => (segmenterInstance ??= new Intl.Segmenter()).segment(string)};',
  },
  {
    file: /[\\/]string-width[\\/]index\.js$/,
    from: 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
    to: () => 'let rgiEmojiRegexInstance;\nconst rgiEmojiRegex = {test: string => (rgiEmojiRegexInstance ??= /^\\p{RGI_Emoji}$/v).test(string)};',
  },
  // mem-fs-editor's commit is a plain Transform that writes one file at a time with fs/promises: a
  // stat, maybe a mkdir, then open, write and close, each a round trip through the thread pool, so a
  // project of a few hundred small files spends most of its commit waiting (about 100 ms for
  // kube-prometheus-stack's 243 files). Here the same steps run with the synchronous calls, which for
  // small files cost less than one round trip each, and a folder is checked once. Errors still end
  // the stream as before.
  {
    file: /[\\/]mem-fs-editor[\\/]dist[\\/]transform\.js$/,
    from: `export const createCommitTransform = () => new Transform({
    objectMode: true,
    transform(file, _encoding, callback) {
        commitFileAsync(file)
            .then(() => {
            callback(null, file);
        })
            .catch(callback);
    },
});`,
    to: () => `import { chmodSync as __choChmod, mkdirSync as __choMkdir, rmSync as __choRm, statSync as __choStat, writeFileSync as __choWrite } from 'node:fs';
import { dirname as __choDirname } from 'node:path';
import { clearFileState as __choClear, isFileNew as __choIsNew, isFileStateDeleted as __choIsDeleted, isFileStateModified as __choIsModified, setCommittedFile as __choCommitted } from './state.js';
const __choCommitFileSync = (file, folders) => {
    if (__choIsModified(file)) {
        __choCommitted(file);
        if (!file.contents) throw new Error(file.path + ' cannot write an empty file');
        const dir = __choDirname(file.path);
        if (!folders.has(dir)) {
            const info = __choStat(dir, { throwIfNoEntry: false });
            if (info === undefined) __choMkdir(dir, { recursive: true });
            else if (!info.isDirectory()) throw new Error(dir + ' is not a directory');
            folders.add(dir);
        }
        const newMode = file.stat?.mode;
        __choWrite(file.path, file.contents, { mode: newMode });
        if (newMode != null && (__choStat(file.path).mode & 0o777) !== (newMode & 0o777)) __choChmod(file.path, newMode);
    } else if (__choIsDeleted(file) && !__choIsNew(file)) {
        __choCommitted(file);
        __choRm(file.path, { recursive: true });
    }
    __choClear(file);
};
export const createCommitTransform = () => {
    const folders = new Set();
    return new Transform({
        objectMode: true,
        transform(file, _encoding, callback) {
            try {
                __choCommitFileSync(file, folders);
            } catch (error) {
                callback(error);
                return;
            }
            callback(null, file);
        },
    });
};`,
  },
  // js-yaml decides the style of every scalar it writes by scanning it character by character and
  // testing it against every implicit type; a CRD schema repeats the same keys and short values
  // (type, description, string, object, ...) thousands of times: about half of rendering
  // kube-prometheus-stack's CRD. For a single-line scalar the outcome depends only on the string,
  // whether it is a key, `inblock`, and the dump's options (one state per dump), plus the level when
  // lines are folded or in flow style, so it is remembered per dump under exactly those.
  {
    file: /[\\/]js-yaml[\\/]dist[\\/]js-yaml\.mjs$/,
    from: `  function writeScalar(state, string, level, iskey, inblock) {
    state.dump = (function() {`,
    to: () => `  function writeScalar(state, string, level, iskey, inblock) {
    if (string.indexOf("\\n") !== -1) {
      writeScalarUncached(state, string, level, iskey, inblock);
      return;
    }
    const memo = state.choScalarStyles || (state.choScalarStyles = new Map());
    const levelMatters = state.lineWidth !== -1 || state.flowLevel > -1;
    const key = (iskey ? "k" : "v") + (inblock ? "1" : "0") + (levelMatters ? level + ":" : "") + string;
    const known = memo.get(key);
    if (known !== undefined) {
      state.dump = known;
      return;
    }
    writeScalarUncached(state, string, level, iskey, inblock);
    memo.set(key, state.dump);
  }
  function writeScalarUncached(state, string, level, iskey, inblock) {
    state.dump = (function() {`,
  },
  {
    file: /[\\/]@yeoman[\\/]conflicter[\\/]dist[\\/]yo-resolve\.js$/,
    from: '        catch {\n            // Ignore errors\n        }\n        return undefined;',
    to: () => '        catch {\n            // Ignore errors\n        }\n        this.groupedYoResolve.set(folder, null);\n        return undefined;',
  },
];

/** The package.json of the package holding file (the nearest one above it). */
function manifestAbove(file) {
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'));
  }
  throw new Error(`bundle: no package.json above ${file}`);
}

const escapeRe = (text) => text.replace(/[.*+?^${}()|[\]\\/@-]/g, '\\$&');

/** Patches and stand-ins applied, over both builds (each is needed by one of them). */
const seen = new Set();

const yeomanForBundle = {
  name: 'yeoman-for-bundle',
  setup(b) {
    const stubbed = new RegExp(`^(${STUBBED.map(escapeRe).join('|')})$`);
    b.onResolve({ filter: stubbed }, async (a) => {
      if (a.pluginData?.real) return undefined;
      // Resolved as esbuild would (ESM conditions, from the importer), to read the real export names.
      const real = await b.resolve(a.path, { kind: a.kind, resolveDir: a.resolveDir, importer: a.importer, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'stub', pluginData: { pkg: a.path } };
    });
    b.onLoad({ filter: /.*/, namespace: 'stub' }, async (a) => ({ contents: await stubSource(a.pluginData.pkg, a.path), loader: 'js' }));

    b.onResolve({ filter: new RegExp(`^(${Object.keys(REPLACED).map(escapeRe).join('|')})$`) }, (a) => ({ path: a.path, namespace: 'replaced' }));
    b.onLoad({ filter: /.*/, namespace: 'replaced' }, (a) => ({ contents: REPLACED[a.path](), loader: 'js', resolveDir: root }));

    b.onResolve({ filter: new RegExp(`^(${LAZY_CJS.map(escapeRe).join('|')})$`) }, (a) => {
      const ours = !a.importer.includes(`${sep}node_modules${sep}`) && a.namespace === 'file';
      return ours && a.kind === 'import-statement' ? { path: a.path, namespace: 'lazy-cjs' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-cjs' }, (a) => ({ contents: lazyCjsStandIn(a.path), loader: 'js', resolveDir: root }));
    b.onResolve({ filter: new RegExp(`^(${LAZY_CLASSES.map(escapeRe).join('|')})$`) }, (a) => (a.kind === 'import-statement' ? { path: a.path, namespace: 'lazy-class' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-class' }, (a) => ({ contents: lazyClassStandIn(a.path), loader: 'js', resolveDir: root }));
    b.onResolve({ filter: new RegExp(`^(${[...LAZY_CJS, ...LAZY_CLASSES].map(escapeRe).join('|')})\\?real$`) }, (a) =>
      b.resolve(a.path.slice(0, -'?real'.length), { kind: 'require-call', resolveDir: a.resolveDir, importer: a.importer }));
    // The stand-in imports the real file with a ?real suffix, which esbuild loads as a separate module.
    b.onResolve({ filter: /\?real$/ }, (a) => ({ path: a.path.slice(0, -'?real'.length), suffix: '?real' }));
    b.onLoad({ filter: /\.m?js$/ }, (a) => {
      const lazy = a.suffix === '?real' ? undefined : LAZY.find((l) => l.file.test(a.path));
      if (lazy) {
        seen.add(lazy);
        return { contents: lazy.standIn(`${a.path.split(sep).join('/')}?real`), loader: 'js', resolveDir: dirname(a.path) };
      }
      const patches = PATCHES.filter((p) => p.file.test(a.path));
      if (patches.length === 0) return undefined;
      let text = readFileSync(a.path, 'utf8');
      for (const patch of patches) {
        if (!text.includes(patch.from)) throw new Error(`bundle: ${a.path} no longer contains ${JSON.stringify(patch.from)}; update scripts/bundle.mjs`);
        seen.add(patch);
        text = text.replace(patch.from, patch.to(manifestAbove(a.path)));
      }
      return { contents: text, loader: 'js', resolveDir: dirname(a.path) };
    });
  },
};

/** Package folder (inside node_modules) of a bundled input path, or undefined for our own sources. */
function packageDirOf(input) {
  const parts = input.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const take = parts[at + 1]?.startsWith('@') ? 3 : 2;
  return parts.slice(0, at + take).join('/');
}

/** Licence texts of every third-party package in the bundle: MIT and friends require shipping them. */
function thirdPartyNotices(metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    if (/^[a-z-]+:/.test(input)) continue; // stubs (namespace:path), not shipped code
    const dir = packageDirOf(input);
    if (dir) dirs.add(dir);
  }
  const sections = [];
  for (const dir of [...dirs].sort()) {
    const abs = resolve(root, dir);
    const manifest = JSON.parse(readFileSync(join(abs, 'package.json'), 'utf8'));
    const licenceFile = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'license.md', 'LICENCE', 'LICENSE-MIT']
      .map((n) => join(abs, n))
      .find((p) => existsSync(p));
    const text = licenceFile ? readFileSync(licenceFile, 'utf8').trim() : `License: ${manifest.license ?? 'see package'}`;
    sections.push(`${manifest.name}@${manifest.version} (${manifest.license ?? 'unknown'})\n\n${text}`);
  }
  // Identical packages at several versions or paths would repeat; the name@version header keeps them apart.
  return [...new Set(sections)].join('\n\n' + '-'.repeat(72) + '\n\n') + '\n';
}

// Bundled CommonJS code calls require() for node built-ins, and ES modules have none of their own: each
// output starts with one, and outputs that never use it lose it again after the build (dropUnusedBanner).
const REQUIRE_BANNER = "import{createRequire as __cho_cr}from'node:module';const require=__cho_cr(import.meta.url);";

/** Removes the require() banner from an output that does not mention require. */
function dropUnusedBanner(file) {
  const text = readFileSync(file, 'utf8');
  if (!text.startsWith(REQUIRE_BANNER)) return;
  const rest = text.slice(REQUIRE_BANNER.length);
  if (!/\brequire\b/.test(rest)) writeFileSync(file, rest.replace(/^\n/, ''));
}

/** The generation bundle inside dist/bundle/ (src/cli/load-generate.ts gets its path from the define). */
const GENERATE_CJS = 'src/cli/generate.cjs';

/**
 * The yo entry (generators/app/index.js): Yeoman imports it by path for its default export, the
 * generator class, which it takes from the generation bundle.
 */
const YO_ENTRY = `import { loadGenerate } from './src/cli/load-generate.ts';
export default (await loadGenerate()).AppGenerator;`;

/**
 * The built-in templates compiled ahead of time (src/render/precompile.ts) in place of
 * src/render/precompiled.ts, which holds none: EJS would otherwise compile every template with
 * `new Function` on every run, code the bundle's V8 code cache cannot hold.
 */
const { tsImport } = await import('tsx/esm/api');
const { precompiledModuleSource } = await tsImport('../src/render/precompile.ts', import.meta.url);
const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]render[\\/]precompiled\.ts$/ }, async () => ({ contents: await precompiledModuleSource(join(root, 'templates')), loader: 'js', resolveDir: root }));
  },
};

/** The yo entry's source, and load-generate's import of the unbundled module left out (it never runs in a bundle). */
const cliEntries = {
  name: 'cli-entries',
  setup(b) {
    b.onResolve({ filter: /^(\.\/)?generators\/app\/index\.ts$/ }, (a) => (a.kind === 'entry-point' ? { path: resolve(root, a.path), namespace: 'yo-entry' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'yo-entry' }, () => ({ contents: YO_ENTRY, loader: 'ts', resolveDir: root }));
    b.onResolve({ filter: /^\.\/generate\.js$/ }, (a) => (a.importer.endsWith(`${sep}load-generate.ts`) ? { path: a.path, external: true } : undefined));
  },
};

const common = {
  absWorkingDir: root,
  outbase: '.',
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20.17',
  minify: !args.readable,
  // No keepNames: it wraps every function expression in a call that redefines its name each time the
  // closure is created, a measurable cost in the analyses' inner loops. Nothing here reads a minified
  // name: the errors that are told apart by name (ours, inquirer's prompt cancellations) set it.
  keepNames: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  define: { CHO_BUNDLED_GENERATE: JSON.stringify(`dist/bundle/${GENERATE_CJS}`) },
};

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
// The CLI and the generation code, CommonJS so that they can be compiled with V8's code cache (a
// vm.Script has no ES module loader): import.meta.url becomes the file's own URL, and import() of
// bundled code a lazily run require(). No code splitting in CommonJS: the modules both need (the flag
// checks, errors) are in both, and what only some runs need (semver for --chart-version, the remote
// modules, inquirer) is evaluated on first use.
const commonjs = await build({
  ...common,
  entryPoints: ['src/cli/main.ts', 'src/cli/generate.ts', 'src/util/compile-cache.ts'],
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  define: { ...common.define, 'import.meta.url': '__cho_import_meta_url' },
  supported: { 'dynamic-import': false },
  banner: { js: "const __cho_import_meta_url=require('node:url').pathToFileURL(__filename).href;" },
  plugins: [cliEntries, precompiledTemplates, yeomanForBundle],
});
// The yo entry: Yeoman imports it as an ES module.
const yo = await build({
  ...common,
  entryPoints: ['generators/app/index.ts'],
  format: 'esm',
  banner: { js: REQUIRE_BANNER },
  plugins: [cliEntries, yeomanForBundle],
});
for (const file of Object.keys(yo.metafile.outputs)) if (file.endsWith('.js')) dropUnusedBanner(resolve(root, file));
if (!existsSync(join(outdir, GENERATE_CJS))) throw new Error(`bundle: ${GENERATE_CJS} was not written`);
const missed = [...PATCHES, ...LAZY].filter((p) => !seen.has(p));
if (missed.length > 0) throw new Error(`bundle: patches not applied: ${missed.map((p) => p.from ?? p.file).join('; ')}`);
const result = { metafile: { inputs: { ...commonjs.metafile.inputs, ...yo.metafile.inputs }, outputs: { ...commonjs.metafile.outputs, ...yo.metafile.outputs } } };
writeFileSync(join(outdir, 'THIRD-PARTY-NOTICES.txt'), thirdPartyNotices(result.metafile));
if (args.metafile) writeFileSync(resolve(root, args.metafile), JSON.stringify(result.metafile));
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
process.stderr.write(`bundle: ${relative(root, outdir) || '.'} (${(bytes / 1024).toFixed(0)} KiB of JavaScript)\n`);
