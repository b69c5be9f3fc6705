import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AssessmentResult } from '../scoring/domain/assessment-result.js';
import type { ScreeningFindings } from '../scoring/domain/screening-findings.js';
import { priorityScore, scoreSupplier } from '../scoring/domain/scoring-engine.js';
import type { Sector, SupplierRecord } from '../suppliers/domain/supplier-record.js';
import { compileRuleSet, type CompiledRuleSet } from './domain/compile-rule-set.js';
import { loadRuleSetFiles } from './domain/load-rule-files.js';
import { parseRuleSet, type RuleFile } from './domain/parse-rule-set.js';
import { RuleSetValidationError } from './domain/rule-set-validation-error.js';
import { RuleSetRejectedError } from './rules.errors.js';
import { RuleSetEntity } from './rule-set.entity.js';
import type { RuleSetDefinition } from './domain/rule-set-definition.js';

/** A rule set ready to score: the one in force is what imports and merges use. */
export interface ActiveRuleSet {
  hash: string;
  compiled: CompiledRuleSet;
  files: RuleFile[];
  /** `screening`: the supplier's confirmed enforcement-list hits (critical red flags) and open ones. */
  score(record: SupplierRecord, assessmentDate: string, screening?: ScreeningFindings): AssessmentResult;
  priority(result: AssessmentResult, annualSpend?: number, openScreeningHits?: number): number;
  resolveSector(raw: string): { sector: Sector; subSector?: string } | undefined;
}

/** Past rule-set versions kept compiled for explaining old assessments. */
const COMPILED_CACHE_SIZE = 4;

function activate(compiled: CompiledRuleSet, files: RuleFile[]): ActiveRuleSet {
  return {
    hash: compiled.hash,
    compiled,
    files,
    score: (record, date, screening) => scoreSupplier(record, compiled, date, screening),
    priority: (result, spend, openScreeningHits) => priorityScore({ ...result, openScreeningHits }, spend),
    resolveSector: (raw) => compiled.resolveSector(raw),
  };
}

@Injectable()
export class RulesService implements OnModuleInit {
  private readonly logger = new Logger(RulesService.name);
  private current?: ActiveRuleSet;
  private readonly compiledCache = new Map<string, CompiledRuleSet>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Refuses to start on an invalid rule set: the message lists every problem with file, indicator and field. */
  async onModuleInit(): Promise<void> {
    const files = await loadRuleSetFiles(this.config.rulesDir);
    const compiled = compileRuleSet(parseRuleSet(files));
    await this.remember(compiled);
    this.current = activate(compiled, files);
    this.logger.log(`Rule set ${compiled.name} ${compiled.version} active (${compiled.hash.slice(0, 12)})`);
  }

  active(): ActiveRuleSet {
    if (!this.current) {
      throw new Error('The rule set is not loaded yet');
    }
    return this.current;
  }

  /** Checks a draft (files that differ from the active set) without changing anything. */
  validate(draft: RuleFile[]): CompiledRuleSet {
    return this.compile(this.withActive(draft));
  }

  /**
   * Re-reads the rules folder and puts a changed set in force; an invalid set is refused and the old one stays.
   * Re-scoring the stored suppliers is the caller's business.
   */
  async reload(): Promise<{ hash: string; changed: boolean }> {
    const files = await loadRuleSetFiles(this.config.rulesDir);
    const compiled = this.compile(files);
    const previous = this.active();
    if (compiled.hash === previous.hash) {
      return { hash: compiled.hash, changed: false };
    }
    await this.remember(compiled);
    this.current = activate(compiled, files);
    this.logger.log(`Rule set reloaded: ${previous.hash.slice(0, 12)} -> ${compiled.hash.slice(0, 12)}`);
    return { hash: compiled.hash, changed: true };
  }

  /** Scores the whole portfolio with a draft and reports who would change tier; writes nothing. */
  /** Any stored rule set ready to score, also one this instance has not reloaded (every version is kept whole). */
  async ruleSet(hash: string): Promise<ActiveRuleSet> {
    const active = this.active();
    return active.hash === hash ? active : activate(await this.compiledFor(hash), []);
  }

  /**
   * Any rule set an assessment was ever made with, compiled from its stored definition: what explains an old
   * assessment. The last few are kept, so reading a page of assessments compiles each version once.
   */
  async compiledFor(hash: string): Promise<CompiledRuleSet> {
    const active = this.active();
    if (active.hash === hash) {
      return active.compiled;
    }
    const cached = this.compiledCache.get(hash);
    if (cached) {
      return cached;
    }
    const [stored] = await this.dataSource.query<{ content: RuleSetDefinition }[]>(
      'SELECT content FROM rule_sets WHERE hash = $1',
      [hash],
    );
    if (!stored) {
      throw new Error(`Rule set ${hash} is not stored`);
    }
    const compiled = compileRuleSet(stored.content);
    if (compiled.hash !== hash) {
      throw new Error(`Rule set ${hash} does not compile back to the same hash`);
    }
    if (this.compiledCache.size >= COMPILED_CACHE_SIZE) {
      const oldest = this.compiledCache.keys().next().value;
      if (oldest !== undefined) {
        this.compiledCache.delete(oldest);
      }
    }
    this.compiledCache.set(hash, compiled);
    return compiled;
  }

  private withActive(draft: RuleFile[]): RuleFile[] {
    const byPath = new Map(this.active().files.map((file) => [file.path, file]));
    for (const file of draft) {
      byPath.set(file.path, file);
    }
    return [...byPath.values()];
  }

  private compile(files: RuleFile[]): CompiledRuleSet {
    try {
      return compileRuleSet(parseRuleSet(files));
    } catch (error) {
      if (error instanceof RuleSetValidationError) {
        throw new RuleSetRejectedError(error.message, error.issues);
      }
      throw error;
    }
  }

  /** Keeps every version ever used, whole, so an old assessment can always be explained. */
  private async remember(compiled: CompiledRuleSet): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(RuleSetEntity)
      .values({
        hash: compiled.hash,
        name: compiled.name,
        version: compiled.version,
        content: compiled.content,
      })
      .orIgnore()
      .execute();
  }
}
