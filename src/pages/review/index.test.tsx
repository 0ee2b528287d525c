/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from '@testing-library/react'
import { emptyLicense, type VehicleLicense } from '../../domain/license'
import { useDraftStore } from '../../store/draft'
import { calls, resetTaroHost } from '../../../test/jest/taro-host'
import ReviewPage from './index'

const recognized: VehicleLicense = {
  ...emptyLicense(),
  plateNum: '粤B12345',
  vehicleType: '小型普通客车',
  owner: '张三',
  addr: '广东省深圳市南山区科技园路1号',
  useCharacter: '非营运',
  model: '大众汽车牌SVW71810KJ',
  vin: 'LSVNV2183E2100108',
  engineNum: 'E12345',
  registerDate: '2018-07-06',
  issueDate: '2018-07-06',
}

const input = (container: HTMLElement, field: string) =>
  container.querySelector(`[data-field="${field}"] input`) as HTMLInputElement

beforeEach(() => {
  resetTaroHost()
  act(() => {
    useDraftStore.getState().clear()
    useDraftStore.getState().startFromRecognition({ license: recognized, confidence: { owner: 0.5 }, warnings: ['图片可能模糊'], provider: 'paddle', mode: 'photo' })
  })
})

test('shows every recognized field, flags low confidence and quality warnings', () => {
  const { container } = render(<ReviewPage />)
  expect(input(container, 'plateNum').value).toBe('粤B12345')
  expect(input(container, 'vin').value).toBe('LSVNV2183E2100108')
  expect(container.querySelectorAll('[data-field]')).toHaveLength(15)
  expect(container.querySelector('[data-field="owner"]')!.className).toContain('field-row--low')
  expect(screen.getByText('图片可能模糊')).toBeTruthy()
})

test('an edited VIN with a bad check digit shows the error; reset restores the recognized value', () => {
  const { container } = render(<ReviewPage />)
  fireEvent.change(input(container, 'vin'), { target: { value: 'LSVNV2184E2100108' } })
  const row = container.querySelector('[data-field="vin"]')!
  expect(row.className).toContain('field-row--error')
  expect(row.textContent).toContain('校验位')
  fireEvent.click(screen.getByText('还原'))
  expect(input(container, 'vin').value).toBe('LSVNV2183E2100108')
  expect(container.querySelector('[data-field="vin"]')!.className).not.toContain('field-row--error')
})

test('confirm is refused while errors remain, and saves once they are fixed', () => {
  const { container } = render(<ReviewPage />)
  fireEvent.change(input(container, 'plateNum'), { target: { value: '粤B1234' } })
  fireEvent.click(screen.getByText('确认保存'))
  expect(calls.toasts).toEqual(['还有 1 处需要修改'])
  expect(useDraftStore.getState().draft).not.toBeNull()

  fireEvent.change(input(container, 'plateNum'), { target: { value: '粤B12346' } })
  fireEvent.click(screen.getByText('确认保存'))
  expect(useDraftStore.getState().draft).toBeNull()
  expect(calls.switchTab).toEqual(['/pages/records/index'])
})
