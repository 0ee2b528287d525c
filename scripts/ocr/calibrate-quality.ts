// Prints the text-sharpness measure and field accuracy against blur, noise and size, to set
// QUALITY_LIMITS in server/ocr/quality.ts:  npx tsx scripts/ocr/calibrate-quality.ts
import { createPaddleProvider } from '../../server/ocr/paddle'
import { loadPaddleEngine } from '../../server/ocr/engine/paddle-engine'
import { prepareImage, textSharpness } from '../../server/ocr/image'
import { installedCardFonts } from './fonts'
import { generateLicense } from './generate'
import { CLEAN, type Degradation } from './photo'

async function main(): Promise<void> {
  const fonts = installedCardFonts()
  const engine = await loadPaddleEngine()
  const provider = createPaddleProvider({ loadEngine: async () => engine })
  const settings: [string, Partial<Degradation>][] = [
    ['clean', {}],
    ['noise 8', { noiseSigma: 8 }],
    ['jpeg 35', { jpegQuality: 35 }],
    ['blur 1.0', { blurSigma: 1 }],
    ['blur 1.5', { blurSigma: 1.5 }],
    ['blur 2.0', { blurSigma: 2 }],
    ['blur 2.5', { blurSigma: 2.5 }],
    ['blur 3.0', { blurSigma: 3 }],
    ['blur 2.0 + noise 8', { blurSigma: 2, noiseSigma: 8 }],
    ['800 px', { longSide: 800 }],
    ['640 px', { longSide: 640 }],
  ]
  for (const [name, d] of settings) {
    const sharpness: number[] = []
    let exact = 0
    let total = 0
    for (let seed = 1; seed <= 4; seed++) {
      const sample = await generateLicense(9000 + seed, seed % 2 ? 'front' : 'back', { ...CLEAN, ...d }, fonts)
      const prepared = await prepareImage(sample.jpeg, 1280)
      const reading = await engine.readText(prepared.rgb)
      sharpness.push(textSharpness(prepared.rgb, reading.boxes.map((b) => bounds(b.quad))))
      const out = await provider.recognize(sample.jpeg, 'photo').catch(() => ({ raw: {} as Record<string, unknown> }))
      for (const [k, v] of Object.entries(sample.truth.fields)) {
        total++
        if (out.raw[k] === v) exact++
      }
    }
    console.log(`${name.padEnd(20)} sharpness ${sharpness.map((s) => s.toFixed(2)).join(' ')}  exact ${((100 * exact) / total).toFixed(0)}%`)
  }
  await engine.close()
}

function bounds(quad: readonly (readonly [number, number])[]): { x0: number; y0: number; x1: number; y1: number } {
  const xs = quad.map((p) => p[0])
  const ys = quad.map((p) => p[1])
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
