import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './auth.guard.js';
import { type ApiTokenView, AuthService, type LoginResult, type UserView } from './auth.service.js';
import { CreateApiTokenDto, CreateUserDto, LoginDto, UpdateUserDto } from './dto/auth.dto.js';
import { CurrentPrincipal } from './principal.decorator.js';
import { Allow, AnyRole, type Principal, Public } from './roles.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in: sets the browser session cookie and returns a bearer token for API clients',
  })
  async login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    // The client's address as TRUST_PROXY says to read it (the peer, or a trusted proxy's forwarded header).
    const result = await this.auth.login(body.email, body.password, request.ip ?? 'unknown');
    this.setCookies(response, result);
    return result;
  }

  private setCookies(response: Response, result: LoginResult): void {
    // Lax, not Strict: the first-run link is opened from a terminal, which the browser treats as cross-site.
    // State changes are still guarded by the CSRF token.
    const cookie = {
      sameSite: 'lax' as const,
      secure: this.config.cookieSecure,
      path: '/',
      expires: result.expiresAt,
    };
    response.cookie(SESSION_COOKIE, result.token, { ...cookie, httpOnly: true });
    response.cookie(CSRF_COOKIE, result.csrfToken, { ...cookie, httpOnly: false });
  }

  @Get('auth/link')
  @Public()
  @ApiOperation({
    summary: 'Use a one-time sign-in link (printed at first run): sets the session, opens the dashboard',
  })
  async link(@Query('token') token: string | undefined, @Res() response: Response): Promise<void> {
    const result = await this.auth.redeemLink(token ?? '');
    this.setCookies(response, result);
    response.redirect(303, '/');
  }

  @Post('auth/logout')
  @AnyRole()
  @HttpCode(204)
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.logout(principal);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    response.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  @Get('auth/me')
  @AnyRole()
  @ApiOperation({ summary: 'Who is signed in, with which role' })
  me(@CurrentPrincipal() principal: Principal): { label: string; role: string; via: string } {
    return { label: principal.label, role: principal.role, via: principal.via };
  }

  @Get('users')
  @Allow()
  listUsers(): Promise<UserView[]> {
    return this.auth.listUsers();
  }

  @Post('users')
  @Allow()
  createUser(@Body() body: CreateUserDto): Promise<UserView> {
    return this.auth.createUser(body.email, body.role, body.password);
  }

  @Patch('users/:id')
  @Allow()
  updateUser(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.auth.updateUser(id, body);
  }

  @Get('auth/tokens')
  @Allow()
  listTokens(): Promise<ApiTokenView[]> {
    return this.auth.listApiTokens();
  }

  @Post('auth/tokens')
  @Allow()
  @ApiOperation({ summary: 'Create an API token for an integration; the token is shown in this answer only' })
  createToken(@Body() body: CreateApiTokenDto, @CurrentPrincipal() principal: Principal) {
    return this.auth.createApiToken(body.name, body.role, principal);
  }

  @Delete('auth/tokens/:id')
  @Allow()
  revokeToken(@Param('id', new ParseUUIDPipe()) id: string): Promise<ApiTokenView> {
    return this.auth.revokeApiToken(id);
  }
}
