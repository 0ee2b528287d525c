import Taro from '@tarojs/taro'

/** weapp: initialise WeChat cloud with the env id from TARO_APP_CLOUD_ENV; h5: nothing to do. */
export function initCloud(): void {
  if (process.env.TARO_ENV !== 'weapp') return
  const env = process.env.TARO_APP_CLOUD_ENV
  Taro.cloud.init({ env: env || undefined, traceUser: true })
}
