import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { SupplierFilterQuery } from '../../suppliers/dto/list-suppliers.query.js';

export class DataGapsExportQuery extends SupplierFilterQuery {
  @ApiProperty({
    description: 'The indicatorId of a question from GET /dashboard/data-gaps',
    example: 'recruitment.fees-paid-by-workers',
  })
  @IsString({ message: 'question must be the indicatorId of a question from GET /dashboard/data-gaps' })
  @Length(1, 200, { message: 'question must be the indicatorId of a question from GET /dashboard/data-gaps' })
  question!: string;
}
