// SVG of a license page laid out like a real 行驶证: title, justified labels with small English
// captions, printed values (a different font, slightly misregistered), guilloche ground, red seal.
import type { LicenseData } from './license-data'
import type { Rng } from './random'

/** Card size in SVG units (the real card is 88 × 60 mm). */
export const CARD_WIDTH = 880
export const CARD_HEIGHT = 600

export interface CardFonts {
  /** Pre-printed form text (labels, title). */
  form: string
  /** Printer text (values). */
  value: string
}

export type Page = 'front' | 'back'

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Rough advance width of a string in em: CJK and full-width characters 1, others about 0.58. */
export function textWidthEm(text: string): number {
  let em = 0
  for (const c of text) em += /[\u2E80-\uFFFF]/.test(c) && c !== '×' ? 1 : 0.58
  return em
}

function text(x: number, y: number, s: string, font: string, size: number, fill: string, extra = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${font}" font-size="${size}" fill="${fill}" ${extra}>${esc(s)}</text>`
}

/** A form label spread over a fixed width, one glyph per element (librsvg lacks textLength). */
function justified(x: number, y: number, label: string, width: number, font: string, size: number): string {
  const glyphs = [...label]
  if (glyphs.length === 1) return text(x, y, label, font, size, '#1a1a1a')
  const step = (width - size) / (glyphs.length - 1)
  return glyphs.map((g, i) => text(x + i * step, y, g, font, size, '#1a1a1a')).join('')
}

/** Fits a value into maxWidth by shrinking the font, as card printers do. */
function valueText(rng: Rng, x: number, y: number, value: string, maxWidth: number, fonts: CardFonts, size: number): string {
  const fitted = Math.min(size, maxWidth / Math.max(1, textWidthEm(value)))
  // Printers are never quite in register with the form.
  return text(x + rng.float(-4, 6), y + rng.float(-3, 3), value, fonts.value, Number(fitted.toFixed(1)), '#111')
}

function guilloche(rng: Rng, tint: string): string {
  const paths: string[] = []
  const bands = rng.int(3, 5)
  for (let b = 0; b < bands; b++) {
    const baseY = rng.float(60, CARD_HEIGHT - 60)
    const amp = rng.float(20, 70)
    const period = rng.float(90, 220)
    const lines = rng.int(8, 14)
    for (let l = 0; l < lines; l++) {
      const phase = (l / lines) * Math.PI * 2
      const pts: string[] = []
      for (let x = 0; x <= CARD_WIDTH; x += 8) {
        const y = baseY + amp * Math.sin((x / period) * Math.PI * 2 + phase) + l * 2.2
        pts.push(`${x},${y.toFixed(1)}`)
      }
      paths.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${tint}" stroke-width="0.8" opacity="0.55"/>`)
    }
  }
  // Rosette in the middle of the card.
  const cx = CARD_WIDTH / 2 + rng.float(-60, 60)
  const cy = CARD_HEIGHT / 2 + rng.float(-40, 40)
  const k = rng.int(5, 9)
  for (let r = 0; r < 6; r++) {
    const pts: string[] = []
    for (let t = 0; t <= 360; t += 3) {
      const a = (t * Math.PI) / 180
      const rad = 90 + r * 14 + 25 * Math.sin(k * a + r)
      pts.push(`${(cx + rad * Math.cos(a)).toFixed(1)},${(cy + rad * Math.sin(a)).toFixed(1)}`)
    }
    paths.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${tint}" stroke-width="0.7" opacity="0.5"/>`)
  }
  return paths.join('')
}

