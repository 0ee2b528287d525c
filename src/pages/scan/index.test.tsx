/** @jest-environment jsdom */
import { fireEvent, render, screen } from '@testing-library/react'
import ScanPage from './index'

test('scan page shows the card guide with a hint per mode, the shutter and the album', () => {
  render(<ScanPage />)
  expect(screen.getByText('将行驶证主页放入框内，保持光线充足、字迹清晰')).toBeTruthy()
  expect(screen.getByLabelText('拍照识别')).toBeTruthy()
  expect(screen.getByText('相册')).toBeTruthy()

  fireEvent.click(screen.getByText('扫描件'))
  expect(screen.getByText('选择行驶证的扫描件或截图')).toBeTruthy()
  expect(screen.queryByText('将行驶证主页放入框内，保持光线充足、字迹清晰')).toBeNull()
})
