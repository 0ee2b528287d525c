// Turns a card SVG into a "photo": card placed on a desk through a homography (rotation,
// perspective), then uneven light, noise, blur, downscale and JPEG compression.
import sharp from 'sharp'
import type { Rng } from './random'
import { CARD_HEIGHT, CARD_WIDTH } from './license-svg'

export interface Degradation {
  /** In-plane rotation of the card, degrees (positive = clockwise). */
  rotationDeg: number
  /** Max corner displacement as a fraction of the card width (keystone / tilt). */
  perspective: number
  /** Strength of uneven light in [0, 1]: gradient, vignette and a soft shadow. */
  lighting: number
  /** Gaussian blur sigma in output pixels (0 = none). */
  blurSigma: number
  /** Additive Gaussian noise sigma in 8-bit levels. */
  noiseSigma: number
  jpegQuality: number
  /** Long side of the written image. */
  longSide: number
  /** Card width as a fraction of the frame width. */
  cardFill: number
  /** Card photographed the wrong way round. */
  upsideDown: boolean
}

export const CLEAN: Degradation = {
  rotationDeg: 0,
  perspective: 0,
  lighting: 0,
  blurSigma: 0,
  noiseSigma: 0,
  jpegQuality: 88,
  longSide: 1280,
  cardFill: 0.88,
  upsideDown: false,
}

/** A photo as users take them when nothing goes wrong: slight rotation and tilt, some light, a little noise. */
function mild(rng: Rng): Degradation {
  return {
    ...CLEAN,
    rotationDeg: rng.float(-3, 3),
    perspective: rng.float(0, 0.03),
    lighting: rng.float(0, 0.5),
    noiseSigma: rng.float(0, 4),
    cardFill: rng.float(0.72, 0.9),
    jpegQuality: rng.int(75, 90),
  }
}

/** Degradation classes used by the benchmark; each draws random parameters within its range. */
export const DEGRADATION_CLASSES = {
  clean: (rng: Rng): Degradation => ({ ...CLEAN, rotationDeg: rng.float(-0.7, 0.7), cardFill: rng.float(0.8, 0.92) }),
  rotated: (rng: Rng): Degradation => ({
    ...CLEAN,
    rotationDeg: rng.pick([-1, 1]) * rng.float(3, 8),
    cardFill: rng.float(0.72, 0.82),
  }),
  perspective: (rng: Rng): Degradation => ({
    ...CLEAN,
    rotationDeg: rng.float(-3, 3),
    perspective: rng.float(0.04, 0.08),
    cardFill: rng.float(0.72, 0.82),
  }),
  lighting: (rng: Rng): Degradation => ({
    ...CLEAN,
    rotationDeg: rng.float(-2, 2),
    lighting: rng.float(0.5, 1),
    noiseSigma: rng.float(2, 5),
  }),
  blurNoise: (rng: Rng): Degradation => ({
    ...CLEAN,
    rotationDeg: rng.float(-2, 2),
    blurSigma: rng.float(0.8, 1.4),
    noiseSigma: rng.float(5, 10),
    jpegQuality: rng.int(70, 85),
  }),
  lowQuality: (rng: Rng): Degradation => ({
    ...CLEAN,
    rotationDeg: rng.float(-2, 2),
    longSide: rng.int(720, 900),
    jpegQuality: rng.int(30, 50),
  }),
  /** The card on a desk, filling 40-70% of the frame width, photo 1280-2000 px. */
  desk: (rng: Rng): Degradation => ({
    ...CLEAN,
    rotationDeg: rng.float(-5, 5),
    perspective: rng.float(0, 0.04),
    lighting: rng.float(0, 0.5),
    cardFill: rng.float(0.4, 0.7),
    longSide: rng.int(1280, 2000),
  }),
  /** A phone camera's full-size photo (4000 px, before any client-side compression). */
  phone: (rng: Rng): Degradation => ({
    ...CLEAN,
    rotationDeg: rng.float(-3, 3),
    perspective: rng.float(0, 0.04),
    lighting: rng.float(0, 0.4),
    noiseSigma: rng.float(0, 3),
    cardFill: rng.float(0.55, 0.9),
    longSide: 4000,
    jpegQuality: rng.int(85, 92),
  }),
  upsideDown: (rng: Rng): Degradation => ({ ...CLEAN, rotationDeg: rng.float(-3, 3), cardFill: rng.float(0.7, 0.9), upsideDown: true }),
  // Content classes (generate.ts CLASS_CONTENT): a lightly varied photo of a card that holds the case.
  wrappedAddr: (rng: Rng): Degradation => mild(rng),
  newEnergy: (rng: Rng): Degradation => mild(rng),
  company: (rng: Rng): Degradation => mild(rng),
  hyphenModel: (rng: Rng): Degradation => mild(rng),
  zeroO: (rng: Rng): Degradation => mild(rng),
} satisfies Record<string, (rng: Rng) => Degradation>

