import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { serveEventDocs } from './infra/realtime/docs/serve-event-docs.js';

export const API_PREFIX = 'api/v1';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('CX Platform API')
    .setDescription(
      'One backend for the gig platform, the donor support desk and the AI support chat. ' +
        'Responses use the envelope `{ success, data }`; errors `{ success: false, statusCode, error, message, details? }`. ' +
        'Socket.IO events (real time): [/docs/events](/docs/events), AsyncAPI document [/docs/asyncapi.json](/docs/asyncapi.json).',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    useGlobalPrefix: false,
    swaggerOptions: { persistAuthorization: true },
  });
  serveEventDocs(app);
}
