import type { Metafile } from 'esbuild';

export interface BundleFile {
  path: string;
  code: Uint8Array;
  minBytes: number;
  gzipBytes: number;
}

export declare const BUDGET_BYTES: number;
/** The entry file (what the script tag loads) plus every file of the build. */
export declare function bundleElement(options?: { outdir?: string }): Promise<
  BundleFile & { files: BundleFile[]; totalGzipBytes: number; metafile: Metafile }
>;
