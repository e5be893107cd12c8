import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EncodedPublish, EncodeJob } from './encode-job.js';

type Reply = { ok: true; result: EncodedPublish } | { ok: false; message: string; code: string | null };

/** An error from the encode thread, with the storage code (`busy`, `storage-full`) when it had one. */
export class EncodeError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

// From the build the worker is plain JavaScript beside the bundle. Running from TypeScript sources
// (tests, `pnpm demo`) it needs tsx's loader, registered through its API by a one-line ESM
// bootstrap (a worker's `--import` is not applied to its entry on Node 20), and the source condition.
const fromSource = import.meta.url.endsWith('.ts');
function workerEntry(): { url: URL; execArgv: string[] } {
  if (!fromSource) return { url: new URL('./publish/encode-worker.js', import.meta.url), execArgv: [] };
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./encode-worker.ts', import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(entry)});`;
  return { url: new URL(`data:text/javascript,${encodeURIComponent(boot)}`), execArgv: ['--conditions=zjmade-source'] };
}

/**
 * The main thread's side of the encode worker: one job at a time (the service serialises
 * publishes), a fresh worker after a crash, `unref` so it never keeps the process alive.
 */
export function createEncodeThread() {
  let worker: Worker | undefined;
  const spawn = () => {
    const { url, execArgv } = workerEntry();
    const w = new Worker(url, { execArgv });
    w.unref();
    w.once('exit', () => {
      if (worker === w) worker = undefined;
    });
    return w;
  };
  return {
    run(job: EncodeJob): Promise<EncodedPublish> {
      worker ??= spawn();
      const w = worker;
      return new Promise((resolve, reject) => {
        const done = () => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
        };
        const onMessage = (reply: Reply) => {
          done();
          if (reply.ok) resolve(reply.result);
          else reject(new EncodeError(reply.message, reply.code));
        };
        const onError = (error: Error) => {
          done();
          reject(new EncodeError(`encode worker failed: ${error.message}`, null));
        };
        const onExit = (code: number) => {
          done();
          reject(new EncodeError(`encode worker exited (${code})`, null));
        };
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        w.postMessage(job);
      });
    },
    async close(): Promise<void> {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}
export type EncodeThread = ReturnType<typeof createEncodeThread>;
