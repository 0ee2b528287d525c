// Declared width/height from an image's header, without decoding a pixel. Pure TS over
// Uint8Array/DataView: it runs in cloud functions (no native modules there), the local server
// and the mini program alike. The dimensions are what the file *claims*; a decoder would
// allocate for them, which is why they are checked before anything decodes.
import { sniffImageKind, type ImageKind } from './image'

export type ImageHeaderReading =
  /** Header read; both sides are positive. */
  | { readonly status: 'ok'; readonly kind: ImageKind; readonly width: number; readonly height: number }
  /** No known image signature. */
  | { readonly status: 'not-image' }
  /** A known signature, but the header is cut off, malformed, or declares a zero side. */
  | { readonly status: 'unreadable'; readonly kind: ImageKind; readonly reason: string }

type Size = { width: number; height: number }
/** A reader returns the declared size, or why the header cannot be read (for logs, English). */
type HeaderReader = (bytes: Uint8Array, view: DataView) => Size | string

const READERS: Record<ImageKind, HeaderReader> = {
  jpeg: readJpeg,
  png: readPng,
  bmp: readBmp,
  gif: readGif,
  webp: readWebp,
}

/** Never throws: every read is bounds-checked, and loops are bounded by the byte length. */
export function readImageHeader(bytes: Uint8Array): ImageHeaderReading {
  const kind = sniffImageKind(bytes)
  if (kind === null) return { status: 'not-image' }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const size = READERS[kind](bytes, view)
  if (typeof size === 'string') return { status: 'unreadable', kind, reason: size }
  if (size.width <= 0 || size.height <= 0) {
    return { status: 'unreadable', kind, reason: `zero or negative dimension ${size.width}x${size.height}` }
  }
  return { status: 'ok', kind, width: size.width, height: size.height }
}

// --- JPEG -----------------------------------------------------------------------------------

/** Start-of-frame markers carrying the frame size: SOF0-3, 5-7, 9-11, 13-15 (not DHT C4, JPG C8, DAC CC). */
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])
/** Markers without a length field: TEM and RST0-7. */
const STANDALONE_MARKERS = new Set([0x01, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7])
/** A camera JPEG has about a dozen segments before its frame header; thousands means a crafted file. */
const MAX_JPEG_SEGMENTS = 1024

/** Walks the segments after SOI to the first SOFn; precision(1) height(2) width(2) follow its length. */
function readJpeg(bytes: Uint8Array, view: DataView): Size | string {
  let pos = 2 // after FF D8
  for (let segments = 0; segments < MAX_JPEG_SEGMENTS; segments++) {
    // Like libjpeg's next_marker: stray bytes before a marker and 0xFF fill bytes are skipped.
    while (pos < bytes.length && bytes[pos] !== 0xff) pos++
    while (pos < bytes.length && bytes[pos] === 0xff) pos++
    if (pos >= bytes.length) return 'truncated before the frame header'
    const marker = bytes[pos]
    pos++
    if (marker === 0x00 || STANDALONE_MARKERS.has(marker)) continue // stuffed 0xFF00, or no length
    if (marker === 0xd8) return 'second start of image before the frame header'
    if (marker === 0xd9) return 'end of image before the frame header'
    if (marker === 0xda) return 'scan data before the frame header'
    if (pos + 2 > bytes.length) return 'truncated segment length'
    const length = view.getUint16(pos)
    if (length < 2) return `segment 0xFF${hex(marker)} declares length ${length}`
    if (SOF_MARKERS.has(marker)) {
      if (length < 8) return `frame header of ${length} bytes`
      if (pos + 7 > bytes.length) return 'truncated frame header'
      return { height: view.getUint16(pos + 3), width: view.getUint16(pos + 5) }
    }
    pos += length
  }
  return `more than ${MAX_JPEG_SEGMENTS} segments before the frame header`
}

// --- PNG ------------------------------------------------------------------------------------

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
/** The PNG spec caps each side at 2^31 - 1. */
const PNG_MAX_SIDE = 0x7fffffff

