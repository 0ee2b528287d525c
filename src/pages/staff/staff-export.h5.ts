// H5: the CSV becomes a file download through a Blob link.
import type { SaveCsv } from './staff-export.types'

export const saveCsv: SaveCsv = async (csv, filename) => {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoked later: some browsers read the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return { message: `已下载 ${filename}`, followUps: [] }
}
