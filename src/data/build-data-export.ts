/**
 * The object `Samtal.data.export()` resolves to and the visitor's data view
 * downloads: one shape for both, so the file a visitor takes away is exactly
 * what the API promises.
 */
import type { SamtalDataExport } from '../api/samtal-api';
import type { DataRegistry } from './create-data-registry';

export async function buildDataExport(
  site: string,
  data: DataRegistry,
  now: () => Date = () => new Date(),
): Promise<SamtalDataExport> {
  return {
    format: 'samtal-export',
    version: 1,
    site,
    exportedAt: now().toISOString(),
    ...(await data.exportAll()),
  };
}
