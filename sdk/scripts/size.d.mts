export declare const BROWSER_BUDGET: number;
export declare const ENTRIES: { browser: string; publisher: string; testing: string };
export interface EntrySize {
  minified: number;
  gzip: number;
  inputs: Array<{ file: string; bytes: number }>;
}
export declare function measure(entry: string): Promise<EntrySize>;
export declare function measureAll(): Promise<Record<keyof typeof ENTRIES, EntrySize>>;
