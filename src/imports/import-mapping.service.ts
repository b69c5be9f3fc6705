import { Injectable } from '@nestjs/common';
import { ImportError } from './domain/import-error.js';
import { type ExplicitMapping, headerKey } from './domain/header-mapping.js';
import { proposeListName, sourceListKey } from './domain/source-list-name.js';
import type { UploadImportDto } from './dto/upload-import.dto.js';
import { ImportBatchesRepository } from './import-batches.repository.js';
import type { SourceListEntity } from './source-list.entity.js';

/** How an upload is to be mapped, decided before the file is read: what the officer sent, a named profile, or the
 * mapping saved with the upload's source list. */
export interface UploadMapping {
  /** The source list's name (as sent, else proposed from the file name) and the stored list, when it exists. */
  listName: string;
  list: SourceListEntity | null;
  /** The mapping to apply; for one saved with the list, only its headers the file has (see `forHeaders`). */
  explicit: ExplicitMapping | undefined;
  from: 'request' | 'profile' | 'list' | 'headers';
}

@Injectable()
export class ImportMappingService {
  constructor(private readonly batches: ImportBatchesRepository) {}

  async resolve(fileName: string, options: UploadImportDto): Promise<UploadMapping> {
    const listName = options.list?.trim() || proposeListName(fileName);
    const list = await this.batches.findSourceListByKey(sourceListKey(listName));
    const sent = await this.sentMapping(options);
    if (sent) {
      return { listName: list?.name ?? listName, list, explicit: sent.mapping, from: sent.from };
    }
    if (list?.mapping) {
      return { listName: list.name, list, explicit: list.mapping as ExplicitMapping, from: 'list' };
    }
    return { listName: list?.name ?? listName, list, explicit: undefined, from: 'headers' };
  }

  /**
   * The mapping for a file's headers. A mapping saved with the list describes its earlier files: a column the new
   * file no longer has is skipped, not an error. A mapping sent with this upload must name columns the file has.
   */
  forHeaders(mapping: UploadMapping, headers: readonly string[]): ExplicitMapping | undefined {
    if (mapping.from !== 'list' || !mapping.explicit) {
      return mapping.explicit;
    }
    const present = new Set(headers.map(headerKey));
    return Object.fromEntries(
      Object.entries(mapping.explicit).filter(([header]) => present.has(headerKey(header))),
    );
  }

  private async sentMapping(
    options: UploadImportDto,
  ): Promise<{ mapping: ExplicitMapping; from: 'request' | 'profile' } | undefined> {
    if (options.mapping) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(options.mapping);
      } catch {
        throw new ImportError(
          'INVALID_MAPPING',
          'The mapping is not valid JSON. Send an object such as {"Lieferant": "name"}.',
        );
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new ImportError(
          'INVALID_MAPPING',
          'The mapping must be a JSON object: header as uploaded -> field name.',
        );
      }
      return { mapping: parsed as ExplicitMapping, from: 'request' };
    }
    if (options.mappingProfile) {
      const profile = await this.batches.findMappingProfile(options.mappingProfile);
      if (!profile) {
        throw new ImportError(
          'INVALID_MAPPING',
          `There is no saved mapping profile called "${options.mappingProfile}".`,
        );
      }
      return { mapping: profile.mapping as ExplicitMapping, from: 'profile' };
    }
    return undefined;
  }
}
