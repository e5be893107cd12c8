// Worker thread entry: runs publish encode jobs one at a time for the registry's main thread.
import { parentPort } from 'node:worker_threads';
import { storageErrorCode } from '../store/storage-errors.js';
import { type EncodeJob, runEncodeJob } from './encode-job.js';

parentPort?.on('message', (job: EncodeJob) => {
  runEncodeJob(job).then(
    (result) => {
      // Moved, not copied: a full snapshot at 10× is tens of megabytes.
      const transfer = [result.full?.bytes.buffer, result.delta?.bytes.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
      parentPort?.postMessage({ ok: true, result }, transfer);
    },
    (error: unknown) =>
      parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error), code: storageErrorCode(error) ?? null }),
  );
});
