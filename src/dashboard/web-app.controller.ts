import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Public } from '../auth/roles.js';
import { AssetNotFoundError, CONTENT_SECURITY_POLICY, findWebRoot, WebNotBuiltError } from './web-assets.js';

const MODULE_DIR = dirname(fileURLToPath(import.meta.url));

/**
 * Serves the built dashboard: the page at `/` and at every `/app/...` address (so a deep link or a reload
 * works), its hashed files under `/assets/`. Nothing else: API routes and `/api/docs` are never answered here,
 * and an unknown API path still gets the JSON 404.
 */
@ApiExcludeController()
@Public()
@Controller()
export class WebAppController {
  private root: string | undefined;

  @Get(['', 'app', 'app/*path'])
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Referrer-Policy', 'same-origin')
  async page(): Promise<string> {
    // Read each time (it is tiny): a rebuild changes the hashed asset names it points to.
    return readFile(join(this.webRoot(), 'index.html'), 'utf8');
  }

  @Get('assets/*path')
  async asset(@Param('path') path: string[] | string, @Res() response: Response): Promise<void> {
    const relative = Array.isArray(path) ? path.join('/') : path;
    // Source maps are not part of the build; should one be copied in, it is not served either.
    if (relative.endsWith('.map')) {
      throw new AssetNotFoundError(relative);
    }
    const root = join(this.webRoot(), 'assets');
    try {
      await new Promise<void>((resolve, reject) => {
        // File names carry a content hash, so a browser may keep them for good.
        response.sendFile(
          relative,
          {
            root,
            maxAge: '365d',
            immutable: true,
            dotfiles: 'deny',
            headers: { 'X-Content-Type-Options': 'nosniff' },
          },
          (error?: Error) => (error ? reject(error) : resolve()),
        );
      });
    } catch (error) {
      if (response.headersSent) {
        throw error;
      }
      throw new AssetNotFoundError(relative);
    }
  }

  private webRoot(): string {
    this.root ??= findWebRoot(MODULE_DIR);
    if (!this.root) {
      throw new WebNotBuiltError();
    }
    return this.root;
  }
}
