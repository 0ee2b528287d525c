// One image at a time on the local backend: the sharp decode of an upload and the OCR of the
// prepared image share one serial queue. The OCR engine already serializes its own runs, but the
// decode in front of it did not, so concurrent uploads each held a full-size decode at once (peak
// memory grew with the number of callers). The cloud path is untouched: it decodes nothing.
import type { OcrProvider } from '../functions/shared/ports'
import { Serial } from './ocr/engine/serial'

export interface TaskQueue {
  run<T>(task: () => Promise<T>): Promise<T>
}

/** Runs each task as soon as it is given (no queue): for tests and one-off tools. */
export const IMMEDIATELY: TaskQueue = { run: (task) => task() }

export function createRecognitionQueue(): TaskQueue {
  return new Serial()
}

/** The provider with every recognition taken through `queue`. */
export function queuedOcr(ocr: OcrProvider, queue: TaskQueue): OcrProvider {
  return {
    name: ocr.name,
    recognize: (image, mode) => queue.run(() => ocr.recognize(image, mode)),
  }
}
