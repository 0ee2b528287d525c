// npm ci refuses a lock whose entries name optional dependencies the lock lacks. Some optional
// platform packages (other OSes' @tarojs/binding builds, NutUI's usage-stats tool) are not served by
// the registry we install from, so `npm install` leaves them out but keeps naming them. This drops
// those dangling optional names. Run after every `npm install`: `npm run lock:prune`.
import fs from 'node:fs'

const file = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(fs.readFileSync(file, 'utf8'))
const packages = lock.packages

function resolves(from, name) {
  for (let at = from; ; ) {
    if (packages[at ? `${at}/node_modules/${name}` : `node_modules/${name}`]) return true
    if (!at) return false
    const cut = at.lastIndexOf('/node_modules/')
    at = cut > 0 ? at.slice(0, cut) : ''
  }
}

let pruned = 0
for (const [path, entry] of Object.entries(packages)) {
  const optional = entry.optionalDependencies
  if (!optional) continue
  for (const name of Object.keys(optional)) {
    if (!resolves(path, name)) {
      delete optional[name]
      pruned++
      console.log(`pruned ${path} -> ${name}`)
    }
  }
  if (Object.keys(optional).length === 0) delete entry.optionalDependencies
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n')
console.log(`${pruned} dangling optional dependencies pruned`)
