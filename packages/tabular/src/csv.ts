import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import type { TableRow } from './cell.js';
import { type Delimiter, sniffDelimiter } from './delimiter.js';
import { detectEncoding, type TextEncoding } from './decode.js';
import type { RowProblem } from './errors.js';

export interface CsvSource {
  encoding: TextEncoding;
  delimiter: Delimiter;
  rows: AsyncIterable<TableRow>;
  /** Rows that could not be read; complete once `rows` has been iterated to its end. */
  problems: RowProblem[];
  /** Bytes consumed so far (for progress). */
  bytesRead(): number;
}

const SAMPLE_BYTES = 64 * 1024;

async function sampleOf(input: string | Uint8Array): Promise<Uint8Array> {
  if (typeof input !== 'string') return input.subarray(0, SAMPLE_BYTES);
  const fh = await open(input, 'r');
  try {
    const buf = new Uint8Array(SAMPLE_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SAMPLE_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function decoder(encoding: TextEncoding): Transform {
  const td = new TextDecoder(encoding);
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      done(null, td.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, td.decode());
    },
  });
}

/**
 * Streams a CSV file (path) or buffer as rows, never holding the whole file as text: the
 * encoding and delimiter come from the first 64 KiB, then bytes flow through a streaming decoder
 * into csv-parse. Broken records (bad quoting) become `problems` and reading goes on.
 */
export async function openCsv(input: string | Uint8Array, options: { delimiter?: Delimiter } = {}): Promise<CsvSource> {
  const sample = await sampleOf(input);
  const { encoding, bom } = detectEncoding(sample);
  const delimiter = options.delimiter ?? sniffDelimiter(new TextDecoder(encoding).decode(sample.subarray(bom)));
  let bytesRead = 0;
  const bytes = typeof input === 'string' ? createReadStream(input, { start: bom }) : Readable.from([Buffer.from(input.buffer, input.byteOffset + bom, input.byteLength - bom)]);
  bytes.on('data', (chunk: Buffer) => {
    bytesRead += chunk.length;
  });
  const problems: RowProblem[] = [];
  const parser = parse({
    delimiter,
    info: true,
    relax_column_count: true,
    // Titles such as 5" 屏幕 carry stray quotes in unquoted fields; read them as text.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    trim: true,
    on_skip: (err: CsvError | undefined) => {
      const line = typeof err?.lines === 'number' ? err.lines : 0;
      // One broken record can raise several errors; report its row once.
      if (problems.at(-1)?.row !== line) problems.push({ row: line, reason: err?.message ?? 'unreadable CSV record' });
      return undefined;
    },
  });
  bytes.on('error', (e: Error) => parser.destroy(e));
  bytes.pipe(decoder(encoding)).pipe(parser);
  async function* rows(): AsyncGenerator<TableRow> {
    for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // A quoted field can span lines; the record's row is the line it starts on.
      let spanned = 0;
      for (const c of r.record) for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) spanned++;
      yield { row: r.info.lines - spanned, cells: r.record };
    }
  }
  return { encoding, delimiter, rows: rows(), problems, bytesRead: () => bytesRead };
}
