import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { HealthModule } from './health/health.module.js';
import { SuppliersModule } from './suppliers/suppliers.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { MatchesModule } from './matches/matches.module.js';
import { RulesModule } from './rules/rules.module.js';
import { AssessmentsModule } from './assessments/assessments.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ClockModule } from './common/clock/clock.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { DashboardApiModule } from './dashboard/dashboard-api.module.js';
import { WebAppModule } from './dashboard/web-app.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { ScreeningModule } from './screening/screening.module.js';

@Module({})
export class AppModule {
  /** The data source is opened (and migrated) before Nest starts, so a bad database stops start-up in one line. */
  static forRoot(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: () => Promise.resolve(dataSource),
        }),
        JobsModule,
        HealthModule,
        ClockModule,
        AuditModule,
        AuthModule,
        // Before SuppliersModule: /suppliers/export.xlsx must be matched before /suppliers/:id.
        ReportsModule,
        SuppliersModule,
        RulesModule,
        // Re-scoring after a rule change, and its routes under /rulesets.
        AssessmentsModule,
        ImportsModule,
        MatchesModule,
        ScreeningModule,
        DashboardApiModule,
        WebAppModule,
      ],
    };
  }
}
