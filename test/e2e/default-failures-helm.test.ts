/**
 * The subchart cases of the default-failures analysis, checked against helm itself: helm refuses to
 * render a case exactly when the analysis expects failures, and with one of the expected messages at
 * the expected template.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir, writeFiles } from '../support/cli.js';
import { helm } from '../support/tools.js';
import { SUBCHART_CASES } from '../fixtures/default-failures/subcharts.js';

for (const c of SUBCHART_CASES) {
  test(`helm agrees: ${c.name}`, () => {
    const dir = writeFiles(join(tempDir('cho-fail-'), 'top'), c.files);
    const r = helm(['template', 'release', dir]);
    if (c.expected.length === 0) {
      assert.equal(r.status, 0, r.stderr);
      return;
    }
    assert.notEqual(r.status, 0, 'helm rendered a case the analysis says fails');
    const at = /execution error at \(top\/([^:]+):(\d+):\d+\): (.*)/.exec(r.stderr);
    assert.ok(at, r.stderr);
    const reported = `${at[1]}:${at[2]} ${at[3]}`;
    const expected = c.helm !== undefined ? [c.helm] : c.expected.map((e) => e.replace(/ \[[^\]]*\]$/, ''));
    assert.ok(expected.includes(reported), `helm: ${reported}; expected one of ${expected.join(' | ')}`);
  });
}