/** Round red seal: the authority along the upper rim (one rotated glyph each), a star, a caption. */
function seal(rng: Rng, cx: number, cy: number, r: number, authority: string, font: string): string {
  const glyphs = [...authority]
  const rr = r - 14
  // Spread the glyphs over the upper 240° of the rim, centred on the top.
  const span = (240 * Math.PI) / 180
  const rim = glyphs
    .map((g, i) => {
      const a = -Math.PI / 2 - span / 2 + (span * (i + 0.5)) / glyphs.length
      const x = cx + rr * Math.cos(a)
      const y = cy + rr * Math.sin(a)
      const deg = (a * 180) / Math.PI + 90
      return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${font}" font-size="13" fill="#d2232a" text-anchor="middle" dominant-baseline="central" transform="rotate(${deg.toFixed(1)} ${x.toFixed(1)} ${y.toFixed(1)})">${esc(g)}</text>`
    })
    .join('')
  const star: string[] = []
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5
    const rad = i % 2 === 0 ? r * 0.28 : r * 0.11
    star.push(`${(cx + rad * Math.cos(a)).toFixed(1)},${(cy + rad * Math.sin(a)).toFixed(1)}`)
  }
  const rot = rng.float(-15, 15)
  return `<g opacity="${rng.float(0.55, 0.8).toFixed(2)}" transform="rotate(${rot.toFixed(1)} ${cx} ${cy})">
    <circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="#d2232a" stroke-width="4"/>
    ${rim}
    <polygon points="${star.join(' ')}" fill="#d2232a"/>
    ${text(cx - 30, cy + r * 0.55, '行驶证专用章', font, 10, '#d2232a')}
  </g>`
}

interface Row {
  y: number
  left: [label: string, english: string, value: string]
  right?: [label: string, english: string, value: string]
}

function grid(rng: Rng, rows: readonly Row[], fonts: CardFonts, layout: { leftX: number; leftW: number; leftValueX: number; rightX: number; rightW: number; rightValueX: number }): string {
  const parts: string[] = []
  const labelSize = 21
  const valueSize = 24
  for (const row of rows) {
    const [label, english, value] = row.left
    parts.push(justified(layout.leftX, row.y, label, layout.leftW, fonts.form, labelSize))
    parts.push(text(layout.leftX, row.y + 15, english, fonts.form, 9.5, '#333'))
    const leftMax = (row.right ? layout.rightX - 14 : CARD_WIDTH - 24) - layout.leftValueX
    const lines = row.right ? [value] : wrap(value, leftMax, valueSize)
    lines.forEach((line, i) =>
      parts.push(valueText(rng, layout.leftValueX, row.y + i * (valueSize + 6), line, leftMax, fonts, valueSize)),
    )
    if (row.right) {
      const [rLabel, rEnglish, rValue] = row.right
      parts.push(justified(layout.rightX, row.y, rLabel, layout.rightW, fonts.form, labelSize))
      parts.push(text(layout.rightX, row.y + 15, rEnglish, fonts.form, 9.5, '#333'))
      parts.push(valueText(rng, layout.rightValueX, row.y, rValue, CARD_WIDTH - 20 - layout.rightValueX, fonts, valueSize))
    }
  }
  return parts.join('')
}

/** Splits a long value over lines of at most maxWidth at the given size (at least 15 px). */
function wrap(value: string, maxWidth: number, size: number): string[] {
  if (textWidthEm(value) * size <= maxWidth) return [value]
  const lines: string[] = []
  let line = ''
  for (const c of value) {
    if (textWidthEm(line + c) * size > maxWidth) {
      lines.push(line)
      line = ''
    }
    line += c
  }
  if (line) lines.push(line)
  return lines
}

