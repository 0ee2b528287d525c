// H5: the local backend (server/) hosts the same functions over HTTP; identity from the dev switcher.
import { appError } from '../domain/errors'
import { CANCELLED, type CloudGateway } from './gateway.types'
import { getDevOpenid } from './dev-identity'
import { nativeSignal, type CancelSignal } from './cancellation'

const base = () => process.env.TARO_APP_API_BASE ?? ''

async function request<T>(path: string, init: RequestInit, signal?: CancelSignal): Promise<T> {
  try {
    const response = await fetch(`${base()}${path}`, {
      ...init,
      signal: nativeSignal(signal),
      headers: { ...(init.headers as Record<string, string>), 'x-dev-openid': getDevOpenid() },
    })
    const body = await response.json().catch(() => null)
    if (body && typeof body === 'object' && 'ok' in body) return body as T
    return { ok: false, error: appError('NETWORK', `服务返回 HTTP ${response.status}`) } as T
  } catch (error) {
    if (signal?.aborted) return { ok: false, error: CANCELLED } as T
    return { ok: false, error: appError('NETWORK') } as T
  }
}

export const gateway: CloudGateway = {
  init() {},
  call(name, data, options) {
    return request(`/api/fn/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(data),
    }, options?.signal)
  },
  // The local backend names uploads itself (POST /api/upload answers with the fileID).
  async reserveUpload() {
    return { ok: true, target: null }
  },
  async uploadImage(filePath, options) {
    let blob: Blob
    try {
      blob = await (await fetch(filePath)).blob()
    } catch {
      return { ok: false, error: appError('IMAGE_UNREADABLE') }
    }
    const form = new FormData()
    form.append('file', blob, 'license.jpg')
    return request('/api/upload', { method: 'POST', body: form }, options?.signal)
  },
  /*
   * Nothing to do here: the local backend deletes each upload itself once recognizeVehicleLicense has
   * read it (its handler's `finally`). An upload whose recognize call never arrived (cancel after the
   * upload, backend down) is removed by the backend's hourly upload sweep (server/upload-sweep.ts).
   */
  async deleteUpload() {},
}
