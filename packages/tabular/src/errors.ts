/** Why a whole file could not be read (a bad row is a RowProblem instead, and reading goes on). */
export type TableErrorCode = 'too-large' | 'too-many-rows' | 'unreadable' | 'empty' | 'unsupported-format';

export class TableError extends Error {
  override name = 'TableError';
  constructor(
    readonly code: TableErrorCode,
    message: string,
    /** The limit that was exceeded, for `too-large` (bytes) and `too-many-rows` (rows). */
    readonly limit?: number,
  ) {
    super(message);
  }
}

/** A row the reader could not take apart; the rows around it are still read. */
export interface RowProblem {
  /** 1-based row number as a spreadsheet shows it (line number in a CSV). */
  row: number;
  reason: string;
}