export type DegradationClass = keyof typeof DEGRADATION_CLASSES

type Mat3 = [number, number, number, number, number, number, number, number, number]

/** Homography mapping the four `from` points onto `to` (solves the 8×8 DLT system). */
function homography(from: readonly [number, number][], to: readonly [number, number][]): Mat3 {
  const a: number[][] = []
  const b: number[] = []
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!
    const [u, v] = to[i]!
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y])
    b.push(u)
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y])
    b.push(v)
  }
  // Gaussian elimination with partial pivoting.
  for (let c = 0; c < 8; c++) {
    let pivot = c
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r
    ;[a[c], a[pivot]] = [a[pivot]!, a[c]!]
    ;[b[c], b[pivot]] = [b[pivot]!, b[c]!]
    for (let r = 0; r < 8; r++) {
      if (r === c) continue
      const f = a[r]![c]! / a[c]![c]!
      for (let k = c; k < 8; k++) a[r]![k]! -= f * a[c]![k]!
      b[r]! -= f * b[c]!
    }
  }
  const h = b.map((v, i) => v / a[i]![i]!)
  return [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!, 1]
}

const DESKS: readonly [number, number, number][] = [
  [92, 70, 52],
  [150, 120, 90],
  [60, 62, 66],
  [200, 200, 195],
  [35, 38, 45],
  [120, 130, 140],
]

