import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export const HIT_DECISIONS = ['confirm', 'dismiss'] as const;
export const HIT_STATUSES = ['open', 'confirmed', 'dismissed', 'withdrawn'] as const;
export const LIST_KINDS = ['uflpa', 'cbp-wro'] as const;

export class DecideHitDto {
  @ApiProperty({
    enum: HIT_DECISIONS,
    description:
      'confirm: the supplier is the listed party (a critical red flag citing the list); dismiss: it is not',
  })
  @IsIn(HIT_DECISIONS, {
    message: 'decision must be "confirm" (the supplier is the listed party) or "dismiss" (it is not)',
  })
  decision!: (typeof HIT_DECISIONS)[number];

  @ApiProperty({
    description: 'Why: what was checked and what it showed (auditors read it with the decision)',
    example: 'Different company: registration 91650100MA77 checked against the listed entity; other address',
  })
  @IsString({ message: 'reason must say why, in words (what was checked and what it showed)' })
  @Matches(/\S[\s\S]{8,}\S/, {
    message: 'reason must say why in at least 10 characters (what was checked and what it showed)',
  })
  @MaxLength(2000, { message: 'reason must be at most 2000 characters' })
  reason!: string;
}

export class ListHitsQuery {
  @ApiPropertyOptional({ enum: [...HIT_STATUSES, 'all'], default: 'open' })
  @IsOptional()
  @IsIn([...HIT_STATUSES, 'all'], { message: 'status must be open, confirmed, dismissed, withdrawn or all' })
  status: (typeof HIT_STATUSES)[number] | 'all' = 'open';

  @ApiPropertyOptional({ enum: LIST_KINDS })
  @IsOptional()
  @IsIn(LIST_KINDS, { message: 'list must be uflpa or cbp-wro' })
  list?: (typeof LIST_KINDS)[number];

  @ApiPropertyOptional({ description: 'One supplier’s hits' })
  @IsOptional()
  @IsUUID('all', { message: 'supplier must be a supplier id (a UUID)' })
  supplier?: string;

  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(500, { message: 'limit must be at most 500' })
  limit: number = 100;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0)
  @Max(1_000_000_000)
  offset: number = 0;
}

/** The text fields accompanying an uploaded list edition. */
export class UploadEditionDto {
  @ApiProperty({
    description: 'The date the edition describes the list as of (YYYY-MM-DD)',
    example: '2026-11-20',
  })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'asOf must be the date the edition is as of, as YYYY-MM-DD' })
  asOf!: string;

  @ApiProperty({
    description: 'Where the edition comes from: publisher and address',
    example: 'US Department of Homeland Security, UFLPA Entity List, https://www.dhs.gov/uflpa-entity-list',
  })
  @IsString()
  @Length(5, 500, { message: 'source must name the publisher and address (5 to 500 characters)' })
  source!: string;

  @ApiPropertyOptional({ description: 'What the edition covers, as reports print it' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  coverage?: string;
}

export class ListKindParam {
  @IsIn(LIST_KINDS, { message: 'the list must be uflpa or cbp-wro' })
  kind!: (typeof LIST_KINDS)[number];
}
