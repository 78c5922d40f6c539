import { ApiProperty } from '@nestjs/swagger';

/** A client's review of an agent, as clients, staff and the agent read it. */
export class AgentReviewResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) gigId: string;
  @ApiProperty() opportunityTitle: string;
  @ApiProperty({ nullable: true, type: String, description: 'The reviewing client organisation' }) clientName: string | null;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating: number;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({
    nullable: true,
    type: Date,
    description: 'null while hidden (double-blind: until the agent reviewed the gig too or the review window closed); only its author and staff see it then',
  })
  publishedAt: Date | null;
  @ApiProperty() createdAt: Date;
}
