export { type Cell, cellText, isBlank, type TableRow } from './cell.js';
export { detectEncoding, decodeText, type TextEncoding } from './decode.js';
export { type Delimiter, sniffDelimiter } from './delimiter.js';
export { type RowProblem, TableError, type TableErrorCode } from './errors.js';
export { openCsv, type CsvSource } from './csv.js';
export { openXlsx, writeXlsx, type SheetSpec, type XlsxSource } from './xlsx.js';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS, readAllRows, readTable, type ReadTableOptions, type Table, type TableFormat } from './read-table.js';
