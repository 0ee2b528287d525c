import { createHostCheck } from './host-check'

test('loopback names on the listening port, learned after listen', () => {
  let port = 0
  const allowed = createHostCheck({ host: '127.0.0.1', allowed: [] }, () => port)
  port = 41234
  expect(['127.0.0.1:41234', 'localhost:41234', 'LocalHost:41234', '[::1]:41234'].filter(allowed)).toHaveLength(4)
  expect(['127.0.0.1', 'localhost', 'localhost:8787', 'attacker.example:41234', 'localhost.attacker.example:41234', '', undefined].some(allowed)).toBe(false)
})

test('a configured host name is served; a wildcard listen address is not a name', () => {
  expect(createHostCheck({ host: 'devbox.local', allowed: [] }, () => 8787)('devbox.local:8787')).toBe(true)
  expect(createHostCheck({ host: '::1', allowed: [] }, () => 8787)('[::1]:8787')).toBe(true)
  expect(createHostCheck({ host: '0.0.0.0', allowed: [] }, () => 8787)('0.0.0.0:8787')).toBe(false)
})

test('ALLOWED_HOSTS: a bare name matches with or without this port, name:port only itself', () => {
  const allowed = createHostCheck({ host: '0.0.0.0', allowed: ['192.168.1.5', ' dev.lan:443 '] }, () => 8787)
  expect(['192.168.1.5', '192.168.1.5:8787', 'dev.lan:443', 'DEV.LAN:443'].every(allowed)).toBe(true)
  expect(['192.168.1.5:9000', 'dev.lan', 'dev.lan:8787'].some(allowed)).toBe(false)
})
