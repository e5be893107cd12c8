import { writeFile } from 'node:fs/promises';
import { isBusinessDate, validateUscc } from '@zjmade/sdk';
import { type CoverageReport, coverage } from '@zjmade/sdk/coverage';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { type LoadedRegistry, UsageError } from '../load-registry.js';
import { csvReport } from '../report/csv-report.js';
import { renderHtml } from '../report/html-report.js';
import { type ListingFile, ListingFileError, readListingFile } from '../report/read-listings.js';
import { type CoverageRegistryFlags, loadCoverageRegistry } from '../report/registry-source.js';
import { textSummary } from '../report/text-summary.js';

export const COVERAGE_FORMATS = ['table', 'json', 'csv', 'html'] as const;
export type CoverageFormat = (typeof COVERAGE_FORMATS)[number];

export interface CoverageFlags extends CoverageRegistryFlags {
  enterprise?: string;
  listings?: string;
  at?: string;
  format?: string;
  out?: string;
  urlColumn?: string;
  titleColumn?: string;
  storeColumn?: string;
  windows?: string;
}

export interface CoverageRunOptions {
  colour?: boolean;
  /** Show a progress bar on stderr (the caller decides: a TTY and a long input). */
  progress?: boolean;
  /** Registry already loaded (tests). */
  registry?: LoadedRegistry;
}

export interface CoverageResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  report?: CoverageReport;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const MAX_ROW_MESSAGES = 50;

