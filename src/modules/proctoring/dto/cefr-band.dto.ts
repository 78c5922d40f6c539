import { ApiProperty } from '@nestjs/swagger';
import { CEFR_LEVELS, type CefrLevel } from '../../../common/cefr.js';

/** One CEFR level's range of the weighted score (0..100). */
export class CefrBandDto {
  @ApiProperty({ enum: CEFR_LEVELS, example: 'B2' }) level: CefrLevel;
  @ApiProperty({ example: 65, description: 'Lowest weighted score of this level (inclusive)' }) minScore: number;
  @ApiProperty({ example: 80, nullable: true, type: Number, description: 'Scores below this are in this level; null for C2 (up to 100)' })
  belowScore: number | null;
  @ApiProperty({ example: '65 ≤ score < 80' }) range: string;
}

export const CEFR_BANDS_DESCRIPTION =
  'Weighted score → CEFR level: A1 0–35, A2 35–50, B1 50–65, B2 65–80, C1 80–90, C2 90–100 (each lower bound inclusive, upper bound exclusive; C2 includes 100)';
