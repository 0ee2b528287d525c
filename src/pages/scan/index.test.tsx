/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react'
import ScanPage from './index'

test('scan page renders its title and shutter', () => {
  render(<ScanPage />)
  expect(screen.getByText('扫描行驶证')).toBeTruthy()
  expect(screen.getByText('拍照识别')).toBeTruthy()
})
