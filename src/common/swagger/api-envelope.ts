import { applyDecorators, HttpStatus, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from '../http/error-codes.js';

export class ApiErrorDetail {
  @ApiPropertyOptional({ example: 'email' }) field?: string;
  @ApiProperty({ example: 'email must be an email' }) message: string;
}

/** The catalogue as a Markdown list: each code with its HTTP status and meaning. */
export const ERROR_CODES_DESCRIPTION = [
  'Stable machine-readable code:',
  '',
  ...Object.entries(ERROR_CODES).map(([code, { status, description }]) => `- \`${code}\` (${status}): ${description}`),
].join('\n');

export class ApiErrorResponse {
  @ApiProperty({ enum: [false] }) success: false;
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ enum: Object.keys(ERROR_CODES), enumName: 'ErrorCode', example: 'VALIDATION_FAILED', description: ERROR_CODES_DESCRIPTION })
  error: ErrorCode;
  @ApiProperty({ example: 'The request is invalid' }) message: string;
  @ApiPropertyOptional({ type: [ApiErrorDetail] }) details?: ApiErrorDetail[];
  @ApiPropertyOptional({ example: 'req-1' }) requestId?: string;
}

interface EnvelopeOptions {
  status?: HttpStatus;
  description?: string;
  isArray?: boolean;
  paginated?: boolean;
}

/** Documents `{ success: true, data: <model> }` (or a page of models, or an array) as the response. */
export function ApiEnvelope(model: Type<unknown> | null, options: EnvelopeOptions = {}) {
  const item = model ? { $ref: getSchemaPath(model) } : { type: 'object', nullable: true };
  let data: Record<string, unknown> = item;
  if (options.isArray) data = { type: 'array', items: item };
  if (options.paginated) {
    data = {
      type: 'object',
      required: ['items', 'total', 'page', 'limit'],
      properties: {
        items: { type: 'array', items: item },
        total: { type: 'integer', example: 42 },
        page: { type: 'integer', example: 1 },
        limit: { type: 'integer', example: 20 },
      },
    };
  }
  return applyDecorators(
    ...(model ? [ApiExtraModels(model)] : []),
    ApiResponse({
      status: options.status ?? HttpStatus.OK,
      description: options.description ?? 'Success',
      schema: {
        type: 'object',
        required: ['success', 'data'],
        properties: { success: { type: 'boolean', enum: [true] }, message: { type: 'string' }, data },
      },
    }),
  );
}

/** Documents error responses in the error envelope. */
export function ApiErrors(...statuses: HttpStatus[]) {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: HttpStatus[status] ?? 'Error', type: ApiErrorResponse })));
}
