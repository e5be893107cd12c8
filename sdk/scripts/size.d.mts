export declare const BROWSER_BUDGET: number;
export declare const ROOT_BUDGET: number;
export type Entry = string | { contents: string; resolveDir: string; sourcefile: string; loader: 'ts' };
export declare const ENTRIES: { browser: Entry; root: Entry; publisher: Entry; testing: Entry };
export interface EntrySize {
  minified: number;
  gzip: number;
  inputs: Array<{ file: string; bytes: number }>;
}
export declare function measure(entry: Entry): Promise<EntrySize>;
export declare function measureAll(): Promise<Record<keyof typeof ENTRIES, EntrySize>>;
