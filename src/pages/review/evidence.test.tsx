/** @jest-environment jsdom */
// Issue 12 on the review page: the photo is attached by default, one line says why and for how long,
// a switch leaves it out; a rescan of a saved record replaces that record's photos.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { EVIDENCE_NOTICE, EVIDENCE_OFF_TEXT, EVIDENCE_SWITCH_LABEL } from '../../components/evidence-text'
import { evidenceFiles } from '../../services/evidence-files'
import { useDraftStore } from '../../store/draft'
import { useRecordsStore, type OutboxOp } from '../../store/records'
import { calls, resetTaroHost } from '../../../test/jest/taro-host'
import { recognizedLicense } from '../../../test/fixtures/license'
import ReviewPage from './index'

const recognized = recognizedLicense
const COPY = 'idb:front-copy'

const discard = jest.spyOn(evidenceFiles, 'discard').mockResolvedValue()
const createOp = () => useRecordsStore.getState().outbox.find((op): op is Extract<OutboxOp, { kind: 'create' }> => op.kind === 'create')

beforeEach(() => {
  resetTaroHost()
  discard.mockClear()
  act(() => {
    // No api configured in this file: every flush fails as NETWORK, so the outbox stays inspectable.
    useRecordsStore.setState({ records: [], outbox: [] })
    useDraftStore.getState().clear()
    useDraftStore.getState().startFromRecognition({ license: recognized, provider: 'paddle', photoPath: 'blob:x/1', evidencePath: COPY })
  })
})

test('the photo is attached by default, with the line saying it is kept only for verification and when it goes', async () => {
  render(<ReviewPage />)
  expect(screen.getByText(EVIDENCE_NOTICE)).toBeTruthy()
  expect(EVIDENCE_NOTICE).toBe('照片仅供核验使用，核验完成 30 天后自动删除')
  expect(screen.getByText(EVIDENCE_SWITCH_LABEL)).toBeTruthy()
  fireEvent.click(screen.getByText('确认保存'))
  expect(createOp()?.evidence).toEqual([{ side: 'front', path: COPY }])
  expect(discard).not.toHaveBeenCalled()
  expect(calls.switchTab).toEqual(['/pages/records/index'])
})

test('switched off: the record goes without it and the local copy is deleted', async () => {
  const { container } = render(<ReviewPage />)
  await act(async () => void fireEvent.click(container.querySelector('.nut-switch')!))
  await waitFor(() => expect(screen.getByText(EVIDENCE_OFF_TEXT)).toBeTruthy())
  expect(useDraftStore.getState().draft!.attachEvidence).toBe(false)
  fireEvent.click(screen.getByText('确认保存'))
  expect(createOp()).toBeDefined()
  expect(createOp()).not.toHaveProperty('evidence')
  expect(discard).toHaveBeenCalledWith(COPY)
})

test('a draft without a kept photo (an edit) shows neither line nor switch', () => {
  act(() => useDraftStore.getState().startEditing({ id: 'srv-1', license: recognized }))
  render(<ReviewPage />)
  expect(screen.queryByText(EVIDENCE_NOTICE)).toBeNull()
  expect(screen.queryByText(EVIDENCE_SWITCH_LABEL)).toBeNull()
})

test('rescanning a saved record: the next scan edits it and its photo replaces the old one', () => {
  const saved = { id: 'srv-1', license: recognized, recognized, status: 'pending' as const, version: 1, createdAt: 'x', updatedAt: 'x', sync: 'synced' as const }
  act(() => {
    useRecordsStore.setState({ records: [saved], outbox: [] })
    useDraftStore.getState().startEditing({ id: 'srv-1', license: recognized })
  })
  render(<ReviewPage />)
  fireEvent.click(screen.getByText('重新扫描'))
  expect(useDraftStore.getState()).toMatchObject({ draft: null, rescanOf: 'srv-1' })
  expect(calls.switchTab).toEqual(['/pages/scan/index'])

  // What the scan page does with the next recognition:
  act(() => useDraftStore.getState().startFromRecognition({ license: { ...recognized, owner: '张三丰' }, provider: 'paddle', evidencePath: 'idb:rescan' }))
  fireEvent.click(screen.getByText('保存修改'))
  const update = useRecordsStore.getState().outbox.find((op) => op.kind === 'update')
  expect(update).toMatchObject({ recordId: 'srv-1', license: { owner: '张三丰' }, evidence: [{ side: 'front', path: 'idb:rescan' }] })
})

test('leaving a new scan for another one deletes its copy', () => {
  render(<ReviewPage />)
  fireEvent.click(screen.getByText('重新扫描'))
  expect(discard).toHaveBeenCalledWith(COPY)
  expect(useDraftStore.getState().rescanOf).toBeNull()
})
