import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export const MATCH_DECISIONS = ['same', 'different'] as const;
export type MatchDecisionInput = (typeof MATCH_DECISIONS)[number];

export class DecideMatchDto {
  @ApiProperty({
    enum: MATCH_DECISIONS,
    description: 'same: one site, merge them with their history; different: two sites, keep them apart',
  })
  @IsIn(MATCH_DECISIONS, {
    message: 'decision must be "same" (merge the two sites) or "different" (keep both)',
  })
  decision!: MatchDecisionInput;
}

export class ListMatchesQuery {
  @ApiProperty({ required: false, enum: ['pending', 'confirmed', 'rejected'] })
  @IsIn(['pending', 'confirmed', 'rejected'], { message: 'status must be pending, confirmed or rejected' })
  status: 'pending' | 'confirmed' | 'rejected' = 'pending';
}
