// `npm run test:mutation [folder…]`: StrykerJS over each folder in turn (default: all four), then the
// mutation score per folder from the JSON reports. Outside CI (long: minutes to hours on a small box).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

const ALL = ['src/domain', 'src/store', 'functions/records', 'functions/shared/repo']
const args = process.argv.slice(2)
const report = args.includes('--report')
const folders = args.filter((a) => !a.startsWith('--'))
const chosen = folders.length ? folders : ALL

if (!report) {
  for (const folder of chosen) {
    console.log(`\n== mutation: ${folder}`)
    // Output also goes to reports/mutation/<folder>.log: an interrupted run leaves its progress there.
    fs.mkdirSync('reports/mutation', { recursive: true })
    const log = `reports/mutation/${folder.replace(/\//g, '-')}.log`
    const run = spawnSync('sh', ['-c', `npx stryker run stryker.config.mjs 2>&1 | tee ${log}`], { stdio: 'inherit', env: { ...process.env, MUTATE_FOLDER: folder } })
    if (run.status !== 0) console.error(`stryker exited with ${run.status} for ${folder}`)
  }
}

/** Score as Stryker defines it: killed + timeout over all valid mutants (no coverage + survived included). */
function score(file) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'))
  const counts = {}
  for (const result of Object.values(json.files)) for (const m of result.mutants) counts[m.status] = (counts[m.status] ?? 0) + 1
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0)
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0)
  return { score: valid ? (100 * detected) / valid : NaN, counts }
}

console.log('\nMutation score per folder (killed + timeout / valid mutants):')
for (const folder of chosen) {
  const file = `reports/mutation/${folder.replace(/\//g, '-')}.json`
  if (!fs.existsSync(file)) {
    // An unfinished run: its last progress line (tested so far, survived, timed out).
    const log = file.replace(/\.json$/, '.log')
    const progress = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('Mutation testing')).at(-1) : undefined
    const m = progress?.match(/(\d+)\/(\d+) tested \((\d+) survived, (\d+) timed out\)/)
    if (m) {
      const [tested, total, survived] = [Number(m[1]), Number(m[2]), Number(m[3])]
      const partial = (100 * (tested - survived)) / tested
      console.log(`  ${folder.padEnd(24)} unfinished: ${tested}/${total} mutants tested, ${partial.toFixed(1)}% of those detected (${survived} survived)`)
    } else console.log(`  ${folder.padEnd(24)} no report`)
    continue
  }
  const { score: s, counts } = score(file)
  const details = Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')
  console.log(`  ${folder.padEnd(24)} ${s.toFixed(1).padStart(5)}%  ${s >= 80 ? 'ok ' : 'LOW'}  (${details})`)
}
