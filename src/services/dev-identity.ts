// H5 dev identity switcher (local backend only): which dev openid the requests act as.
import Taro from '@tarojs/taro'

const KEY = 'vls-dev-openid'
export const DEFAULT_DEV_OPENID = 'dev-user'

export function getDevOpenid(): string {
  const value = Taro.getStorageSync(KEY)
  return typeof value === 'string' && value ? value : DEFAULT_DEV_OPENID
}

export function setDevOpenid(openid: string): void {
  Taro.setStorageSync(KEY, openid)
}
