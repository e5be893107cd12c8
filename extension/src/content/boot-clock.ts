/** Imported first by the entry so its clock starts before any other module of the script runs. */
export const bootStarted = performance.now();
