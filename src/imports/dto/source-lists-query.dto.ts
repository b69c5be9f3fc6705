import { IsOptional, IsString, Length } from 'class-validator';

export class SourceListsQueryDto {
  @IsOptional()
  @IsString()
  @Length(1, 255)
  proposeFor?: string;
}
