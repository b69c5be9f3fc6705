import { Module } from '@nestjs/common';
import { WebAppController } from './web-app.controller.js';

/** The browser dashboard (built by `npm run build:web` into dist/public), served by the service itself. */
@Module({ controllers: [WebAppController] })
export class WebAppModule {}