/** Renders the card SVG and photographs it; returns JPEG bytes. */
export async function renderPhoto(svg: string, d: Degradation, rng: Rng): Promise<Buffer> {
  // Work at a little above the output size so downscaling adds realistic softening.
  // (Capped for 4000 px photos: rendering the frame is per-pixel JS; an upscale adds the softness
  // of a phone camera's full-size image anyway.)
  const frameW = Math.round(Math.min(Math.max(d.longSide, 1280) * 1.1, 2400))
  const frameH = Math.round(frameW * 0.75)
  const cardW = Math.round(frameW * d.cardFill)
  const cardH = Math.round((cardW * CARD_HEIGHT) / CARD_WIDTH)
  const card = await sharp(Buffer.from(svg), { density: (72 * cardW) / CARD_WIDTH })
    .resize(cardW, cardH, { fit: 'fill' })
    .ensureAlpha()
    .raw()
    .toBuffer()

  // Destination corners: centred, rotated, each corner jittered for perspective.
  const angle = (d.rotationDeg * Math.PI) / 180
  const cx = frameW / 2 + rng.float(-0.03, 0.03) * frameW
  const cy = frameH / 2 + rng.float(-0.03, 0.03) * frameH
  const jitter = d.perspective * cardW
  const dst = (
    [
      [-cardW / 2, -cardH / 2],
      [cardW / 2, -cardH / 2],
      [cardW / 2, cardH / 2],
      [-cardW / 2, cardH / 2],
    ] as const
  ).map(([x, y]): [number, number] => [
    cx + x * Math.cos(angle) - y * Math.sin(angle) + rng.float(-jitter, jitter),
    cy + x * Math.sin(angle) + y * Math.cos(angle) + rng.float(-jitter, jitter),
  ])
  const src: [number, number][] = [
    [0, 0],
    [cardW, 0],
    [cardW, cardH],
    [0, cardH],
  ]
  const inv = homography(dst, src) // frame -> card

  const desk = rng.pick(DESKS)
  const light = lightField(rng, d.lighting, frameW, frameH)
  const out = Buffer.alloc(frameW * frameH * 3)
  for (let y = 0; y < frameH; y++) {
    for (let x = 0; x < frameW; x++) {
      const w = inv[6] * x + inv[7] * y + inv[8]
      const u = (inv[0] * x + inv[1] * y + inv[2]) / w
      const v = (inv[3] * x + inv[4] * y + inv[5]) / w
      const o = (y * frameW + x) * 3
      let r = desk[0] + 6 * Math.sin(x * 0.02 + y * 0.003)
      let g = desk[1] + 6 * Math.sin(x * 0.02 + y * 0.003)
      let b = desk[2] + 6 * Math.sin(x * 0.02 + y * 0.003)
      if (u >= 0 && v >= 0 && u < cardW - 1 && v < cardH - 1) {
        const [cr, cg, cb, ca] = bilinearRgba(card, cardW, u, v)
        const alpha = ca / 255
        r = r * (1 - alpha) + cr * alpha
        g = g * (1 - alpha) + cg * alpha
        b = b * (1 - alpha) + cb * alpha
      }
      const f = light(x, y)
      const n = d.noiseSigma > 0 ? rng.gaussian() * d.noiseSigma : 0
      out[o] = clampByte(r * f + n)
      out[o + 1] = clampByte(g * f + n)
      out[o + 2] = clampByte(b * f + n)
    }
  }
  let image = sharp(out, { raw: { width: frameW, height: frameH, channels: 3 } })
  if (d.upsideDown) image = image.rotate(180)
  // Blur is applied after the downscale so its sigma is in output pixels.
  const small = await image
    .resize({ width: d.longSide, height: d.longSide, fit: 'inside', kernel: d.longSide > frameW ? 'cubic' : 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true })
  image = sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: 3 } })
  if (d.blurSigma >= 0.3) image = image.blur(d.blurSigma)
  return image.jpeg({ quality: d.jpegQuality, mozjpeg: true }).toBuffer()
}

function bilinearRgba(data: Buffer, width: number, u: number, v: number): [number, number, number, number] {
  const x0 = Math.floor(u)
  const y0 = Math.floor(v)
  const fx = u - x0
  const fy = v - y0
  const i00 = (y0 * width + x0) * 4
  const i01 = i00 + 4
  const i10 = i00 + width * 4
  const i11 = i10 + 4
  const px = (c: number): number =>
    data[i00 + c]! * (1 - fx) * (1 - fy) + data[i01 + c]! * fx * (1 - fy) + data[i10 + c]! * (1 - fx) * fy + data[i11 + c]! * fx * fy
  return [px(0), px(1), px(2), px(3)]
}

/** Brightness factor per pixel: linear gradient, vignette and a soft diagonal shadow. */
function lightField(rng: Rng, strength: number, w: number, h: number): (x: number, y: number) => number {
  if (strength <= 0) return () => 1
  const gx = rng.float(-0.5, 0.5) * strength
  const gy = rng.float(-0.5, 0.5) * strength
  const vignette = 0.35 * strength
  const shadow = rng.chance(0.6) ? rng.float(0.2, 0.4) * strength : 0
  const sx = rng.float(0.2, 0.8) * w
  const slope = rng.float(-0.6, 0.6)
  return (x, y) => {
    const nx = x / w - 0.5
    const ny = y / h - 0.5
    let f = 1 + gx * nx * 2 + gy * ny * 2 - vignette * (nx * nx + ny * ny) * 2
    if (shadow > 0) {
      const dist = x - (sx + slope * y)
      f -= shadow / (1 + Math.exp(-dist / 25))
    }
    return f
  }
}

const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v))

export function classesFromArg(arg: string | undefined): DegradationClass[] {
  const all = Object.keys(DEGRADATION_CLASSES) as DegradationClass[]
  if (!arg || arg === 'all') return all
  const chosen = arg.split(',') as DegradationClass[]
  for (const c of chosen) if (!all.includes(c)) throw new Error(`unknown class ${c}; one of ${all.join(', ')}`)
  return chosen
}
