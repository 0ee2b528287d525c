// weapp: the CSV is written under USER_DATA_PATH. wx.openDocument cannot open .csv (it takes only
// doc/xls/ppt/pdf), so the staffer sends the file to a chat (e.g. 文件传输助手) or copies the text.
import Taro from '@tarojs/taro'
import type { SaveCsv } from './staff-export.types'

function writeFile(filePath: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data,
      encoding: 'utf8',
      success: () => resolve(),
      fail: (error) => reject(new Error(error.errMsg)),
    })
  })
}

const failureText = (error: unknown) => (error instanceof Error ? error.message : (error as { errMsg?: string })?.errMsg ?? String(error))

export const saveCsv: SaveCsv = async (csv, filename) => {
  const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`
  await writeFile(filePath, csv)
  return {
    message: `已保存 ${filename}，可发送到聊天后在电脑上打开`,
    followUps: [
      {
        label: '发送到聊天',
        async run() {
          try {
            await Taro.shareFileMessage({ filePath, fileName: filename })
            return '已发送'
          } catch (error) {
            return `发送失败：${failureText(error)}`
          }
        },
      },
      {
        label: '复制内容',
        async run() {
          try {
            // Without the BOM: pasted text needs none, and some editors show it as a stray character.
            await Taro.setClipboardData({ data: csv.replace(/^\uFEFF/, '') })
            return '已复制'
          } catch (error) {
            return `复制失败：${failureText(error)}`
          }
        },
      },
    ],
  }
}
