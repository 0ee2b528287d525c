// The recognition flow shared by platforms: prepare (while the upload target is reserved) → upload →
// recognizeVehicleLicense. A cancel stops the flow at the next stage boundary: no stage starts after
// it, and an upload already made is deleted (the function deletes the uploads it reads itself).
import type { FnResult } from '../contract/result'
import type { Recognition, OcrMode } from '../contract/recognition'
import { gateway } from './gateway'
import { CANCELLED, isTransportFailure } from './gateway.types'
import { preparePhoto } from './image-prep'
import { evidenceFiles } from './evidence-files'
import type { CancelSignal } from './cancellation'

export type RecognitionStage = 'preparing' | 'uploading' | 'recognizing'

const cancelled = { ok: false, error: CANCELLED } as const

/**
 * A recognition plus, when it could be made, a persistent copy of the prepared photo the fields
 * came from (issue 12: attached to the record as evidence unless the user switches it off).
 */
export type RecognizedPhoto = Recognition & { evidencePath?: string }

export async function recognizePhoto(
  path: string,
  mode: OcrMode,
  onStage: (stage: RecognitionStage) => void,
  signal?: CancelSignal,
): Promise<FnResult<RecognizedPhoto>> {
  const isCancelled = () => signal?.aborted === true
  if (isCancelled()) return cancelled
  onStage('preparing')
  // Runs during preparation to save a round trip; it never rejects (errors are values).
  const reservation = gateway.reserveUpload({ signal })
  const prepared = await preparePhoto(path)
  if (isCancelled()) return cancelled
  if (!prepared.ok) return prepared

  onStage('uploading')
  const reserved = await reservation
  if (isCancelled()) return cancelled
  if (!reserved.ok) return reserved
  const uploaded = await gateway.uploadImage(prepared.photo.path, { signal, target: reserved.target })
  if (!uploaded.ok) return uploaded
  const { fileID } = uploaded
  if (isCancelled()) {
    void gateway.deleteUpload(fileID)
    return cancelled
  }

  onStage('recognizing')
  const result = await gateway.call<Recognition>('recognizeVehicleLicense', { fileID, mode }, { signal })
  // Not awaited: the delete must not hold back the user's answer.
  if (isCancelled() || (!result.ok && isTransportFailure(result.error))) void gateway.deleteUpload(fileID)
  if (isCancelled()) return cancelled
  if (!result.ok) return result
  // The prepared file is temporary (weapp: the next preparation may replace it; H5: an object URL).
  const evidencePath = await evidenceFiles.keep(prepared.photo.path)
  if (isCancelled()) {
    if (evidencePath) void evidenceFiles.discard(evidencePath)
    return cancelled
  }
  return evidencePath ? { ...result, evidencePath } : result
}
