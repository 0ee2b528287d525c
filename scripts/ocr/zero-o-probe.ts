// 0/O glyph measurements on a kept benchmark set, labelled by the truth (tuning engine/zero-o.ts):
// every 0/O inside a code box of an engine number or model, with its width, height and size
// (zeroOSizes) against the box's digits 2-9, its gap above the 0s beside it (the relative rule
// of field-formats.ts settleZeroO) and its place in the code (first, after a hyphen, last),
// written as JSON lines.
//
//   npx tsx scripts/ocr/zero-o-probe.ts --dir DIR [--classes ..] --out rows.jsonl [--boxes boxes.jsonl]
//   (--boxes: every measured box with its glyph shapes and the truth, to try other measures offline)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createPaddleProvider } from '../../server/ocr/paddle'
import { zeroOProbe, zeroOSizes, type GlyphShape } from '../../server/ocr/engine/zero-o'
import { CLEAR_ZERO_RATIO, O_MIN_RATIO } from '../../server/ocr/field-formats'
import type { Truth } from './generate'
import { classesFromArg, type DegradationClass } from './photo'
import { parseArgs } from './cli-args'

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[s.length >> 1]! : NaN
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const dir = args.dir!
  const classes = classesFromArg(args.classes)
  const provider = createPaddleProvider()
  const rows: string[] = []
  const boxes: string[] = []
  let seen: { text: string; shapes: readonly (GlyphShape | null)[] }[] = []
  zeroOProbe.see = (text, shapes) => seen.push({ text, shapes })
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('-front.jpg') && classes.includes(f.split('-')[0] as DegradationClass))
    .sort()
  for (const f of files) {
    const truth = JSON.parse(readFileSync(path.join(dir, f.replace(/\.jpg$/, '.json')), 'utf8')) as Truth & { fonts?: { value: string } }
    seen = []
    try {
      await provider.recognize(readFileSync(path.join(dir, f)), 'photo')
    } catch {
      continue
    }
    for (const { text, shapes } of seen) {
      if (args.boxes) boxes.push(JSON.stringify({ file: f, font: truth.fonts?.value, text, shapes, model: truth.fields.model, engineNum: truth.fields.engineNum }))
      const glyphs = [...text]
      const norm = text.replace(/O/g, '0')
      for (const field of ['model', 'engineNum'] as const) {
        const want = truth.fields[field]
        if (!want) continue
        const wantNorm = want.replace(/O/g, '0')
        const run = /[A-Z0-9-]{5,}/.exec(norm)
        if (!run) continue
        const at = wantNorm.indexOf(run[0])
        if (at < 0 || wantNorm.indexOf(run[0], at + 1) >= 0) continue
        const digits = glyphs.map((g, i) => (/[2-9]/.test(g) ? shapes[i] : null)).filter((s): s is GlyphShape => s != null)
        if (digits.length === 0) continue
        const dw = median(digits.map((d) => d.width))
        const dtop = median(digits.map((d) => d.top))
        const dh = median(digits.map((d) => d.bottom - d.top))
        const sizes = zeroOSizes(text, shapes) ?? []
        const wantGlyphs = [...want]
        for (let i = run.index; i < run.index + run[0].length; i++) {
          if (glyphs[i] !== '0' && glyphs[i] !== 'O') continue
          const s = shapes[i]
          if (!s) continue
          const label = wantGlyphs[at + i - run.index]
          // As settleZeroO sees it: the other 0/O of the run not sized as an O; the gap above
          // the largest of them when a clear 0 is among them (null: none to compare with).
          const others = sizes.filter((r, j): r is number => j !== i && j >= run.index && j < run.index + run[0].length && (glyphs[j] === '0' || glyphs[j] === 'O') && r > 0 && r < O_MIN_RATIO)
          const gap = others.some((r) => r <= CLEAR_ZERO_RATIO) ? Math.round((sizes[i]! - Math.max(...others)) * 1000) / 1000 : null
          const pos = i === run.index ? 'first' : glyphs[i - 1] === '-' ? 'hyphen' : i === run.index + run[0].length - 1 ? 'last' : 'mid'
          rows.push(
            JSON.stringify({
              file: f,
              font: truth.fonts?.value,
              field,
              text,
              i,
              read: glyphs[i],
              label,
              w: s.width / dw,
              h: (s.bottom - s.top) / dh,
              top: (dtop - s.top) / dh,
              size: sizes[i],
              gap,
              pos,
              dh,
            }),
          )
        }
        break
      }
    }
  }
  writeFileSync(args.out!, rows.join('\n') + '\n')
  if (args.boxes) writeFileSync(args.boxes, boxes.join('\n') + '\n')
  console.log(`${rows.length} glyphs`)
  process.exit(0)
}

void main()
