import { Module } from '@nestjs/common';
import { RulesModule } from '../rules/rules.module.js';
import { AssessmentsRepository } from './assessments.repository.js';

@Module({ imports: [RulesModule], providers: [AssessmentsRepository], exports: [AssessmentsRepository] })
export class AssessmentsModule {}