export function licenseSvg(rng: Rng, page: Page, data: LicenseData, fonts: CardFonts): string {
  const ground = rng.pick(['#eef4ef', '#f1f3ea', '#edf1f4', '#f4f1ea'])
  const tint = rng.pick(['#9cc3b0', '#b9a3c9', '#9db5d3', '#c9a9a9'])
  const body = page === 'front' ? frontBody(rng, data, fonts) : backBody(rng, data, fonts)
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">
  <rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" rx="14" fill="${ground}"/>
  ${guilloche(rng, tint)}
  <rect x="10" y="10" width="${CARD_WIDTH - 20}" height="${CARD_HEIGHT - 20}" rx="10" fill="none" stroke="${tint}" stroke-width="2"/>
  ${body}
</svg>`
}

function frontBody(rng: Rng, data: LicenseData, fonts: CardFonts): string {
  const f = data.front
  const title = text(CARD_WIDTH / 2, 62, '中华人民共和国机动车行驶证', fonts.form, 36, '#1a1a1a', 'text-anchor="middle" font-weight="bold"')
  const subtitle = text(CARD_WIDTH / 2, 86, "Vehicle License of the People's Republic of China", fonts.form, 13, '#333', 'text-anchor="middle"')
  const top = 140
  const step = 66
  const rows: Row[] = [
    { y: top, left: ['号牌号码', 'Plate No.', f.plateNum], right: ['车辆类型', 'Vehicle Type', f.vehicleType] },
    { y: top + step, left: ['所有人', 'Owner', f.owner] },
    { y: top + 2 * step, left: ['住址', 'Address', f.addr] },
    { y: top + 3 * step, left: ['使用性质', 'Use Character', f.useCharacter], right: ['品牌型号', 'Model', f.model] },
    { y: top + 4 * step, left: ['车辆识别代号', 'Vehicle Identification Number', f.vin] },
    { y: top + 5 * step, left: ['发动机号码', 'Engine No.', f.engineNum] },
    { y: top + 6 * step, left: ['注册日期', 'Register Date', f.registerDate], right: ['发证日期', 'Issue Date', f.issueDate] },
  ]
  const cells = grid(rng, rows, fonts, { leftX: 34, leftW: 128, leftValueX: 182, rightX: 468, rightW: 86, rightValueX: 572 })
  const stamp = seal(rng, rng.float(100, 150), rng.float(470, 520), 62, data.authority, fonts.form)
  return title + subtitle + cells + stamp
}

function backBody(rng: Rng, data: LicenseData, fonts: CardFonts): string {
  const b = data.back
  const x = data.backExtras
  const top = 70
  const step = 64
  const rows: Row[] = [
    { y: top, left: ['号牌号码', 'Plate No.', b.plateNum], right: ['档案编号', 'File No.', b.record] },
    { y: top + step, left: ['核定载人数', 'Approved Passengers', b.passengersNum], right: ['总质量', 'Gross Mass', b.totalQuality] },
    { y: top + 2 * step, left: ['整备质量', 'Unladen Mass', b.prepareQuality], right: ['核定载质量', 'Approved Load', x.approvedLoad] },
    { y: top + 3 * step, left: ['外廓尺寸', 'Overall Dimension', b.overallSize], right: ['准牵引总质量', 'Traction Mass', x.tractionMass] },
    { y: top + 4 * step, left: ['备注', 'Remarks', x.remarks] },
  ]
  const cells = grid(rng, rows, fonts, { leftX: 30, leftW: 110, leftValueX: 156, rightX: 448, rightW: 128, rightValueX: 596 })
  const inspectionY = top + 5 * step + 10
  const inspection =
    justified(30, inspectionY, '检验记录', 110, fonts.form, 21) +
    text(30, inspectionY + 15, 'Inspection Record', fonts.form, 9.5, '#333') +
    `<g opacity="0.85"><rect x="170" y="${inspectionY - 30}" width="330" height="44" fill="none" stroke="#1d4fa0" stroke-width="2"/>` +
    text(182, inspectionY, x.inspection, fonts.value, 21, '#1d4fa0') +
    '</g>'
  const bars: string[] = []
  let bx = 560
  while (bx < 840) {
    const w = rng.pick([2, 2, 3, 4, 6])
    bars.push(`<rect x="${bx}" y="520" width="${w}" height="50" fill="#222"/>`)
    bx += w + rng.pick([2, 3, 4])
  }
  return cells + inspection + bars.join('')
}
