import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export class RuleFileDto {
  @ApiProperty({ example: 'indicators/workforce.yaml' })
  @IsString()
  @MaxLength(200)
  @Matches(/^(?!.*\.\.)[A-Za-z0-9_\-./]+\.(ya?ml|csv)$/, {
    message: 'path must be a rules-relative .yaml or .csv path such as indicators/workforce.yaml',
  })
  path!: string;

  @ApiProperty({ description: 'The file content' })
  @IsString()
  @MaxLength(1_000_000)
  content!: string;
}

/** A draft rule set: the files that differ from the active set (the others are taken from it). */
export class RuleSetDraftDto {
  @ApiProperty({ type: [RuleFileDto] })
  @ValidateNested({ each: true })
  @Type(() => RuleFileDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  files!: RuleFileDto[];
}
