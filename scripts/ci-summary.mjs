// Prints CI's closing line, "N passed, N failed": every vitest test plus the
// checks .ci/run ran (typecheck, lint, layers, build, size). Exits non-zero
// when anything failed or vitest itself did not finish.
import { existsSync, readFileSync } from 'node:fs';

const [file, checksPassed, checksFailed, vitestStatus] = process.argv.slice(2);
let passed = Number(checksPassed);
let failed = Number(checksFailed);
if (existsSync(file)) {
  const results = JSON.parse(readFileSync(file, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A suite that failed to load has no failed test but is a failure all the same.
  failed += results.testResults.filter(
    (suite) =>
      suite.status === 'failed' && suite.assertionResults.every((test) => test.status !== 'failed'),
  ).length;
} else {
  failed += 1;
}
if (Number(vitestStatus) !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
