import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { outputPath, renderTemplates } from '../../src/render/render.js';
import { strictView } from '../../src/render/strict-view.js';
import { templateHelpers as h } from '../../src/render/helpers.js';
import { findRenderProblems } from '../../src/render/validate.js';
import { REGISTERED_TEMPLATES, policyFor } from '../../src/project/registry.js';
import { repoRoot } from '../support/paths.js';
import { UserError } from '../../src/diagnostics.js';

const tokens = { fullGroup: 'cache.example.com', group: 'cache', version: 'v1alpha1', kindLower: 'memcached', plural: 'memcacheds', project: 'memcached-operator', chart: 'memcached' };

test('output paths: .ejs dropped, _dotfiles, [tokens]', () => {
  assert.equal(outputPath('_gitignore.ejs', tokens), '.gitignore');
  assert.equal(outputPath('config/_x/_y.ejs', tokens), 'config/_x/.y');
  assert.equal(outputPath('config/crd/bases/[fullGroup]_[plural].yaml.ejs', tokens), 'config/crd/bases/cache.example.com_memcacheds.yaml');
  assert.equal(outputPath('config/samples/[group]_[version]_[kindLower].yaml.ejs', tokens), 'config/samples/cache_v1alpha1_memcached.yaml');
  assert.throws(() => outputPath('[nope].ejs', tokens), (e: unknown) => e instanceof UserError && /\[nope\]/.test((e as Error).message));
});

test('the strict view throws on a missing field and on writes, and serialises like the model', () => {
  const model = Object.freeze({ project: Object.freeze({ name: 'p', tags: Object.freeze(['a']) }), x: null });
  const m = strictView(model);
  assert.equal(m.project.name, 'p');
  assert.deepEqual(JSON.parse(JSON.stringify(m)), model);
  assert.equal(h.yaml(m.project, 0), 'name: p\ntags:\n  - a');
  assert.throws(() => (m.project as any).nmae, /m\.project\.nmae/);
  assert.throws(() => { (m as any).x = 1; }, /may not modify/);
});

test('a built-in template that fails is a bug, an overlay template that fails is the user\'s error', () => {
  const model = { project: { name: 'p' }, chart: { name: 'c' }, resource: { fullGroup: 'g.d', group: 'g', version: 'v1', kindLower: 'k', plural: 'ks' } } as any;
  const bad = { path: 'x.ejs', text: '<%- m.nope %>', file: '/t/x.ejs' };
  assert.throws(() => renderTemplates(model, [{ ...bad, overlay: false }]), (e: unknown) => !(e instanceof UserError));
  assert.throws(() => renderTemplates(model, [{ ...bad, overlay: true }]), (e: unknown) => e instanceof UserError && /m\.nope/.test((e as Error).message));
  const [ok] = renderTemplates(model, [{ path: 'a/[project].yaml.ejs', text: 'name: <%- h.str(m.project.name) %>\n', file: 'f', overlay: false }]);
  assert.deepEqual({ path: ok!.path, content: ok!.content }, { path: 'a/p.yaml', content: 'name: p\n' });
});

test('validation finds unparsable YAML and leaked values, but not words the model itself holds', () => {
  const file = (path: string, content: string) => ({ path, content, from: path, template: undefined });
  assert.deepEqual(findRenderProblems([file('a.yaml', 'a: 1\n'), file('b.json', '{"a":1}')], '{}'), []);
  assert.match(findRenderProblems([file('a.yaml', 'a: [\n')], '{}')[0]!, /a\.yaml.*does not parse/);
  assert.match(findRenderProblems([file('README.md', 'x undefined y')], '{}')[0]!, /undefined.*line 1/);
  assert.match(findRenderProblems([file('a.txt', '[object Object]')], '{}')[0]!, /object Object/);
  assert.deepEqual(findRenderProblems([file('README.md', '# if undefined, the default')], '{"v":"# if undefined"}'), []);
});

test('every built-in template has a declared file policy, and the registry names no missing template', () => {
  const root = join(repoRoot, 'templates');
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.ejs')) found.push(relative(root, p));
    }
  };
  walk(root);
  assert.deepEqual(found.sort(), [...REGISTERED_TEMPLATES]);
  assert.equal(policyFor('watches.yaml.ejs'), 'regenerate');
  assert.equal(policyFor('Makefile.ejs'), 'once');
  assert.equal(policyFor(undefined), 'regenerate');
});
