import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp, parseHelmIgnore } from '../../src/chart/helmignore.js';

test('go filepath.Match globs', () => {
  assert.ok(globToRegExp('*.tgz').test('a.tgz'));
  assert.ok(!globToRegExp('*.tgz').test('dir/a.tgz'));
  assert.ok(globToRegExp('a?c').test('abc'));
  assert.ok(globToRegExp('[a-c]x').test('bx'));
  assert.ok(!globToRegExp('[^a-c]x').test('bx'));
});

test('helmignore rules as Helm applies them', () => {
  const ig = parseHelmIgnore('# comment\n.git/\n*.swp\nci/\ndocs/*.md\n/README.md\n');
  assert.ok(ig.ignores('.git', true));
  assert.ok(!ig.ignores('.git', false), 'a trailing slash matches directories only');
  assert.ok(ig.ignores('templates/x.swp', false), 'no slash: matches the base name anywhere');
  assert.ok(ig.ignores('ci', true));
  assert.ok(ig.ignores('docs/a.md', false));
  assert.ok(!ig.ignores('docs/sub/a.md', false));
  assert.ok(ig.ignores('README.md', false));
  assert.ok(ig.ignores('templates/.hidden', false), 'templates/.?* is always ignored');
  assert.ok(!ig.ignores('templates/deployment.yaml', false));
  assert.ok(!ig.ignores('values.yaml', false));
});
