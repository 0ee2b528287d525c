// The recognition flow shared by platforms: prepare → upload → recognizeVehicleLicense.
import type { FnResult } from '../../functions/shared/result'
import type { Recognition } from '../../functions/recognizeVehicleLicense/handler'
import type { OcrMode } from '../../functions/shared/ports'
import { gateway } from './gateway'
import { preparePhoto } from './image-prep'
import type { CancelSignal } from './cancellation'

export type RecognitionStage = 'preparing' | 'uploading' | 'recognizing'

export async function recognizePhoto(
  path: string,
  mode: OcrMode,
  onStage: (stage: RecognitionStage) => void,
  signal?: CancelSignal,
): Promise<FnResult<Recognition>> {
  onStage('preparing')
  const prepared = await preparePhoto(path)
  if (!prepared.ok) return prepared
  onStage('uploading')
  const uploaded = await gateway.uploadImage(prepared.photo.path, { signal })
  if (!uploaded.ok) return uploaded
  onStage('recognizing')
  return gateway.call<Recognition>('recognizeVehicleLicense', { fileID: uploaded.fileID, mode }, { signal })
}
