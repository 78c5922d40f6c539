import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, Length, MaxLength, MinLength } from 'class-validator';

export class UpdateClientDto {
  @ApiPropertyOptional({ example: 'Acme Retail Pvt Ltd' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @IsOptional()
  organizationName?: string;

  @ApiPropertyOptional({ example: 'Retail' })
  @IsString()
  @MaxLength(100)
  @IsOptional()
  industry?: string;

  @ApiPropertyOptional({ example: 'https://acme.example' })
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(300)
  @IsOptional()
  website?: string;

  @ApiPropertyOptional({ example: '+919812345678' })
  @IsString()
  @MaxLength(30)
  @IsOptional()
  contactPhone?: string;

  @ApiPropertyOptional()
  @IsString()
  @MaxLength(2000)
  @IsOptional()
  description?: string;

  @ApiPropertyOptional({ example: 'IN' })
  @IsString()
  @Length(2, 2)
  @IsOptional()
  country?: string;
}

export class CreateClientDto extends UpdateClientDto {
  @ApiProperty({ example: 'Acme Retail Pvt Ltd' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  declare organizationName: string;
}

export class ClientResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ nullable: true, type: String }) organizationName: string | null;
  @ApiProperty({ nullable: true, type: String }) industry: string | null;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty({ nullable: true, type: String }) contactPhone: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty() createdAt: Date;
}
