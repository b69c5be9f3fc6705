import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AuditChainService } from '../audit/audit-chain.service.js';
import type { AuditProtection } from '../database/runtime-role.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: { kind: 'postgres' | 'embedded'; reachable: boolean; error?: string };
  migrations: { applied: number; pending: string[] };
  /**
   * separate-owner: the service's role cannot rewrite the audit trail; tamper-evident: it owns the table (one
   * database URL for both), so only the hash chain shows a change (GET /audit/verify).
   */
  auditTrail?: AuditProtection;
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly chain: AuditChainService,
  ) {}

  async check(): Promise<HealthReport> {
    const kind = this.config.database.kind;
    try {
      const auditTrail = await this.chain.protection();
      const rows: { name: string }[] = await this.dataSource.query(
        `SELECT name FROM ${this.dataSource.driver.escape('migrations')}`,
      );
      const applied = new Set(rows.map((row) => row.name));
      const pending = this.dataSource.migrations
        .map((m) => m.name ?? m.constructor.name)
        .filter((n) => !applied.has(n));
      return {
        status: pending.length === 0 ? 'ok' : 'degraded',
        database: { kind, reachable: true },
        migrations: { applied: applied.size, pending },
        auditTrail,
      };
    } catch {
      // The reason stays in the server log; the probe only needs to know the database is not answering.
      return {
        status: 'degraded',
        database: { kind, reachable: false, error: 'The database did not answer.' },
        migrations: { applied: 0, pending: [] },
      };
    }
  }
}
