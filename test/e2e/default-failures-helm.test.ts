/**
 * The default-failures cases checked against helm itself. Every failure the analysis reports, helm
 * has too, with the message at the template and line (helm stops at its first). For chart trees,
 * also the converse: helm renders exactly the cases where the analysis reports nothing. (A
 * one-template case the analysis leaves silent may still fail in helm: silence covers "cannot decide".)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir, writeFiles } from '../support/cli.js';
import { helm } from '../support/tools.js';
import { SUBCHART_CASES, TEMPLATE_CASES, VALUES } from '../fixtures/default-failures/cases.js';

/** helm's first failure as `file:line message`, or undefined when the chart renders. */
function helmFailure(files: Readonly<Record<string, string>>): string | undefined {
  const dir = writeFiles(join(tempDir('cho-fail-'), 'top'), files);
  const r = helm(['template', 'release', dir]);
  if (r.status === 0) return undefined;
  const at = /execution error at \(top\/([^:]+):(\d+):\d+\): (.*)/.exec(r.stderr);
  assert.ok(at, `helm failed otherwise: ${r.stderr}`);
  return `${at[1]}:${at[2]} ${at[3]}`;
}

const CHART_YAML = 'apiVersion: v2\nname: top\nversion: 0.1.0\n';

/**
 * Whether helm's `file:line message` is what an expected entry says: the same place, and the same
 * message, where a built message is named by its printf format (`%s` and the like stand for anything).
 */
function sameFailure(helmSays: string, expected: string): boolean {
  const at = (s: string): string => s.slice(0, s.indexOf(' '));
  if (at(helmSays) !== at(expected)) return false;
  const message = expected.slice(expected.indexOf(' ') + 1);
  if (message === 'a message the template builds') return true;
  const format = message.split(/%[-+# 0-9.]*[a-zA-Z]/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${format}$`).test(helmSays.slice(helmSays.indexOf(' ') + 1));
}

for (const [template, expected] of TEMPLATE_CASES.filter(([, e]) => e.length > 0)) {
  test(`helm agrees: ${JSON.stringify(template)} fails`, () => {
    const failure = helmFailure({ 'Chart.yaml': CHART_YAML, 'values.yaml': VALUES, 'templates/check.yaml': template });
    assert.ok(failure !== undefined, 'helm rendered a template the analysis says fails');
    assert.ok(expected.some((e) => sameFailure(failure, e)), `helm: ${failure}; expected one of ${expected.join(' | ')}`);
  });
}

for (const c of SUBCHART_CASES) {
  test(`helm agrees: ${c.name}`, () => {
    const failure = helmFailure(c.files);
    if (c.expected.length === 0) {
      assert.equal(failure, undefined);
      return;
    }
    assert.ok(failure !== undefined, 'helm rendered a case the analysis says fails');
    const expected = c.helm !== undefined ? [c.helm] : c.expected.map((e) => e.replace(/ \[[^\]]*\]$/, ''));
    assert.ok(expected.some((e) => sameFailure(failure, e)), `helm: ${failure}; expected one of ${expected.join(' | ')}`);
  });
}
