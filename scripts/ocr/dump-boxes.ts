// Prints the engine's boxes for one image as the provider reads it (debugging the extractor):
//   npx tsx scripts/ocr/dump-boxes.ts FILE.jpg [--engine JSON] [--match REGEX]
import { readFileSync } from 'node:fs'
import { createPaddleProvider, sharedEngine } from '../../server/ocr/paddle'
import type { OcrEngine, TextReading } from '../../server/ocr/engine/paddle-engine'
import { parseArgs } from './cli-args'

async function main(): Promise<void> {
  const file = process.argv[2]!
  const args = parseArgs(process.argv.slice(3))
  const engineOptions = args.engine ? (JSON.parse(args.engine) as object) : {}
  const match = args.match ? new RegExp(args.match) : null
  let last: TextReading | null = null
  const printing: OcrEngine = {
    async readText(image) {
      last = await (await sharedEngine(engineOptions)).readText(image)
      return last
    },
    detect: async (image) => (await sharedEngine(engineOptions)).detect(image),
    close: async () => undefined,
  }
  const provider = createPaddleProvider({ loadEngine: async () => printing })
  const out = await provider.recognize(readFileSync(file), 'photo')
  for (const b of (last as TextReading | null)?.boxes ?? []) {
    if (match && !match.test(b.text)) continue
    const { quad, chars, ...rest } = b
    console.log(JSON.stringify({ ...rest, quad: quad.map((p) => p.map(Math.round)), chars: chars?.map((c) => Math.round(c * 100) / 100) }))
  }
  console.log(JSON.stringify(out.raw))
  await (await sharedEngine(engineOptions)).close()
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
