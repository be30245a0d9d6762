import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Ip, Post, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { loginRequest, ROLES, type LoginRequest, type LoginResponse } from '@switchyard/contracts';
import { Public, Roles } from '../../core/auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../../core/auth/principal';
import { SessionTokenProvider } from '../../core/auth/session-token.provider';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { ApiZodBody } from '../../core/http/api-schema';
import { ZodPipe } from '../../core/http/zod-validation.pipe';
import { UsersService } from '../users/users.service';
import { LoginRateLimiter } from './login-rate-limiter';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: SessionTokenProvider,
    private readonly limiter: LoginRateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiZodBody(loginRequest)
  async login(@Body(new ZodPipe(loginRequest)) body: LoginRequest, @Ip() ip: string): Promise<LoginResponse> {
    const key = `${ip}|${body.email.toLowerCase()}`;
    const wait = await this.limiter.retryAfter(key);
    if (wait > 0) {
      throw new HttpException(
        { statusCode: 429, error: 'Too Many Requests', message: `Too many failed logins; try again in ${wait} s.`, retryAfterSeconds: wait },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const user = await this.users.authenticate(body.email, body.password);
    if (!user) {
      await this.limiter.fail(key);
      throw new UnauthorizedException('Wrong email or password.');
    }
    await this.limiter.succeed(key);
    const { token, expiresAt } = this.tokens
      .get()
      .sign({ sub: user.id, email: user.email, role: user.role }, this.config.sessionTtlHours * 3600);
    return { token, expiresAt: expiresAt.toISOString(), user: { id: user.id, email: user.email, role: user.role } };
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiBearerAuth()
  me(@CurrentPrincipal() p: Principal) {
    if (p.kind !== 'user') throw new UnauthorizedException();
    return { id: p.id, email: p.email, role: p.role };
  }
}
