import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class UploadQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: read the head of the file and say how it would be imported; nothing is written',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'preview must be "true" or "false"' })
  preview?: 'true' | 'false';
}
