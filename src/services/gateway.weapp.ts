// weapp: WeChat cloud (functions + storage); the caller's OPENID is attached by WeChat itself.
import Taro from '@tarojs/taro'
import type { FnResult } from '../contract/result'
import { appError, type AppError } from '../domain/errors'
import type { CancelSignal } from './cancellation'
import { CANCELLED, UPLOAD_TARGET_EVENT, type CloudGateway, type UploadTarget } from './gateway.types'

const RECOGNIZE_FUNCTION = 'recognizeVehicleLicense'

function isFnResult(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'ok' in value
}

/** What a wx.cloud rejection carries: `errCode` plus `errMsg` (often with the backend's own code inside). */
interface CloudFailure {
  codes: number[]
  text: string
}

function readFailure(error: unknown): CloudFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>
  const text = [e.errMsg, e.message, typeof error === 'string' ? error : undefined]
    .filter((part): part is string => typeof part === 'string')
    .join(' ')
  const codes: number[] = []
  if (typeof e.errCode === 'number' && e.errCode !== 0) codes.push(e.errCode)
  // errMsg repeats the code of the layer that failed: "errCode: -501000 | errMsg: …" or
  // "cloud function service error code -504002, error message …".
  // (An exec loop: String.prototype.matchAll is missing on older iOS JavaScriptCore.)
  const embedded = /(?:errCode:?|error code)\s*(-?\d+)/gi
  for (let m = embedded.exec(text); m; m = embedded.exec(text)) {
    const code = Number(m[1])
    if (code !== 0 && !codes.includes(code)) codes.push(code)
  }
  return { codes, text }
}

function withCodes(label: string, codes: number[]): string {
  return codes.length ? `${label}（${codes.join(' / ')}）` : label
}

/*
 * callFunction rejections, as WeChat reports them (wx.cloud error table:
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference/errcode.html — -404011 "云函数
 * 执行失败", -504002 "云函数执行失败"; errMsgs as seen in the field, e.g. github.com/hzm0321/taro-cloud-print/issues/1,
 * github.com/buhuia/xixili/issues/1, github.com/Mint-green/UnlearnableWord/issues/10,
 * github.com/twikoojs/twikoo/issues/485):
 * - not deployed: "cloud.callFunction:fail Error: errCode: -501000 | errMsg: FunctionName parameter could
 *   not be found." (older consoles: "找不到对应的FunctionName", CloudBase: "[FUNCTION_NOT_FOUND] …").
 *   -501000 alone is not enough: the same code comes with "Environment not found" / "env not exists".
 * - timeout: "… errCode: -504003 | errMsg: Invoking task timed out after 3 seconds".
 * - a function that throws: errCode -404011 "cloud function execution error", with
 *   "cloud function service error code -504002, error message …".
 */
const NOT_DEPLOYED = /FunctionName parameter could not be found|FUNCTION_NOT_FOUND|找不到对应的\s*FunctionName/i
const TIMEOUT_CODE = -504003
const TIMED_OUT = /timed? ?out/i

export function callFailure(error: unknown): AppError {
  const { codes, text } = readFailure(error)
  if (NOT_DEPLOYED.test(text)) return appError('FUNCTION_NOT_DEPLOYED')
  if (codes.includes(TIMEOUT_CODE) || TIMED_OUT.test(text)) return appError('FUNCTION_TIMEOUT')
  return appError('NETWORK', withCodes('云函数调用失败', codes))
}

export function uploadFailure(error: unknown): AppError {
  return appError('NETWORK', withCodes('图片上传失败', readFailure(error).codes))
}

const BAD_RESULT = () => appError('INTERNAL', '云函数返回格式错误')

async function call<T extends object>(name: string, data: object, signal?: CancelSignal): Promise<FnResult<T>> {
  try {
    const { result } = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> })
    // wx.cloud calls cannot be aborted: the answer is awaited, then dropped.
    if (signal?.aborted) return { ok: false, error: CANCELLED }
    return isFnResult(result) ? (result as FnResult<T>) : { ok: false, error: BAD_RESULT() }
  } catch (error) {
    if (signal?.aborted) return { ok: false, error: CANCELLED }
    return { ok: false, error: callFailure(error) }
  }
}

async function reserveUpload(signal?: CancelSignal): Promise<FnResult<{ target: UploadTarget }>> {
  const reserved = await call<{ cloudPath?: unknown; expiresAt?: unknown }>(RECOGNIZE_FUNCTION, UPLOAD_TARGET_EVENT, signal)
  if (!reserved.ok) return reserved
  if (!isUploadTarget(reserved)) return { ok: false, error: BAD_RESULT() }
  return { ok: true, target: { cloudPath: reserved.cloudPath, expiresAt: reserved.expiresAt } }
}

function isUploadTarget(value: { cloudPath?: unknown; expiresAt?: unknown }): value is UploadTarget {
  return typeof value.cloudPath === 'string' && value.cloudPath.length > 0 && typeof value.expiresAt === 'string'
}

async function deleteUpload(fileID: string): Promise<void> {
  try {
    // Allowed by the creator-only storage rule: the caller uploaded it. A per-file failure (already
    // deleted by the function, say) comes back in fileList[].status and needs nothing more.
    await Taro.cloud.deleteFile({ fileList: [fileID] })
  } catch {
    // Best effort: the function deletes the uploads it reads, and the backend's cleanup those past
    // their target's expiresAt; a leftover here is rare and temporary.
  }
}

export const gateway: CloudGateway = {
  init() {
    Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
  },
  call(name, data, options) {
    return call(name, data, options?.signal)
  },
  reserveUpload(options) {
    return reserveUpload(options?.signal)
  },
  async uploadImage(filePath, options) {
    const signal = options?.signal
    let target = options?.target
    if (!target) {
      const reserved = await reserveUpload(signal)
      if (!reserved.ok) return reserved
      target = reserved.target
    }
    if (signal?.aborted) return { ok: false, error: CANCELLED }
    let fileID: string
    try {
      const uploaded = await Taro.cloud.uploadFile({ cloudPath: target.cloudPath, filePath })
      fileID = uploaded.fileID
    } catch (error) {
      if (signal?.aborted) return { ok: false, error: CANCELLED }
      return { ok: false, error: uploadFailure(error) }
    }
    if (!fileID) return { ok: false, error: appError('NETWORK', '图片上传失败') }
    if (signal?.aborted) {
      void deleteUpload(fileID)
      return { ok: false, error: CANCELLED }
    }
    return { ok: true, fileID }
  },
  deleteUpload,
}
