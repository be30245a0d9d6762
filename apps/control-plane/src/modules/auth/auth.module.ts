import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { LoginRateLimiter } from './login-rate-limiter';

@Module({ imports: [UsersModule], controllers: [AuthController], providers: [LoginRateLimiter] })
export class AuthModule {}
