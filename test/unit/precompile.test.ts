/**
 * The built-in templates compiled ahead of time for the published bundle (src/render/precompile.ts)
 * render exactly what EJS renders from the template files, and every one of them is used (its hash
 * matches the file, so render.ts does not fall back to compiling it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ejs from 'ejs';
import { acquireChart } from '../../src/chart/source.js';
import { resolveAnswers } from '../../src/options/answers.js';
import { buildProject } from '../../src/project/build.js';
import { templateHelpers } from '../../src/render/helpers.js';
import type { PrecompiledTemplate } from '../../src/render/precompiled.js';
import { precompiledModuleSource } from '../../src/render/precompile.js';
import { RENDER_OPTIONS } from '../../src/render/render.js';
import { strictView } from '../../src/render/strict-view.js';
import { loadTemplates } from '../../src/render/templates.js';
import { tempDir } from '../support/cli.js';
import { repoRoot, sharedCharts } from '../support/paths.js';

test('every built-in template, compiled ahead of time, renders what EJS renders from the file', async () => {
  const templatesDir = join(repoRoot, 'templates');
  const file = join(tempDir('cho-precompiled-'), 'precompiled.mjs');
  writeFileSync(file, await precompiledModuleSource(templatesDir));
  const { PRECOMPILED } = await import(pathToFileURL(file).href) as { PRECOMPILED: ReadonlyMap<string, PrecompiledTemplate> };

  const cwd = tempDir('cho-precompiled-');
  const acquired = await acquireChart(join(sharedCharts, 'memcached'));
  const answers = await resolveAnswers({ directory: 'memcached-operator', interactive: false, cwd }, acquired.chart.metadata.name);
  const { model } = await buildProject(answers, acquired);
  const locals = { m: strictView(model), h: templateHelpers };

  const templates = await loadTemplates(templatesDir);
  assert.deepEqual([...PRECOMPILED.keys()].sort(), templates.map((t) => t.path).sort());
  for (const t of templates) {
    const compiled = PRECOMPILED.get(t.path)!;
    assert.equal(compiled.sha1, createHash('sha1').update(t.text).digest('hex'), `${t.path}: hash differs from the file`);
    const expected = ejs.render(t.text, locals, { ...RENDER_OPTIONS, filename: t.file });
    assert.equal(compiled.render(locals), expected, t.path);
  }
  // A compiled template's errors still name the template and line.
  assert.throws(() => PRECOMPILED.get(templates[0]!.path)!.render({ m: strictView({}), h: templateHelpers }), /templates\/.+:\d+/);
});
