export { generateRegistry, DEFAULT_SEED, DEFAULT_AS_OF, SAMPLE_NAME } from './generate.js';
export type { GenerateOptions } from './generate.js';
export { pickExamples, sampleRef } from './examples.js';
export type { SampleExample, SampleExamples } from './examples.js';
export { writeSampleFiles, readSampleFiles, NDJSON_FILES } from './files.js';
export type { WriteSampleOptions } from './files.js';
export { itemUrl, itemKey, shopKey } from './listing-urls.js';
export { listingTruth } from './listing-truth.js';
export type { ListingTruth } from './listing-truth.js';
