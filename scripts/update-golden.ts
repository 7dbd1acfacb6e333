// Regenerates the golden trees under test/golden/ from the built CLI (`npm run golden:update`).
// Review the diff: it is exactly what changed in the generated projects.
import { GOLDEN_CASES, generateCase, writeGolden } from '../test/support/golden.js';

for (const c of GOLDEN_CASES) {
  writeGolden(c, await generateCase(c));
  console.log(`updated test/golden/${c.name}`);
}
