import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CLOCK, type Clock } from '../common/clock/clock.js';
import { isCalendarDate } from '../common/dates/iso-date.js';
import { currentRequest } from '../common/http/request-context.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import {
  parseCbpEdition,
  parseUflpaEdition,
  sha256OfBytes,
  type CbpEdition,
  type EditionInput,
  type ListKind,
  type UflpaEdition,
} from './domain/enforcement-lists.js';
import { ListEditionError } from './domain/list-edition-error.js';
import { SHIPPED_EDITIONS } from './domain/shipped-editions.js';
import { screeningLists, type ScreeningLists, type StoredEdition } from './domain/screening-context.js';
import type { ListEditionView } from './dto/screening.views.js';
import { EditionAlreadyLoadedError } from './screening.errors.js';
import { ListEditionEntity } from './list-edition.entity.js';

export type { ScreeningLists } from './domain/screening-context.js';

export interface EditionUpload {
  kind: ListKind;
  file: string;
  content: Buffer;
  asOf: string;
  source: string;
  coverage?: string;
}

const IN_FORCE_SQL = `SELECT DISTINCT ON (kind) id FROM list_editions ORDER BY kind, as_of DESC, loaded_at DESC, id`;

function parse(kind: ListKind, input: EditionInput): UflpaEdition | CbpEdition {
  return kind === 'uflpa' ? parseUflpaEdition(input) : parseCbpEdition(input);
}

function toView(row: ListEditionEntity, inForce: ReadonlySet<string>): ListEditionView {
  return {
    id: row.id,
    kind: row.kind,
    file: row.file,
    asOf: row.asOf,
    source: row.source,
    coverage: row.coverage,
    rowCount: row.rowCount,
    sha256: row.sha256,
    shipped: row.shipped,
    loadedBy: row.loadedBy,
    loadedAt: row.loadedAt.toISOString(),
    inForce: inForce.has(row.id),
  };
}

/**
 * The enforcement-list editions: the shipped ones (rules/reference/lists/) stored at start, newer ones a compliance
 * officer loads. Every edition is kept whole; the one in force for a list is the latest as-of date. A malformed
 * edition is refused whole, with every problem's file, line and column, and the edition in force stays.
 */
@Injectable()
export class ListEditionsService implements OnModuleInit {
  private readonly logger = new Logger(ListEditionsService.name);
  private cached?: ScreeningLists;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Stores each shipped edition not stored yet (a release that ships a newer one brings it in force). */
  async onModuleInit(): Promise<void> {
    for (const shipped of SHIPPED_EDITIONS) {
      const content = await readFile(join(this.config.rulesDir, 'reference', 'lists', shipped.file));
      const edition = parse(shipped.kind, { ...shipped, content });
      await this.dataSource.query(
        `INSERT INTO list_editions (kind, file, as_of, source, coverage, row_count, sha256, content, shipped)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)
         ON CONFLICT (kind, sha256) DO NOTHING`,
        [
          edition.kind,
          edition.file,
          edition.asOf,
          edition.source,
          edition.coverage ?? null,
          edition.rowCount,
          edition.sha256,
          content,
        ],
      );
    }
  }

  async inForceIds(manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(IN_FORCE_SQL);
    return rows.map((row) => row.id).sort();
  }

  /** The editions with these ids as stored: their bytes as text (what crosses to an import's staging thread). */
  async stored(editionIds: readonly string[]): Promise<StoredEdition[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        kind: ListKind;
        file: string;
        as_of: string;
        source: string;
        coverage: string | null;
        content: Buffer;
      }[]
    >(
      `SELECT id, kind, file, as_of::text AS as_of, source, coverage, content FROM list_editions WHERE id = ANY($1::uuid[])`,
      [[...editionIds]],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      file: row.file,
      asOf: row.as_of,
      source: row.source,
      coverage: row.coverage,
      content: row.content.toString('utf8'),
    }));
  }

  /** The editions with these ids, parsed and indexed (the last set asked for is kept). */
  async lists(editionIds: readonly string[]): Promise<ScreeningLists> {
    const ids = [...editionIds].sort();
    if (this.cached && this.cached.editionIds.join() === ids.join()) {
      return this.cached;
    }
    const built = screeningLists(await this.stored(ids));
    this.cached = built;
    return built;
  }

  async list(): Promise<{ items: ListEditionView[] }> {
    const rows = await this.dataSource
      .getRepository(ListEditionEntity)
      .find({ order: { kind: 'ASC', asOf: 'DESC', loadedAt: 'DESC' } });
    const inForce = new Set(await this.inForceIds());
    return { items: rows.map((row) => toView(row, inForce)) };
  }

  /**
   * Validates and stores an edition a compliance officer uploaded. Refused whole (400, every problem with file,
   * line and column) when malformed; the edition in force then stays, and the refusal is in the audit trail.
   */
  async load(upload: EditionUpload): Promise<{ edition: ListEditionView; inForce: boolean }> {
    const issues = [];
    if (!isCalendarDate(upload.asOf)) {
      issues.push({
        file: upload.file,
        message: `asOf must be the date the edition is as of, as YYYY-MM-DD (got "${upload.asOf}").`,
      });
    }
    if (upload.source.trim() === '') {
      issues.push({
        file: upload.file,
        message: 'source must say where the edition comes from (publisher and address).',
      });
    }
    let edition: UflpaEdition | CbpEdition;
    try {
      if (issues.length > 0) {
        throw new ListEditionError(issues);
      }
      edition = parse(upload.kind, {
        file: upload.file,
        content: upload.content,
        asOf: upload.asOf,
        source: upload.source.trim(),
        ...(upload.coverage?.trim() ? { coverage: upload.coverage.trim() } : {}),
      });
    } catch (error) {
      if (error instanceof ListEditionError) {
        await this.audit.record({
          action: 'screening.edition.refused',
          targetType: 'list-edition',
          targetId: upload.kind,
          summary: {
            file: upload.file,
            sha256: sha256OfBytes(upload.content),
            problems: error.issues.length,
          },
        });
      }
      throw error;
    }
    const loadedBy = currentRequest()?.principal?.label ?? null;
    const saved = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ListEditionEntity);
      const existing = await repository.findOneBy({ kind: edition.kind, sha256: edition.sha256 });
      if (existing) {
        throw new EditionAlreadyLoadedError(existing.file, existing.loadedAt);
      }
      const row = await repository.save(
        repository.create({
          kind: edition.kind,
          file: edition.file,
          asOf: edition.asOf,
          source: edition.source,
          coverage: edition.coverage ?? null,
          rowCount: edition.rowCount,
          sha256: edition.sha256,
          content: upload.content,
          shipped: false,
          loadedBy,
          loadedAt: this.clock.now(),
        }),
      );
      await this.audit.record(
        {
          action: 'screening.edition.loaded',
          targetType: 'list-edition',
          targetId: row.id,
          summary: {
            kind: edition.kind,
            file: edition.file,
            asOf: edition.asOf,
            rows: edition.rowCount,
            sha256: edition.sha256,
          },
        },
        manager,
      );
      return row;
    });
    const inForce = new Set(await this.inForceIds());
    this.logger.log({
      message: 'List edition loaded',
      kind: edition.kind,
      asOf: edition.asOf,
      inForce: inForce.has(saved.id),
    });
    return { edition: toView(saved, inForce), inForce: inForce.has(saved.id) };
  }
}
