// Error codes shared by client, cloud functions and server, with Chinese messages for users.

export interface AppError {
  code: string
  message: string
}

export type AppErrorCode =
  | 'IMAGE_NOT_IMAGE'
  | 'IMAGE_UNREADABLE'
  | 'IMAGE_TOO_LARGE'
  | 'QUOTA_EXCEEDED'
  | 'INVALID_INPUT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'VERSION_CONFLICT'
  | 'NETWORK'
  | 'PROVIDER_MISSING'
  | 'INTERNAL'
  | 'UPLOAD_NOT_OWNED'
  | 'UPLOAD_MISSING'
  | 'FUNCTION_NOT_DEPLOYED'
  | 'FUNCTION_TIMEOUT'
  | 'PRIVACY_DENIED'
  | 'PRIVACY_NOT_DECLARED'
  | 'CAMERA_DENIED'
  | 'ALBUM_DENIED'

export const APP_ERROR_MESSAGES: Readonly<Record<AppErrorCode, string>> = {
  IMAGE_NOT_IMAGE: '所选文件不是图片',
  IMAGE_UNREADABLE: '图片无法读取，请重新拍摄或选择',
  IMAGE_TOO_LARGE: '图片过大，请压缩后重试',
  QUOTA_EXCEEDED: '今日识别次数已用完，请明天再试',
  INVALID_INPUT: '输入数据无效',
  UNAUTHORIZED: '未登录或登录已过期，请重新进入小程序',
  FORBIDDEN: '没有权限执行此操作',
  NOT_FOUND: '记录不存在或已被删除',
  VERSION_CONFLICT: '记录已被他人修改，请刷新后重试',
  NETWORK: '网络异常，请检查网络后重试',
  PROVIDER_MISSING: '未配置识别服务',
  INTERNAL: '系统内部错误，请稍后重试',
  UPLOAD_NOT_OWNED: '只能识别本人刚上传的图片，请重新拍摄或选择',
  UPLOAD_MISSING: '图片不存在或已过期，请重新拍摄或选择',
  FUNCTION_NOT_DEPLOYED: '云函数未部署，请在开发者工具中上传并部署云函数后重试',
  FUNCTION_TIMEOUT: '云函数执行超时，请稍后重试',
  // WeChat privacy guide (用户隐私保护指引): the user has not agreed (errno 104) / the API is not declared (errno 112).
  PRIVACY_DENIED: '需要同意《隐私保护指引》才能拍摄或选择照片',
  PRIVACY_NOT_DECLARED: '小程序尚未在《用户隐私保护指引》中声明此功能，暂时无法使用，请联系管理员',
  // A permission refusal (auth deny), apart from the privacy guide.
  CAMERA_DENIED: '无法使用相机，请在设置中允许使用摄像头，或从相册选择照片',
  ALBUM_DENIED: '无法访问相册，请在手机系统设置中允许微信访问照片',
}

/** An app error with its default message; `detail` is appended after a Chinese colon. */
export function appError(code: AppErrorCode, detail?: string): AppError {
  const base = APP_ERROR_MESSAGES[code]
  return { code, message: detail ? `${base}：${detail}` : base }
}

/** WeChat OCR (cv/ocr/driving and cloud.openapi) errcode -> message. */
export const PROVIDER_ERROR_MESSAGES: Readonly<Record<number, string>> = {
  101000: '图片URL错误或拉取失败',
  101001: '未在图片中检测到行驶证',
  101002: '图片数据无效',
  101003: '识别配额不足',
  41005: '缺少图片数据',
  45009: '今日识别次数已达上限',
  40001: 'access_token 无效或已过期',
  42001: 'access_token 无效或已过期',
  [-604101]: '云函数缺少 openapi 权限，请检查 config.json',
}

/** errcodes after which the wechat-http adapter should refresh its access_token and retry once. */
export const TOKEN_ERRCODES: readonly number[] = [40001, 42001]

/** Code `OCR_<errcode>`; unknown errcodes get a generic message that carries the code and errmsg. */
export function providerError(errcode: number, errmsg?: string): AppError {
  const known = PROVIDER_ERROR_MESSAGES[errcode]
  const message =
    known ?? `识别服务出错（错误码 ${errcode}）${errmsg ? `：${errmsg}` : ''}`
  return { code: `OCR_${errcode}`, message }
}

/**
 * Thrown by OCR adapters; `message` is the Chinese user message. Built from a provider
 * errcode, or from an AppError for failures without one (timeouts, missing provider).
 */
export class ProviderError extends Error {
  code: string
  providerCode?: number
  /** The provider's own errmsg (English, often with a rid for WeChat support). */
  providerMessage?: string

  constructor(errcodeOrError: number | AppError, errmsg?: string) {
    const { code, message } =
      typeof errcodeOrError === 'number' ? providerError(errcodeOrError, errmsg) : errcodeOrError
    super(message)
    // Keeps instanceof working when compiled to ES5.
    Object.setPrototypeOf(this, ProviderError.prototype)
    this.name = 'ProviderError'
    this.code = code
    if (typeof errcodeOrError === 'number') this.providerCode = errcodeOrError
    if (errmsg !== undefined) this.providerMessage = errmsg
  }
}
