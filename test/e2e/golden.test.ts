/** Golden tests: each case's whole generated tree equals the committed one (`npm run golden:update`). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readTree } from '../support/cli.js';
import { GOLDEN_CASES, generateCase, goldenRoot } from '../support/golden.js';
import { sharedCharts } from '../support/paths.js';

for (const c of GOLDEN_CASES) {
  test(`golden: ${c.name}`, async () => {
    const project = await generateCase(c);
    const actual = readTree(project);
    const expected = readTree(join(goldenRoot, c.name));
    const kept = [...actual.keys()].filter((p) => !c.exclude.some((x) => p.startsWith(`${x}/`)));
    assert.deepEqual(kept, [...expected.keys()], 'file list differs: run `npm run golden:update` and review the diff');
    for (const path of kept) {
      assert.equal(actual.get(path)!.toString('utf8'), expected.get(path)!.toString('utf8'), `${path} differs from test/golden/${c.name}/${path}`);
    }
    if (c.exclude.includes('helm-charts')) {
      const chartName = c.args[c.args.indexOf('--chart') + 1]!.split('/').pop()!;
      const vendored = readTree(join(project, 'helm-charts', chartName));
      assert.deepEqual(vendored, readTree(join(sharedCharts, chartName)), 'the vendored chart must be the source chart, byte for byte');
    }
  });
}
