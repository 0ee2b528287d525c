// `node scripts/mutation/survivors.mjs [report.json…]`: the surviving and uncovered mutants of a
// Stryker JSON report (default: every report in reports/mutation/), one line each: file:line,
// mutator, the original code and its replacement. For reading what the tests miss.
import fs from 'node:fs'
import path from 'node:path'

const DIR = 'reports/mutation'
const args = process.argv.slice(2)
const files = args.length ? args : fs.readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.incremental.json')).map((f) => path.join(DIR, f))
const oneLine = (text) => text.replace(/\s+/g, ' ').trim()
const clip = (text, n = 90) => (text.length > n ? `${text.slice(0, n - 1)}…` : text)

for (const file of files) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'))
  console.log(`# ${file}`)
  for (const [name, result] of Object.entries(report.files)) {
    const lines = result.source.split('\n')
    const open = result.mutants
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column)
    if (open.length === 0) continue
    console.log(`\n${name} (${open.length})`)
    for (const m of open) {
      const { start, end } = m.location
      const original =
        start.line === end.line
          ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
          : [lines[start.line - 1].slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1].slice(0, end.column - 1)].join(' ')
      const tag = m.status === 'NoCoverage' ? 'nocov' : 'surv '
      console.log(`  ${tag} ${start.line}:${start.column} ${m.mutatorName}: ${clip(oneLine(original), 70)} -> ${clip(oneLine(m.replacement ?? ''), 50)}`)
    }
  }
}
