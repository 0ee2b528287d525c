// Runs one recognition at a time with a cancellable progress state.
import { useCallback, useRef, useState } from 'react'
import type { AppError } from '../../domain/errors'
import type { OcrMode } from '../../contract/recognition'
import { recognizePhoto, type RecognitionStage, type RecognizedPhoto } from '../../services/recognize'
import { createCancellation, type Cancellation } from '../../services/cancellation'

export type RecognitionState =
  | { phase: 'idle' }
  | { phase: 'busy'; stage: RecognitionStage }
  | { phase: 'failed'; error: AppError }

/** `path`: the local photo the result was read from (the review page shows it). */
export function useRecognition(onRecognized: (result: RecognizedPhoto, mode: OcrMode, path: string) => void) {
  const [state, setState] = useState<RecognitionState>({ phase: 'idle' })
  const controller = useRef<Cancellation | null>(null)

  const start = useCallback(
    async (path: string, mode: OcrMode) => {
      controller.current?.cancel()
      const current = createCancellation()
      controller.current = current
      const result = await recognizePhoto(path, mode, (stage) => setState({ phase: 'busy', stage }), current.signal)
      if (current.signal.aborted) return
      controller.current = null
      if (result.ok) {
        setState({ phase: 'idle' })
        onRecognized(result, mode, path)
      } else {
        setState({ phase: 'failed', error: result.error })
      }
    },
    [onRecognized],
  )

  const cancel = useCallback(() => {
    controller.current?.cancel()
    controller.current = null
    setState({ phase: 'idle' })
  }, [])

  return { state, start, cancel }
}
