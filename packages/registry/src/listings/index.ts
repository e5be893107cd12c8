export { type ExportField, looksLikeExportHeader, mapExportColumns } from './export-columns.js';
export { platformOf } from './platform-names.js';
export { type ListingExport, ListingExportError, type ReadExportOptions, readListingExport } from './read-export.js';
export { type ExportRow, type Resolution, resolveExportRow } from './resolve-row.js';
