// npm run e2e (and the last step of npm test): every browser journey in order, against one server.
// Prints "N passed, M failed" and exits non-zero when any journey fails.
import { journeys } from './journeys/index.ts';
import { startWorld } from './harness.ts';

const started = performance.now();
const world = await startWorld();
let passed = 0;
let failed = 0;
try {
  for (const journey of journeys) {
    const t0 = performance.now();
    try {
      await journey.run(world);
      passed++;
      console.log(`✓ ${journey.name} (${((performance.now() - t0) / 1000).toFixed(1)}s)`);
    } catch (err) {
      failed++;
      console.log(`✗ ${journey.name}\n  ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (journey.required) break;
    }
  }
} finally {
  await world.browser.close();
  await world.server.stop();
}
console.log(`\nbrowser journeys: ${((performance.now() - started) / 1000).toFixed(0)}s, screenshots in e2e/screenshots/`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
