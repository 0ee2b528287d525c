// Synthetic 行驶证 photos with ground truth, for the OCR tests and benchmark.
//
//   npx tsx scripts/ocr/generate.ts --out /tmp/licenses [--count 20] [--class all|clean|rotated|...]
//                                   [--page both|front|back] [--seed 1] [--long-side 1280]
//   npx tsx scripts/ocr/generate.ts --fixtures [--only front-wrapped-address,...]  # rewrites test/fixtures/licenses/
//
// Needs CJK fonts (apt-get install -y fonts-noto-cjk). Each image gets a <name>.json beside it:
// { page, fields (canonical camelCase keys, text as printed), degradationClass, degradation, fonts, seed }.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { randomLicense, type LicenseData, type LicenseOptions } from './license-data'
import { CARD_HEIGHT, CARD_WIDTH, licenseSvg, type CardFonts, type Page } from './license-svg'
import { classesFromArg, CLEAN, DEGRADATION_CLASSES, renderPhoto, type Degradation, type DegradationClass } from './photo'
import { installedCardFonts, pickFonts, type FontChoice } from './fonts'
import { createRng, type Rng } from './random'
import { parseArgs } from './cli-args'

export interface Truth {
  /** null for images that are not a license. */
  page: Page | null
  fields: Record<string, string>
  degradationClass: DegradationClass | 'custom'
  degradation: Degradation
  fonts: CardFonts
  seed: number
}

export interface Sample {
  jpeg: Buffer
  truth: Truth
}

/** Canonical fields printed on a page (the back page's plate is the same field). */
export function truthFields(data: LicenseData, page: Page): Record<string, string> {
  return page === 'front' ? { ...data.front } : { ...data.back }
}

/** Benchmark classes that are about what the card holds rather than how it was photographed. */
export const CLASS_CONTENT: Partial<Record<DegradationClass, LicenseOptions>> = {
  wrappedAddr: { wrappedAddr: true },
  newEnergy: { newEnergy: true },
  company: { company: true },
  hyphenModel: { hyphenModel: true },
  zeroO: { zeroO: true },
}

/** The page a class needs (its case is printed on the front only); others draw either page. */
export const CLASS_PAGE: Partial<Record<DegradationClass, Page>> = {
  wrappedAddr: 'front',
  company: 'front',
  hyphenModel: 'front',
  zeroO: 'front',
}

export async function generateLicense(
  seed: number,
  page: Page,
  degradationClass: DegradationClass | Degradation,
  fontChoice: FontChoice,
  /** Photo size for classes that do not set their own (lowQuality does). */
  longSide?: number,
  content: LicenseOptions = typeof degradationClass === 'string' ? (CLASS_CONTENT[degradationClass] ?? {}) : {},
): Promise<Sample> {
  const rng = createRng(seed)
  const data = randomLicense(rng, content)
  const fonts = pickFonts(fontChoice, rng.pick)
  let degradation = typeof degradationClass === 'string' ? DEGRADATION_CLASSES[degradationClass](rng) : degradationClass
  if (longSide !== undefined && degradation.longSide === CLEAN.longSide) degradation = { ...degradation, longSide }
  const svg = licenseSvg(rng, page, data, fonts)
  const jpeg = await renderPhoto(svg, degradation, rng)
  return {
    jpeg,
    truth: {
      page,
      fields: truthFields(data, page),
      degradationClass: typeof degradationClass === 'string' ? degradationClass : 'custom',
      degradation,
      fonts,
      seed,
    },
  }
}

const RECEIPT_LINES = ['超市购物小票', '欢迎光临', '商品名称 数量 金额', '矿泉水 2 3.00', '面包 1 8.50', '苹果 1.2 9.60', '合计 21.10', '微信支付 21.10', '谢谢惠顾 欢迎再来']

/** A photo with Chinese text that is not a license (a shop receipt), for the "no license" path. */
export async function generateNonLicense(seed: number, fontChoice: FontChoice): Promise<Sample> {
  const rng = createRng(seed)
  const fonts = pickFonts(fontChoice, rng.pick)
  const lines = RECEIPT_LINES.map(
    (line, i) =>
      `<text x="${i === 0 ? 300 : 120}" y="${80 + i * 56}" font-family="${fonts.value}" font-size="${i === 0 ? 40 : 30}" fill="#222">${line}</text>`,
  ).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}"><rect width="100%" height="100%" fill="#fbfaf6"/>${lines}</svg>`
  const degradation = { ...CLEAN, rotationDeg: rng.float(-2, 2) }
  const jpeg = await renderPhoto(svg, degradation, rng)
  return { jpeg, truth: { page: null, fields: {}, degradationClass: 'custom', degradation, fonts, seed } }
}

