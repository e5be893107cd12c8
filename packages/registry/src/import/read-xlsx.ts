import { readSheet, type Sheet } from './read-csv.js';

/** Reads the first worksheet of an .xlsx file; its first non-blank row is the header. */
export const readXlsx = (path: string): Promise<Sheet> => readSheet(path, 'xlsx');
