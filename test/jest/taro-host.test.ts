/** @jest-environment jsdom */
// The Taro test host is held to WeChat's documented behaviour: storage limits in UTF-8 bytes and copies,
// modals answered only as the test says, page events only when the test plays them.
import { createElement, useState } from 'react'
import { act, render } from '@testing-library/react'
import Taro, { useDidShow, useLoad, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import {
  answerModals,
  pullDownPage,
  reachBottom,
  resetTaroHost,
  setRouterParams,
  showPage,
  STORAGE_LIMITS,
  storedBytes,
  takeModalSurprises,
  utf8Bytes,
} from './taro-host'

beforeEach(() => resetTaroHost())

const MB = 1024 * 1024

describe('storage, as wx.setStorageSync documents it', () => {
  it('limits one key to 1 MB of UTF-8: 349,525 Chinese characters fit, one more does not', () => {
    expect(STORAGE_LIMITS).toEqual({ itemBytes: MB, totalBytes: 10 * MB })
    const fits = '京'.repeat(Math.floor(MB / 3))
    Taro.setStorageSync('k', fits)
    expect(storedBytes('k')).toBe(3 * Math.floor(MB / 3))
    // The same count in ASCII would be far below the limit: the bytes are what counts, not the length.
    expect(() => Taro.setStorageSync('k', fits + '京')).toThrow('setStorageSync:fail exceed storage item max length')
    // The failed write leaves the old value in place.
    expect(Taro.getStorageSync('k')).toBe(fits)
  })

  it('measures objects by their JSON', () => {
    const value = { addr: '广东省深圳市南山区科技园'.repeat(10) }
    Taro.setStorageSync('o', value)
    expect(storedBytes('o')).toBe(utf8Bytes(JSON.stringify(value)))
    expect(() => Taro.setStorageSync('o', { s: 'a'.repeat(MB) })).toThrow('exceed storage item max length')
  })

  it('limits all keys together to 10 MB', () => {
    const almostOneMb = 'x'.repeat(MB - 100)
    for (let i = 0; i < 10; i++) Taro.setStorageSync(`k${i}`, almostOneMb)
    expect(() => Taro.setStorageSync('k10', 'y'.repeat(2000))).toThrow('setStorageSync:fail exceed storage max size')
    expect(Taro.getStorageSync('k10')).toBe('')
    // Rewriting a key counts its new size in place of its old one.
    Taro.setStorageSync('k0', almostOneMb)
    Taro.removeStorageSync('k9')
    Taro.setStorageSync('k10', 'y'.repeat(2000))
    expect(Taro.getStorageInfoSync()).toMatchObject({ limitSize: 10240 })
  })

  it('throws an Error whose message is the errMsg', () => {
    let thrown: unknown
    try {
      Taro.setStorageSync('k', 'x'.repeat(MB + 1))
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Error)
    expect(thrown).toMatchObject({ errMsg: 'setStorageSync:fail exceed storage item max length' })
  })

  it("stores copies: later changes to the object or to what was read do not reach storage; '' for a missing key", () => {
    const value = { list: [1, 2] }
    Taro.setStorageSync('o', value)
    value.list.push(3)
    const read = Taro.getStorageSync('o') as { list: number[] }
    expect(read).toEqual({ list: [1, 2] })
    read.list.push(4)
    expect(Taro.getStorageSync('o')).toEqual({ list: [1, 2] })
    expect(Taro.getStorageSync('absent')).toBe('')
  })

  it('counts a character outside the BMP as 4 bytes', () => {
    expect(utf8Bytes('a')).toBe(1)
    expect(utf8Bytes('é')).toBe(2)
    expect(utf8Bytes('粤')).toBe(3)
    expect(utf8Bytes('𠮷')).toBe(4)
  })
})

describe('showModal', () => {
  it('answers with the queued answers, in order', async () => {
    answerModals('cancel', 'confirm')
    await expect(Taro.showModal({ title: 't', content: 'first' })).resolves.toMatchObject({ confirm: false, cancel: true })
    await expect(Taro.showModal({ title: 't', content: 'second' })).resolves.toMatchObject({ confirm: true, cancel: false })
  })

  it('fails a modal the test did not expect, and reports it after the test', async () => {
    await expect(Taro.showModal({ title: 't', content: 'surprise' })).rejects.toThrow('no answer queued for "surprise"')
    expect(takeModalSurprises()).toEqual({ unexpected: ['surprise'], unused: [] })
  })

  it('reports answers queued for modals that never showed', () => {
    answerModals('confirm')
    expect(takeModalSurprises()).toEqual({ unexpected: [], unused: ['confirm'] })
  })
})

describe('page lifecycle', () => {
  function Page({ log }: { log: string[] }) {
    const [renders, setRenders] = useState(0)
    useLoad((params) => log.push(`load ${params.id}`))
    useDidShow(() => log.push('show'))
    usePullDownRefresh(() => log.push('pull'))
    useReachBottom(() => {
      log.push(`bottom after ${renders} rerenders`)
      setRenders((n) => n + 1)
    })
    return createElement('div', null, String(renders))
  }

  it('loads once per mount, and fires show / pull-down / reach-bottom only when the test plays them', () => {
    const log: string[] = []
    setRouterParams({ id: '7' })
    const page = render(createElement(Page, { log }))
    expect(log).toEqual(['load 7'])
    act(() => showPage())
    act(() => pullDownPage())
    act(() => reachBottom())
    act(() => reachBottom())
    // The re-renders did not load again, and each listener saw the latest render's state.
    expect(log).toEqual(['load 7', 'show', 'pull', 'bottom after 0 rerenders', 'bottom after 1 rerenders'])
    page.unmount()
    act(() => showPage())
    expect(log).toHaveLength(5)
  })
})
