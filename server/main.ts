// Local backend entry: `npm start` builds H5 and this (dist-server/main.js) and runs it. Embedded
// defaults, no credentials needed.
import fs from 'node:fs'
import path from 'node:path'
import { loadConfig, type ServerConfig } from './config'
import { buildApp, type FunctionHandler } from './app'
import { createLocalFileStore } from './files'
import { openSqliteQuotaStore } from './quota'
import { createRecognizeHandler } from '../functions/recognizeVehicleLicense/handler'
import { createSharpImagePreparer } from './image-prep'
import { createHostCheck } from './host-check'
import { createRecognitionQueue, queuedOcr } from './recognition-queue'
import { startUploadSweep } from './upload-sweep'
import { createLocalEvidenceStore } from './evidence-files'
import { startEvidenceSweep } from './evidence-sweep'
import { evidenceRetentionDays } from '../functions/records/evidence-retention'
import { selectOcrProvider } from '../functions/shared/ocr'
import { nonNegativeIntSetting } from '../functions/shared/settings'
import { createPaddleProvider } from './ocr/paddle'
import { createRecordsHandler } from '../functions/records/handler'
import { createLocalIsStaff, openSqliteRepo } from './records'
import { isTunedProcess, rerunTuned, tuneLibraries } from './process-tuning'

export interface RunningServer {
  url: string
  /** Runs the evidence retention sweep now (the E2E's clock: EVIDENCE_RETENTION_DAYS=0, then this). */
  sweepEvidence(): Promise<unknown>
  close(): Promise<void>
}

export async function startServer(config: ServerConfig = loadConfig()): Promise<RunningServer> {
  tuneLibraries()
  fs.mkdirSync(config.dataDir, { recursive: true })
  const uploadsDir = path.join(config.dataDir, 'uploads')
  const files = createLocalFileStore(uploadsDir)
  const quota = openSqliteQuotaStore(path.join(config.dataDir, 'quota.sqlite'))
  const repo = openSqliteRepo(config.dataDir)
  const evidence = createLocalEvidenceStore({ dir: path.join(config.dataDir, 'evidence'), uploadsDir, files, repo })
  const retentionDays = evidenceRetentionDays(config.env)
  const ocr = selectOcrProvider(config.env, { paddle: () => createPaddleProvider() })
  // One image at a time, from decode to OCR: concurrent uploads must not each hold a decode.
  const recognition = createRecognitionQueue()

  const functions: Record<string, FunctionHandler> = {
    recognizeVehicleLicense: createRecognizeHandler({
      ocr: queuedOcr(ocr, recognition),
      files,
      images: createSharpImagePreparer({ decodeQueue: recognition }),
      quota,
      dailyLimit: nonNegativeIntSetting('OCR_DAILY_LIMIT_PER_USER', config.env.OCR_DAILY_LIMIT_PER_USER, 200),
    }),
    records: createRecordsHandler({ repo, isStaff: createLocalIsStaff(config.staffOpenids), evidence }),
  }
  let port = config.port
  const app = await buildApp({
    functions,
    files,
    evidence,
    staticDir: config.staticDir,
    isAllowedHost: createHostCheck({ host: config.host, allowed: config.allowedHosts }, () => port),
    describe: () => ({ ocrProvider: ocr.name }),
  })
  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  if (typeof address === 'object' && address) port = address.port
  const sweep = startUploadSweep({ files })
  const evidenceSweep = startEvidenceSweep({ repo, store: evidence, retentionDays })
  return {
    url: `http://${config.host}:${port}`,
    sweepEvidence: () => evidenceSweep.sweepNow(),
    async close() {
      sweep.stop()
      await evidenceSweep.stop()
      await app.close()
      quota.close()
      repo.close()
    },
  }
}

if (require.main === module) {
  if (!isTunedProcess()) {
    rerunTuned()
  } else {
    startServer()
      .then(({ url }) => console.log(`行驶证识别 local backend: ${url}  (H5 app + /api)`))
      .catch((error) => {
        console.error(error)
        process.exit(1)
      })
  }
}
