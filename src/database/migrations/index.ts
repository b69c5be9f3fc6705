import { Initial1795976344873 } from './1795976344873-Initial.js';
import { ScoringAndImportDetails1795976568275 } from './1795976568275-ScoringAndImportDetails.js';
import { UsersSessionsTokensAudit1795977723904 } from './1795977723904-UsersSessionsTokensAudit.js';
import { ReportArchive1795978026603 } from './1795978026603-ReportArchive.js';
import { BackgroundJobs1795978792149 } from './1795978792149-BackgroundJobs.js';
import { TierSnapshots1795981872673 } from './1795981872673-TierSnapshots.js';
import { SupplierListIndexes1795986373344 } from './1795986373344-SupplierListIndexes.js';
import { FractionalScoresAndImportLookup1795987200000 } from './1795987200000-FractionalScoresAndImportLookup.js';
import { AssessmentResultAsJson1795988400000 } from './1795988400000-AssessmentResultAsJson.js';
import { SuppliersRoomForUpdates1795989000000 } from './1795989000000-SuppliersRoomForUpdates.js';
import { SupplierSitesAndSourceLists1796549986980 } from './1796549986980-SupplierSitesAndSourceLists.js';
import { PotentialSiteMatches1796551032573 } from './1796551032573-PotentialSiteMatches.js';
import { SourceListMapping1796551732186 } from './1796551732186-SourceListMapping.js';
import { NameMatchKeys1796553000000 } from './1796553000000-NameMatchKeys.js';
import { SupplierRanges1796560000000 } from './1796560000000-SupplierRanges.js';
import { ListingEntries1796570000000 } from './1796570000000-ListingEntries.js';
import { ListingBatchIndex1796571000000 } from './1796571000000-ListingBatchIndex.js';
import { SupplierAssessedAtDefault1796580000000 } from './1796580000000-SupplierAssessedAtDefault.js';
import { SignInAttempts1796590000000 } from './1796590000000-SignInAttempts.js';
import { AuditChain1796600000000 } from './1796600000000-AuditChain.js';
import { ImportNotes1796610000000 } from './1796610000000-ImportNotes.js';
import { EnforcementListScreening1796620000000 } from './1796620000000-EnforcementListScreening.js';
import { ScreeningRunSitesBefore1796630000000 } from './1796630000000-ScreeningRunSitesBefore.js';

// Migrations in the order they run. Add each new generated migration here; never edit a committed one.
export const MIGRATIONS = [
  Initial1795976344873,
  ScoringAndImportDetails1795976568275,
  UsersSessionsTokensAudit1795977723904,
  ReportArchive1795978026603,
  BackgroundJobs1795978792149,
  TierSnapshots1795981872673,
  SupplierListIndexes1795986373344,
  FractionalScoresAndImportLookup1795987200000,
  AssessmentResultAsJson1795988400000,
  SuppliersRoomForUpdates1795989000000,
  SupplierSitesAndSourceLists1796549986980,
  PotentialSiteMatches1796551032573,
  SourceListMapping1796551732186,
  NameMatchKeys1796553000000,
  SupplierRanges1796560000000,
  ListingEntries1796570000000,
  ListingBatchIndex1796571000000,
  SupplierAssessedAtDefault1796580000000,
  SignInAttempts1796590000000,
  AuditChain1796600000000,
  ImportNotes1796610000000,
  EnforcementListScreening1796620000000,
  ScreeningRunSitesBefore1796630000000,
];
