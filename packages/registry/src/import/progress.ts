import cliProgress from 'cli-progress';

export interface Progress {
  start(file: string, total: number): void;
  update(done: number, rows: number): void;
  stop(): void;
}

export type ProgressMode = 'bar' | 'lines' | 'off';

/** A bar on a terminal; plain lines (every 5 %) when asked for progress without one. To stderr. */
export function createProgress(mode: ProgressMode): Progress {
  if (mode === 'off') return { start() {}, update() {}, stop() {} };
  if (mode === 'bar') {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: 'import {file} [{bar}] {percentage}% | {rows} rows', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    return {
      start: (file, total) => bar.start(total, 0, { file, rows: 0 }),
      update: (done, rows) => bar.update(done, { rows }),
      stop: () => bar.stop(),
    };
  }
  let file = '';
  let total = 1;
  let lastStep = -1;
  return {
    start(f, t) {
      file = f;
      total = Math.max(1, t);
      lastStep = -1;
    },
    update(done, rows) {
      const step = Math.floor((done / total) * 20);
      if (step > lastStep) {
        lastStep = step;
        process.stderr.write(`import: ${file} ${Math.min(100, step * 5)}% (${rows} rows)\n`);
      }
    },
    stop() {},
  };
}
