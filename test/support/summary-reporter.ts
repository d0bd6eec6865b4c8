/**
 * @module A vitest reporter that ends the output with one line `N passed, N failed`, the line CI reads.
 */
import type { Reporter, TestModule } from 'vitest/node'

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0
    let failed = 0
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
      }
      // A file that fails to import has no tests; count it so a broken file cannot pass silently.
      if (module.state() === 'failed' && !module.children.size) failed++
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
  }
}