/** The first chunk must be IHDR (length 13): width(4) height(4), big-endian. */
function readPng(bytes: Uint8Array, view: DataView): Size | string {
  if (bytes.length < 24) return 'truncated before IHDR'
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'damaged PNG signature'
  if (ascii(bytes, 12, 16) !== 'IHDR') return 'first chunk is not IHDR'
  if (view.getUint32(8) !== 13) return `IHDR of ${view.getUint32(8)} bytes`
  const width = view.getUint32(16)
  const height = view.getUint32(20)
  if (width > PNG_MAX_SIDE || height > PNG_MAX_SIDE) return 'IHDR side above 2^31 - 1'
  return { width, height }
}

// --- BMP ------------------------------------------------------------------------------------

/** BITMAPCOREHEADER: 16-bit unsigned sides. */
const BMP_CORE_HEADER = 12
/** BITMAPINFOHEADER and its successors (V2/V3 52/56, OS/2 64, V4 108, V5 124): signed 32-bit sides. */
const BMP_INFO_HEADERS = new Set([40, 52, 56, 64, 108, 124])

/** DIB header size at 14, then the sides; a negative height means rows stored top-down. */
function readBmp(bytes: Uint8Array, view: DataView): Size | string {
  if (bytes.length < 18) return 'truncated before the DIB header'
  const dibSize = view.getUint32(14, true)
  if (dibSize === BMP_CORE_HEADER) {
    if (bytes.length < 22) return 'truncated core header'
    return { width: view.getUint16(18, true), height: view.getUint16(20, true) }
  }
  if (!BMP_INFO_HEADERS.has(dibSize)) return `unknown DIB header size ${dibSize}`
  if (bytes.length < 26) return 'truncated info header'
  const width = view.getInt32(18, true)
  const height = view.getInt32(22, true)
  if (width < 0) return `negative width ${width}`
  return { width, height: Math.abs(height) }
}

// --- GIF ------------------------------------------------------------------------------------

/** GIF87a/GIF89a, then the logical screen: width(2) height(2), little-endian. */
function readGif(bytes: Uint8Array, view: DataView): Size | string {
  const version = ascii(bytes, 0, 6)
  if (version !== 'GIF87a' && version !== 'GIF89a') return `unknown GIF version ${JSON.stringify(version)}`
  if (bytes.length < 10) return 'truncated logical screen descriptor'
  return { width: view.getUint16(6, true), height: view.getUint16(8, true) }
}

// --- WebP -----------------------------------------------------------------------------------

/** RIFF/WEBP, then the first chunk: lossy VP8, lossless VP8L, or extended VP8X. */
function readWebp(bytes: Uint8Array, view: DataView): Size | string {
  if (bytes.length < 20) return 'truncated before the first chunk'
  const chunk = ascii(bytes, 12, 16)
  const data = 20 // after fourcc(4) and chunk size(4)
  if (chunk === 'VP8 ') {
    // Frame tag(3), start code 9D 01 2A, then 14-bit width and height (the top 2 bits are scaling).
    if (bytes.length < data + 10) return 'truncated VP8 frame header'
    if (bytes[data] & 1) return 'VP8 stream does not start with a key frame'
    if (bytes[data + 3] !== 0x9d || bytes[data + 4] !== 0x01 || bytes[data + 5] !== 0x2a) return 'bad VP8 start code'
    return { width: view.getUint16(data + 6, true) & 0x3fff, height: view.getUint16(data + 8, true) & 0x3fff }
  }
  if (chunk === 'VP8L') {
    // Signature 0x2F, then 14 bits width-1 and 14 bits height-1, little-endian bit order.
    if (bytes.length < data + 5) return 'truncated VP8L header'
    if (bytes[data] !== 0x2f) return 'bad VP8L signature'
    const bits = view.getUint32(data + 1, true)
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
  }
  if (chunk === 'VP8X') {
    // Flags(1), reserved(3), then 24-bit canvas width-1 and height-1.
    if (bytes.length < data + 10) return 'truncated VP8X header'
    return { width: uint24le(bytes, data + 4) + 1, height: uint24le(bytes, data + 7) + 1 }
  }
  return `unknown WebP chunk ${JSON.stringify(chunk)}`
}

// --- helpers --------------------------------------------------------------------------------

function ascii(bytes: Uint8Array, start: number, end: number): string {
  let text = ''
  for (let i = start; i < end && i < bytes.length; i++) text += String.fromCharCode(bytes[i])
  return text
}

function uint24le(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0')
}
