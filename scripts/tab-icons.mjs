// Renders the tab bar icons (src/assets/tab/*.png; WeChat's tabBar takes PNG only, 81×81 px
// recommended) from the SVG below, in the tabBar's color and selectedColor (src/app.config.ts).
//   node scripts/tab-icons.mjs
import sharp from 'sharp'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/assets/tab')
const COLORS = { '': '#666666', '-active': '#fa2c19' }

// 24×24 outlines, stroke 1.8: a card in a viewfinder; a stack of records.
const ICONS = {
  scan: `
    <path d="M3 8V5a2 2 0 0 1 2-2h3M16 3h3a2 2 0 0 1 2 2v3M21 16v3a2 2 0 0 1-2 2h-3M8 21H5a2 2 0 0 1-2-2v-3"/>
    <rect x="6.5" y="8" width="11" height="8" rx="1.2"/>
    <path d="M9 11h3M9 13.5h6"/>`,
  records: `
    <rect x="4" y="3" width="16" height="18" rx="2"/>
    <path d="M8 8h8M8 12h8M8 16h5"/>`,
}

for (const [name, shape] of Object.entries(ICONS)) {
  for (const [suffix, color] of Object.entries(COLORS)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="81" height="81" fill="none" stroke="${color}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${shape}</svg>`
    const file = path.join(out, `${name}${suffix}.png`)
    await sharp(Buffer.from(svg), { density: 300 }).resize(81, 81).png({ compressionLevel: 9 }).toFile(file)
    console.log(path.relative(process.cwd(), file))
  }
}
