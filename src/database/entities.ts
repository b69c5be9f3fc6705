import { ImportBatchEntity } from '../imports/import-batch.entity.js';
import { SupplierEntity } from '../suppliers/supplier.entity.js';

/** Every entity the data source knows; the app and the migration CLI share this list. */
export const ENTITIES = [SupplierEntity, ImportBatchEntity];
