import { Injectable } from '@nestjs/common';
import { shownListings } from './domain/shown-listings.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import type { ListSuppliersQuery } from './dto/list-suppliers.query.js';
import type { FieldProvenance, SupplierDetail, SupplierPage, UploadRef } from './dto/supplier.views.js';
import { disagreements, type FieldOrigin, fieldOrigins, nameAliases } from './domain/field-sources.js';
import type { UploadRow } from './suppliers.repository.js';
import { toSupplierSummary } from './dto/supplier.views.js';
import { SuppliersRepository } from './suppliers.repository.js';
import { AssessmentsRepository } from '../assessments/assessments.repository.js';
import { priorityReason } from '../scoring/domain/priority.js';

@Injectable()
export class SuppliersService {
  constructor(
    private readonly suppliers: SuppliersRepository,
    private readonly assessments: AssessmentsRepository,
  ) {}

  async list(query: ListSuppliersQuery): Promise<SupplierPage> {
    const { items, total } = await this.suppliers.findPage(query);
    return { items: items.map(toSupplierSummary), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<SupplierDetail> {
    const supplier = await this.suppliers.findById(id);
    if (!supplier) {
      throw new NotFoundError('Supplier', id);
    }
    const [history, assessment, listings] = await Promise.all([
      this.assessments.history(id),
      this.assessments.current(id),
      this.suppliers.listingsOf(id),
    ]);
    const sources = supplier.sources;
    const origins = fieldOrigins(sources);
    const conflicts = disagreements(sources);
    // Every value's upload is the upload of the list claim it comes from.
    const claims = Object.entries(sources.lists);
    const batchIds = claims.flatMap(([, claim]) => (claim.batch ? [claim.batch] : []));
    const [uploads, lists] = await Promise.all([
      this.suppliers.uploads(batchIds),
      this.suppliers.sourceListNames(claims.map(([listId]) => listId)),
    ]);
    const uploadById = new Map(uploads.map((u) => [u.id, toUploadRef(u)]));
    const listById = new Map(lists.map((l) => [l.id, l]));
    const provenanceOf = (origin: FieldOrigin): FieldProvenance => ({
      list: listById.get(origin.listId) ?? { id: origin.listId, name: 'Unknown list', legacy: false },
      upload: origin.batch ? (uploadById.get(origin.batch) ?? null) : null,
      rowNumber: origin.row,
      since: origin.since,
    });
    return {
      ...toSupplierSummary(supplier),
      profile: supplier.profile,
      assessment,
      priorityReason: assessment
        ? priorityReason({ ...assessment, openScreeningHits: supplier.screening?.openHits ?? 0 })
        : null,
      history: history.map((a) => ({
        id: a.id,
        assessedAt: a.assessedAt.toISOString(),
        assessmentDate: a.assessmentDate,
        score: a.score,
        tier: a.tier,
        ruleSetHash: a.ruleSetHash,
        trigger: a.trigger,
        cause:
          a.trigger === 'import'
            ? {
                kind: 'import',
                upload: a.importBatchId && a.fileName ? { id: a.importBatchId, fileName: a.fileName } : null,
                list:
                  a.sourceListId && a.sourceListName
                    ? {
                        id: a.sourceListId,
                        name: a.sourceListName,
                        legacy: listById.get(a.sourceListId)?.legacy ?? false,
                      }
                    : null,
              }
            : a.trigger === 'merge'
              ? { kind: 'merge' }
              : a.trigger === 'screening'
                ? { kind: 'screening' }
                : { kind: 'rescore', ruleSetHash: a.ruleSetHash },
      })),
      listings: shownListings(listings).map((l) => ({
        list: { id: l.listId, name: l.listName, legacy: l.legacy },
        externalRef: l.externalRef,
        name: l.name,
        matchEvidence: l.matchEvidence,
        upload:
          l.batchId && l.fileName && l.uploadedAt
            ? toUploadRef({ id: l.batchId, fileName: l.fileName, uploadedAt: l.uploadedAt })
            : null,
        rowNumber: l.rowNumber,
        current: l.inLatestUpload,
      })),
      provenance: Object.fromEntries(
        Object.entries(origins).map(([field, origin]) => [field, provenanceOf(origin)]),
      ),
      disagreements: conflicts.map((conflict) => ({
        field: conflict.field,
        values: conflict.values.map((v) => ({
          ...provenanceOf({ listId: v.listId, batch: v.batch, row: v.row, since: v.since }),
          value: v.value,
        })),
      })),
      aliases: nameAliases(sources),
      inferred: sources.inferred ?? {},
    };
  }
}

function toUploadRef(upload: UploadRow): UploadRef {
  return { id: upload.id, fileName: upload.fileName, uploadedAt: new Date(upload.uploadedAt).toISOString() };
}
