// After every unit test: a modal the test did not expect (no answer queued), or an answer it queued
// for a modal that never came, fails the test (test/jest/taro-host.ts answerModals).
import { takeModalSurprises } from './taro-host'

afterEach(() => {
  const { unexpected, unused } = takeModalSurprises()
  if (unexpected.length) throw new Error(`unexpected showModal: ${unexpected.map((c) => JSON.stringify(c)).join(', ')} (queue answers with answerModals)`)
  if (unused.length) throw new Error(`answerModals: ${unused.length} answer(s) queued for modals that never showed`)
})

// findBy*/waitFor give up after 1 s by default; on a loaded 2-core CI machine a page's first
// render can take longer. The waits still end as soon as the condition holds.
// eslint-disable-next-line @typescript-eslint/no-var-requires
try {
  require('@testing-library/dom').configure({ asyncUtilTimeout: 5000 })
} catch {
  // Suites without testing-library (node environment) have nothing to configure.
}
