import type { FnResult } from '../contract/result'

/** A photo ready to upload: orientation fixed, long side capped, under the provider's 2 MB. */
export interface PreparedPhoto {
  path: string
  width: number
  height: number
  bytes: number
}

export type PreparePhoto = (path: string) => Promise<FnResult<{ photo: PreparedPhoto }>>
