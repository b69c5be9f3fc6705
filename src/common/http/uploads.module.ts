import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { MulterModule } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';

/**
 * Multipart uploads for every module that takes files: size-limited, one file, few small fields, written to a
 * private temp folder under a random name (the uploader's file name is data, never a path). Handlers delete the
 * file when they are done with it.
 */
export const UploadsModule = MulterModule.registerAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    const dir = config.uploads.tmpDir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return {
      storage: diskStorage({ destination: dir, filename: (_req, _file, done) => done(null, randomUUID()) }),
      limits: { fileSize: config.uploads.maxBytes, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 },
    };
  },
});
