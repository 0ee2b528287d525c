import Taro from '@tarojs/taro'

/** Album (or camera) pick; null when the user cancels. */
export async function pickPhoto(source: 'album' | 'camera' = 'album'): Promise<string | null> {
  try {
    const { tempFiles } = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sourceType: [source], sizeType: ['original'] })
    return tempFiles[0]?.tempFilePath ?? null
  } catch {
    return null
  }
}