export async function writeSample(dir: string, name: string, sample: Sample): Promise<string> {
  const file = path.join(dir, `${name}.jpg`)
  writeFileSync(file, sample.jpeg)
  writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(sample.truth, null, 2)}\n`)
  return file
}

/**
 * The committed fixture set: small JPEGs so CI needs no fonts to run the engine tests. Noto
 * fonts only (fonts-noto-cjk, what CI installs), so the set can be regenerated anywhere.
 */
async function writeFixtures(dir: string, fonts: FontChoice, only?: readonly string[]): Promise<void> {
  const noto: FontChoice = {
    form: fonts.form.filter((f) => f.startsWith('Noto')),
    value: fonts.value.filter((f) => f.startsWith('Noto')),
  }
  if (noto.form.length === 0 || noto.value.length === 0) throw new Error('fixtures need fonts-noto-cjk')
  mkdirSync(dir, { recursive: true })
  const small = (d: Degradation): Degradation => ({ ...d, longSide: Math.min(d.longSide, 1200), jpegQuality: Math.min(d.jpegQuality, 80) })
  const plans: [name: string, make: () => Promise<Sample>][] = [
    ['front-clean', () => generateLicense(101, 'front', small({ ...CLEAN, rotationDeg: 0.4 }), noto)],
    ['back-clean', () => generateLicense(102, 'back', small({ ...CLEAN, rotationDeg: -0.3 }), noto)],
    ['front-rotated', () => generateLicense(103, 'front', small({ ...CLEAN, rotationDeg: 6.5, cardFill: 0.78 }), noto)],
    ['back-upside-down', () => generateLicense(104, 'back', small({ ...CLEAN, rotationDeg: 2, upsideDown: true }), noto)],
    ['front-low-quality', () => generateLicense(105, 'front', { ...CLEAN, rotationDeg: -1.5, longSide: 720, jpegQuality: 40, noiseSigma: 4 }, noto)],
    ['not-a-license', () => generateNonLicense(106, noto)],
    ['front-wrapped-address', () => generateLicense(107, 'front', small({ ...CLEAN, rotationDeg: 0.8 }), noto, undefined, { wrappedAddr: true })],
    ['front-hyphen-model', () => generateLicense(108, 'front', small({ ...CLEAN, rotationDeg: -0.6 }), noto, undefined, { hyphenModel: true })],
    ['front-zero-o-engine', () => generateLicense(109, 'front', small({ ...CLEAN, rotationDeg: 0.3 }), noto, undefined, { zeroO: true })],
    // Seed 366310's clean-017: the seal's ring over the J of JPN229262, which detection leaves out.
    ['front-engine-under-seal', () => generateLicense(1238878787, 'front', 'clean', noto, 1200)],
    // Seed 525439's desk-022: 6665×2423×2781mm, whose 666 the narrowed main read merges.
    ['back-doubled-size', () => generateLicense(1454626269, 'back', 'desk', noto, 1200)],
  ]
  for (const [name, make] of plans) {
    if (only && !only.includes(name)) continue
    const file = await writeSample(dir, name, await make())
    console.log(file)
  }
}

/** Distinct, reproducible seed per (run seed, class, index). */
export const sampleSeed = (seed: number, classIndex: number, index: number): number =>
  (seed * 1_000_003 + classIndex * 10_007 + index) >>> 0


export function pagesFromArg(arg: string | undefined, rng: Rng): () => Page {
  if (arg === 'front' || arg === 'back') return () => arg
  return () => (rng.chance(0.5) ? 'front' : 'back')
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const fonts = installedCardFonts()
  if (args.fixtures) {
    await writeFixtures(path.resolve(__dirname, '../../test/fixtures/licenses'), fonts, args.only?.split(','))
    return
  }
  const out = args.out ?? path.join(process.cwd(), 'generated-licenses')
  const count = Number(args.count ?? 10)
  const seed = Number(args.seed ?? 1)
  mkdirSync(out, { recursive: true })
  const pageRng = createRng(seed ^ 0x5eed)
  const nextPage = pagesFromArg(args.page, pageRng)
  for (const cls of classesFromArg(args.class)) {
    const classIndex = Object.keys(DEGRADATION_CLASSES).indexOf(cls)
    for (let i = 0; i < count; i++) {
      const page = CLASS_PAGE[cls] ?? nextPage()
      const sample = await generateLicense(sampleSeed(seed, classIndex, i), page, cls, fonts, args['long-side'] ? Number(args['long-side']) : undefined)
      await writeSample(out, `${cls}-${String(i).padStart(3, '0')}-${page}`, sample)
    }
    console.log(`${cls}: ${count} images in ${out}`)
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
