// After every unit test: a modal the test did not expect (no answer queued), or an answer it queued
// for a modal that never came, fails the test (test/jest/taro-host.ts answerModals).
import { takeModalSurprises } from './taro-host'

afterEach(() => {
  const { unexpected, unused } = takeModalSurprises()
  if (unexpected.length) throw new Error(`unexpected showModal: ${unexpected.map((c) => JSON.stringify(c)).join(', ')} (queue answers with answerModals)`)
  if (unused.length) throw new Error(`answerModals: ${unused.length} answer(s) queued for modals that never showed`)
})
