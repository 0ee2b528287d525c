import { APP_ERROR_MESSAGES, appError, ProviderError, providerError, TOKEN_ERRCODES, type AppErrorCode } from './errors'

describe('providerError', () => {
  it.each([
    [101000, 'OCR_101000', '图片URL错误或拉取失败'],
    [101001, 'OCR_101001', '未在图片中检测到行驶证'],
    [101002, 'OCR_101002', '图片数据无效'],
    [101003, 'OCR_101003', '识别配额不足'],
    [41005, 'OCR_41005', '缺少图片数据'],
    [45009, 'OCR_45009', '今日识别次数已达上限'],
    [40001, 'OCR_40001', 'access_token 无效或已过期'],
    [42001, 'OCR_42001', 'access_token 无效或已过期'],
    [-604101, 'OCR_-604101', '云函数缺少 openapi 权限，请检查 config.json'],
  ])('%p -> %s %s', (errcode, code, message) => {
    expect(providerError(errcode, 'ignored english errmsg')).toEqual({ code, message })
  })

  it('unknown errcodes get a generic message with the code and errmsg', () => {
    expect(providerError(47001)).toEqual({ code: 'OCR_47001', message: '识别服务出错（错误码 47001）' })
    expect(providerError(-1, 'system error rid: 6650')).toEqual({
      code: 'OCR_-1',
      message: '识别服务出错（错误码 -1）：system error rid: 6650',
    })
  })

  it('lists the token errcodes that need a refresh', () => {
    expect(TOKEN_ERRCODES).toEqual([40001, 42001])
  })
})

describe('ProviderError', () => {
  it('carries the app code, Chinese message and raw provider fields', () => {
    const error = new ProviderError(101001, 'certificate not found rid: 1')
    expect(error).toBeInstanceOf(ProviderError)
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('ProviderError')
    expect(error.code).toBe('OCR_101001')
    expect(error.message).toBe('未在图片中检测到行驶证')
    expect(error.providerCode).toBe(101001)
    expect(error.providerMessage).toBe('certificate not found rid: 1')
  })

  it('can wrap an app error that has no provider code', () => {
    const error = new ProviderError(appError('NETWORK', 'timeout'))
    expect(error.code).toBe('NETWORK')
    expect(error.message).toBe('网络异常，请检查网络后重试：timeout')
    expect(error.providerCode).toBeUndefined()
    // Absent, not undefined: a logged or serialized error shows no empty provider fields.
    expect(Object.keys(error)).not.toContain('providerCode')
    expect(Object.keys(error)).not.toContain('providerMessage')
  })

  it('a provider code without a message has no provider message', () => {
    expect(Object.keys(new ProviderError(101001))).not.toContain('providerMessage')
  })
})

describe('appError', () => {
  const codes: AppErrorCode[] = [
    'IMAGE_NOT_IMAGE',
    'IMAGE_UNREADABLE',
    'IMAGE_TOO_LARGE',
    'QUOTA_EXCEEDED',
    'INVALID_INPUT',
    'UNAUTHORIZED',
    'FORBIDDEN',
    'NOT_FOUND',
    'VERSION_CONFLICT',
    'NETWORK',
    'PROVIDER_MISSING',
    'INTERNAL',
    'UPLOAD_NOT_OWNED',
    'UPLOAD_MISSING',
    'FUNCTION_NOT_DEPLOYED',
    'FUNCTION_TIMEOUT',
    'PRIVACY_DENIED',
    'PRIVACY_NOT_DECLARED',
    'CAMERA_DENIED',
    'ALBUM_DENIED',
  ]

  it('has a Chinese default message for every code', () => {
    expect(Object.keys(APP_ERROR_MESSAGES).sort()).toEqual([...codes].sort())
    for (const code of codes) {
      expect(appError(code)).toEqual({ code, message: APP_ERROR_MESSAGES[code] })
      expect(appError(code).message).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('appends the detail', () => {
    expect(appError('INVALID_INPUT', '缺少 fileId')).toEqual({ code: 'INVALID_INPUT', message: '输入数据无效：缺少 fileId' })
    expect(appError('QUOTA_EXCEEDED')).toEqual({ code: 'QUOTA_EXCEEDED', message: '今日识别次数已用完，请明天再试' })
  })
})
