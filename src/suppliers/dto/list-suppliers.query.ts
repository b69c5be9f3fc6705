import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { RISK_TIERS, type RiskTier } from '../../scoring/domain/assessment-result.js';
import { SECTORS, type Sector } from '../domain/supplier-record.js';

export const SUPPLIER_SORTS = ['priority', 'score', 'name', 'country', 'updated'] as const;
export type SupplierSort = (typeof SUPPLIER_SORTS)[number];

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
    : value;

/** Filters shared by the supplier list, the export and the portfolio report. */
export class SupplierFilterQuery {
  @ApiPropertyOptional({ description: 'Comma-separated tiers', example: 'high,critical' })
  @IsOptional()
  @Transform(toList)
  @IsIn(RISK_TIERS, { each: true, message: `tier must be one of ${RISK_TIERS.join(', ')}` })
  tier?: RiskTier[];

  @ApiPropertyOptional({ description: 'Comma-separated sectors', example: 'garments' })
  @IsOptional()
  @Transform(toList)
  @IsIn(SECTORS, { each: true, message: `sector must be one of ${SECTORS.join(', ')}` })
  sector?: Sector[];

  @ApiPropertyOptional({ description: 'Comma-separated ISO 3166 alpha-2 codes', example: 'MY,TH' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    (toList({ value }) as string[] | undefined)?.map((c) => c.toUpperCase()),
  )
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'country must be ISO 3166 alpha-2 codes such as MY or TH' })
  country?: string[];

  @ApiPropertyOptional({ description: 'Only suppliers with (true) or without (false) red flags' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'redFlag must be true or false' })
  redFlag?: boolean;

  @ApiPropertyOptional({ description: 'Text in the name, external reference, address or city' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}

export class ListSuppliersQuery extends SupplierFilterQuery {
  @ApiPropertyOptional({ enum: SUPPLIER_SORTS, default: 'priority' })
  @IsOptional()
  @IsIn(SUPPLIER_SORTS, { message: `sort must be one of ${SUPPLIER_SORTS.join(', ')}` })
  sort: SupplierSort = 'priority';

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page: number = 1;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize: number = 50;
}
