import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches, ValidateIf } from 'class-validator';

/** A chain head kept outside the database (from an earlier GET /audit/verify), to check it is still in the chain. */
export class AuditVerifyDto {
  @ApiPropertyOptional({ description: 'Position of the kept head (its seq)' })
  @ValidateIf((dto: AuditVerifyDto) => dto.seq !== undefined || dto.hash !== undefined)
  @Matches(/^[1-9]\d{0,17}$/, { message: 'seq must be the whole number of a sealed event, e.g. 1234' })
  seq?: string;

  @ApiPropertyOptional({ description: 'The kept head’s hash (64 hexadecimal characters)' })
  @ValidateIf((dto: AuditVerifyDto) => dto.seq !== undefined || dto.hash !== undefined)
  @Matches(/^[0-9a-f]{64}$/, { message: 'hash must be the 64 hexadecimal characters of a chain hash' })
  hash?: string;
}
