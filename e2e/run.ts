// npm run e2e (and the last step of npm test): every browser journey in order, against one server.
// Prints "N passed, M failed" and exits non-zero when any journey fails.
// E2E_ONLY=1,4 runs just the journeys whose names start with those numbers (later journeys need earlier ones).
import { journeys } from './journeys/index.ts';
import { startWorld, takeCspViolations } from './harness.ts';

const started = performance.now();
const world = await startWorld();
let passed = 0;
let failed = 0;
try {
  const only = process.env.E2E_ONLY?.split(',').map((s) => `${s.trim()} `);
  for (const journey of journeys.filter((j) => !only || only.some((o) => j.name.startsWith(o)))) {
    const t0 = performance.now();
    takeCspViolations(); // a failed journey's leftovers are its own, not the next one's
    try {
      await journey.run(world);
      // The security headers must not break a page: any CSP violation fails the journey that caused it.
      const violations = takeCspViolations();
      if (violations.length > 0) throw new Error(`CSP violations:\n    ${violations.join('\n    ')}`);
      passed++;
      console.log(`✓ ${journey.name} (${((performance.now() - t0) / 1000).toFixed(1)}s)`);
    } catch (err) {
      failed++;
      console.log(`✗ ${journey.name}\n  ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      const shots = await world.shotOpenPages(`FAILED-${journey.name.replace(/[^\w-]+/g, '_').slice(0, 40)}`);
      if (shots.length > 0)
        console.log(`  where it stopped: ${shots.map((s) => `e2e/screenshots/${s}.png`).join(', ')}`);
      if (journey.required) break;
    } finally {
      await world.closePages();
    }
  }
} finally {
  await world.browser.close();
  await world.server.stop();
}
console.log(
  `\nbrowser journeys: ${((performance.now() - started) / 1000).toFixed(0)}s, screenshots in e2e/screenshots/`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
