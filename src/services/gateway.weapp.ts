// weapp: WeChat cloud (functions + storage); the caller's OPENID is attached by WeChat itself.
import Taro from '@tarojs/taro'
import { appError } from '../domain/errors'
import { CANCELLED, type CloudGateway } from './gateway.types'

function isFnResult(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'ok' in value
}

export const gateway: CloudGateway = {
  init() {
    Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
  },
  async call(name, data, options) {
    try {
      const { result } = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> })
      if (options?.signal?.aborted) return { ok: false, error: CANCELLED }
      return isFnResult(result) ? (result as never) : { ok: false, error: appError('INTERNAL', '云函数返回格式错误') }
    } catch (error) {
      if (options?.signal?.aborted) return { ok: false, error: CANCELLED }
      const code = (error as { errCode?: number }).errCode
      return { ok: false, error: appError('NETWORK', code ? `云函数调用失败（${code}）` : undefined) }
    }
  },
  async uploadImage(filePath, options) {
    const cloudPath = `uploads/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.jpg`
    try {
      const { fileID } = await Taro.cloud.uploadFile({ cloudPath, filePath })
      if (options?.signal?.aborted) return { ok: false, error: CANCELLED }
      return { ok: true, fileID }
    } catch {
      if (options?.signal?.aborted) return { ok: false, error: CANCELLED }
      return { ok: false, error: appError('NETWORK', '图片上传失败') }
    }
  },
}
