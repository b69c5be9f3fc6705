import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { ApiTokenEntity } from '../auth/api-token.entity.js';
import { SessionEntity } from '../auth/session.entity.js';
import { SignInAttemptEntity } from '../auth/sign-in-attempt.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { AssessmentEntity } from '../assessments/assessment.entity.js';
import { ImportBatchEntity } from '../imports/import-batch.entity.js';
import { ImportUploadEntity } from '../imports/import-upload.entity.js';
import { ImportRejectedRowEntity } from '../imports/import-rejected-row.entity.js';
import { MappingProfileEntity } from '../imports/mapping-profile.entity.js';
import { TierSnapshotEntity } from '../dashboard/tier-snapshot.entity.js';
import { ReportEntity } from '../reports/report.entity.js';
import { RescoreJobEntity } from '../assessments/rescore-job.entity.js';
import { RuleSetEntity } from '../rules/rule-set.entity.js';
import { SupplierEntity } from '../suppliers/supplier.entity.js';
import { SupplierListingEntity } from '../suppliers/supplier-listing.entity.js';
import { SourceListEntity } from '../imports/source-list.entity.js';
import { PotentialMatchEntity } from '../matches/potential-match.entity.js';
import { ListEditionEntity } from '../screening/list-edition.entity.js';
import { ScreeningHitEntity } from '../screening/screening-hit.entity.js';
import { ScreeningRunEntity } from '../screening/screening-run.entity.js';

/** Every entity the data source knows; the app and the migration CLI share this list. */
export const ENTITIES = [
  SupplierEntity,
  ImportBatchEntity,
  ImportRejectedRowEntity,
  MappingProfileEntity,
  RuleSetEntity,
  AssessmentEntity,
  UserEntity,
  SessionEntity,
  SignInAttemptEntity,
  ApiTokenEntity,
  AuditEventEntity,
  ReportEntity,
  TierSnapshotEntity,
  ImportUploadEntity,
  RescoreJobEntity,
  SourceListEntity,
  SupplierListingEntity,
  PotentialMatchEntity,
  ListEditionEntity,
  ScreeningRunEntity,
  ScreeningHitEntity,
];
