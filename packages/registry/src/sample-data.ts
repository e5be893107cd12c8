/**
 * @zjmade/sample-data (the synthetic registry generator and its directory format) is a development
 * dependency: a production install of the registry does not carry it. What needs it loads it here,
 * when it is used, and says how to get it when it is absent.
 */
export type SampleData = typeof import('@zjmade/sample-data');

export async function loadSampleData(usedFor: string): Promise<SampleData> {
  try {
    return await import('@zjmade/sample-data');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw e;
    throw new Error(
      `${usedFor} needs @zjmade/sample-data, a development dependency of @zjmade/registry that this install does not have. ` +
        'Run it from the zjmade workspace after `pnpm install` (which installs dev dependencies), or add it: `npm install @zjmade/sample-data`. ' +
        'Real lists are imported with `zjmade-registry import FILE...`.',
    );
  }
}
