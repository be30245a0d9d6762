import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { SettingEntity } from '../database/setting.entity';
import { randomSecret } from './password';
import { SessionTokens } from './session-token';

/**
 * The signing secret comes from AUTH_SECRET, or is generated once and kept in the
 * settings table so every replica on the database signs and verifies alike.
 */
@Injectable()
export class SessionTokenProvider implements OnModuleInit {
  private tokens: SessionTokens | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    const secret = this.config.authSecret ?? (await this.storedSecret());
    this.tokens = new SessionTokens(secret);
  }

  get(): SessionTokens {
    if (!this.tokens) throw new Error('session tokens used before start-up finished');
    return this.tokens;
  }

  private async storedSecret(): Promise<string> {
    const repo = this.dataSource.getRepository(SettingEntity);
    await repo
      .createQueryBuilder()
      .insert()
      .values({ key: 'auth_secret', value: randomSecret(48) })
      .orIgnore()
      .execute();
    const row = await repo.findOneByOrFail({ key: 'auth_secret' });
    return row.value;
  }
}
