import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { LoggerService } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { GlobalExceptionFilter } from './common/http/global-exception.filter.js';
import { RefusedRequestAudit } from './audit/refused-requests.js';
import { requestLogging } from './common/http/request-id.js';
import { refuseNulInAddress, RequestShapePipe } from './common/http/request-shape.js';
import { openDatabase } from './database/data-source.js';
import type { EmbeddedPostgresLog } from './database/embedded-postgres.js';

export interface CreateAppOptions {
  logger?: LoggerService | false;
}

/** Opens the database, applies migrations and builds the fully configured app; used by main.ts and the tests. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const logger = options.logger || undefined;
  const dataSource = await openDatabase(config.database, logger ? { log: databaseLog(logger) } : {});
  try {
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, dataSource), {
      logger: options.logger ?? false,
      abortOnError: false,
      bodyParser: false,
    });
    configureApp(app, config);
    return app;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/** The embedded server's log lines, in the service log under "Database". */
function databaseLog(logger: LoggerService): EmbeddedPostgresLog {
  return {
    error: (message) => {
      logger.error(message, undefined, 'Database');
    },
    warn: (message) => {
      logger.warn(message, 'Database');
    },
    log: (message) => {
      logger.log(message, 'Database');
    },
    debug: (message) => {
      logger.debug?.(message, 'Database');
    },
  };
}

function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.use(requestLogging);
  app.use(refuseNulInAddress);
  app.use(
    helmet({
      // The dashboard ships its own scripts and styles; nothing is loaded from elsewhere.
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
        },
      },
    }),
  );
  app.use(cookieParser());
  // Whose forwarded headers name the client (sign-in limits, audit): TRUST_PROXY, the peer itself by default.
  app.set('trust proxy', config.trustProxy);
  // JSON bodies are small (rule drafts are the largest); files come as multipart, limited per route.
  app.useBodyParser('json', { limit: '2mb' });
  app.useGlobalPipes(
    new RequestShapePipe(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  app.useGlobalFilters(new GlobalExceptionFilter(app.get(RefusedRequestAudit)));
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, credentials: true });
  }
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Vigil API')
      .setDescription('Supply-chain due diligence for forced-labour and human-trafficking risk')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
}
