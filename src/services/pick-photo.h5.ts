import Taro from '@tarojs/taro'

/** The browser's file picker (phones offer the camera there too); null when cancelled. */
export async function pickPhoto(source: 'album' | 'camera' = 'album'): Promise<string | null> {
  try {
    const { tempFilePaths } = await Taro.chooseImage({ count: 1, sourceType: [source], sizeType: ['original'] })
    return tempFilePaths[0] ?? null
  } catch {
    return null
  }
}
