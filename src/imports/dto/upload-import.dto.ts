import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

/** The text fields that may accompany the uploaded file in the multipart form. */
export class UploadImportDto {
  @ApiPropertyOptional({
    description:
      'The source list this file belongs to (created when new); by default proposed from the file name without dates and version marks',
    example: 'Vendor Master',
  })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  list?: string;

  @ApiPropertyOptional({ description: 'Sheet to read; by default the sheet that holds the supplier table' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  sheet?: string;

  @ApiPropertyOptional({
    description: 'JSON object: header as uploaded -> canonical field (or "ignore")',
    example: '{"Lieferant":"name","Land":"country"}',
  })
  @IsOptional()
  @IsString()
  @Length(2, 50_000)
  mapping?: string;

  @ApiPropertyOptional({ description: 'Use a saved mapping profile by name' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  mappingProfile?: string;

  @ApiPropertyOptional({
    description:
      '"true": save the mapping used for this upload with its source list, for the list\'s next uploads',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'saveMappingForList must be "true" or "false"' })
  saveMappingForList?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Save the mapping used for this upload under this name' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  @Matches(/^[\p{L}\p{N} ._-]+$/u, {
    message: 'saveMappingAs may hold letters, digits, spaces, dots, dashes and underscores',
  })
  saveMappingAs?: string;
}