function checkFlags(flags: CoverageFlags): { uscc: string; format: CoverageFormat; windows?: number[] } {
  if (!flags.enterprise) throw new UsageError('--enterprise <USCC> is required');
  if (!flags.listings) throw new UsageError('--listings FILE.csv|FILE.xlsx is required');
  const u = validateUscc(flags.enterprise);
  // Early pilot codes can fail the check character and still be real: only the shape is required.
  if (!u.ok && (u.error === 'length' || u.error === 'charset')) throw new UsageError(`--enterprise: ${u.message ?? 'not a USCC'}`);
  if (flags.at !== undefined && !isBusinessDate(flags.at) && !(ISO_INSTANT.test(flags.at) && !Number.isNaN(Date.parse(flags.at)))) {
    throw new UsageError(`--at must be a date (YYYY-MM-DD) or an ISO time with offset, got '${flags.at}'`);
  }
  const format = (flags.format ?? 'table') as CoverageFormat;
  if (!COVERAGE_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${COVERAGE_FORMATS.join(', ')}`);
  let windows: number[] | undefined;
  if (flags.windows !== undefined) {
    windows = flags.windows.split(',').map((w) => Number(w.trim()));
    if (windows.some((w) => !Number.isInteger(w) || w <= 0)) throw new UsageError('--windows takes whole days, e.g. 30,60,90');
  }
  return { uscc: u.code, format, ...(windows ? { windows } : {}) };
}

function rowMessages(file: ListingFile, report: CoverageReport): string {
  const lines = [
    ...file.unreadable.map((u) => `row ${u.row}: ${u.reason}`),
    ...report.invalid.map((e) => `row ${e.row}: ${e.reason}: ${JSON.stringify(e.listing)}`),
  ];
  const shown = lines.slice(0, MAX_ROW_MESSAGES).map((l) => `zjmade coverage: ${l}\n`);
  if (lines.length > MAX_ROW_MESSAGES) shown.push(`zjmade coverage: … and ${lines.length - MAX_ROW_MESSAGES} more bad rows (see the report)\n`);
  return shown.join('');
}

class Stages {
  private readonly bar: SingleBar | null;
  constructor(enabled: boolean) {
    this.bar = enabled
      ? new SingleBar(
          { format: 'zjmade coverage |{bar}| {stage}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
          Presets.shades_classic,
        )
      : null;
    this.bar?.start(4, 0, { stage: 'reading listings' });
  }
  /** Moves on and yields once so the bar is drawn before the next synchronous step. */
  async next(stage: string): Promise<void> {
    if (!this.bar) return;
    this.bar.increment(1, { stage });
    await new Promise((resolve) => setImmediate(resolve));
  }
  stop(): void {
    this.bar?.stop();
  }
}

/**
 * `zjmade coverage`: reads a platform export, computes coverage against the registry, writes the
 * report. Exit 0: nothing needs attention; 1: something does; 2: usage or input error.
 */
export async function runCoverage(flags: CoverageFlags, opts: CoverageRunOptions = {}): Promise<CoverageResult> {
  const fail = (message: string): CoverageResult => ({ exitCode: 2, stdout: '', stderr: `zjmade coverage: ${message}\n` });
  let checked: ReturnType<typeof checkFlags>;
  try {
    checked = checkFlags(flags);
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message);
    throw error;
  }
  const stages = new Stages(opts.progress === true);
  try {
    let file: ListingFile;
    try {
      file = await readListingFile(flags.listings!, {
        ...(flags.urlColumn ? { url: flags.urlColumn } : {}),
        ...(flags.titleColumn ? { title: flags.titleColumn } : {}),
        ...(flags.storeColumn ? { store: flags.storeColumn } : {}),
      });
    } catch (error) {
      if (error instanceof ListingFileError) return fail(error.message);
      throw error;
    }
    await stages.next('loading the registry');
    let registry: LoadedRegistry;
    try {
      registry = opts.registry ?? (await loadCoverageRegistry(flags));
    } catch (error) {
      if (error instanceof UsageError) return fail(error.message);
      throw error;
    }
    await stages.next(`checking ${file.listings.length.toLocaleString('en')} listings`);
    const report = coverage({ uscc: checked.uscc, listings: file.listings }, registry.view, {
      ...(flags.at ? { at: flags.at } : {}),
      ...(checked.windows ? { windows: checked.windows } : {}),
    });
    if (!report.enterprise) return { ...fail(`the registry does not know enterprise ${checked.uscc}`), report };
    if (file.unreadable.length) report.attention.push(`${file.unreadable.length} CSV record(s) could not be parsed.`);
    report.needsAttention = report.attention.length > 0;
    await stages.next('writing the report');
    const summary = textSummary(report, registry.label, opts.colour ?? false);
    let body: string;
    switch (checked.format) {
      case 'table':
        body = summary;
        break;
      case 'json':
        body = `${JSON.stringify({ ...report, registry: registry.label, unreadableRows: file.unreadable }, null, 2)}\n`;
        break;
      case 'csv':
        body = csvReport(report);
        break;
      case 'html':
        body = renderHtml(report, registry.label);
        break;
    }
    let stdout = body;
    let note = '';
    if (flags.out) {
      await writeFile(flags.out, body);
      // With the machine format in a file, people still get the summary on the terminal.
      stdout = checked.format === 'table' ? '' : summary;
      note = `zjmade coverage: wrote ${flags.out}\n`;
    }
    const sampleNote = report.sample && checked.format !== 'table' && !flags.out ? 'zjmade coverage: SAMPLE DATA (synthetic registry)\n' : '';
    return { exitCode: report.needsAttention ? 1 : 0, stdout, stderr: sampleNote + rowMessages(file, report) + note, report };
  } finally {
    stages.stop();
  }
}

/** Registers `zjmade coverage` on the program. */
export function registerCoverage(program: Command, write: { out: (s: string) => void; err: (s: string) => void }): void {
  program
    .command('coverage')
    .description("a brand owner's coverage: which listings are backed, what lapses soon, where the mark is claimed without backing")
    .requiredOption('--enterprise <uscc>', 'the enterprise (unified social credit code)')
    .requiredOption('--listings <file>', 'platform export: .csv or .xlsx with a URL column (and optionally title, store)')
    .option('--registry <url|dir>', 'online registry URL (with --trusted-key) or a directory written by zjmade-sample')
    .option('--snapshot <file>', 'signed snapshot file (with --trusted-key)')
    .option('--trusted-key <file>', "the publisher's public key: a JWK or JWKS file")
    .option('--at <date>', 'answer for this business date (YYYY-MM-DD, UTC+8) or ISO time; default now')
    .option('--format <format>', `output: ${COVERAGE_FORMATS.join(' | ')}`, 'table')
    .option('--out <file>', 'write the output to a file (the summary still goes to the terminal)')
    .option('--url-column <name>', 'header of the listing URL column (default: detected)')
    .option('--title-column <name>', 'header of the title column (default: detected)')
    .option('--store-column <name>', 'header of the store URL column (default: detected)')
    .option('--windows <days>', 'renewal-alert windows in days', '30,60,90')
    .action(async (flags: CoverageFlags) => {
      const result = await runCoverage(flags, {
        colour: process.stdout.isTTY === true && !process.env.NO_COLOR,
        progress: process.stderr.isTTY === true,
      });
      write.out(result.stdout);
      write.err(result.stderr);
      process.exitCode = result.exitCode;
    });
}
