import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CreateUserRequest, Role, UserSummary } from '@switchyard/contracts';
import { hashPassword, verifyPassword } from '../../core/auth/password';
import { AuditService } from '../audit/audit.service';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<UserSummary[]> {
    const rows = await this.dataSource.getRepository(UserEntity).find({ order: { createdAt: 'ASC' } });
    return rows.map(toSummary);
  }

  async create(req: CreateUserRequest, actor: string): Promise<UserSummary> {
    const passwordHash = await hashPassword(req.password);
    return this.dataSource.transaction(async (m) => {
      const exists = await m.getRepository(UserEntity).createQueryBuilder('u').where('lower(u.email) = lower(:e)', { e: req.email }).getExists();
      if (exists) throw new ConflictException(`A user with email ${req.email} already exists.`);
      const user = await m.getRepository(UserEntity).save({ email: req.email, passwordHash, role: req.role });
      await this.audit.record({ actor, action: 'user.create', target: user.id, details: { email: req.email, role: req.role } }, m);
      return toSummary(user);
    });
  }

  /** The user with these credentials, or null (same cost whether or not the email exists). */
  async authenticate(email: string, password: string): Promise<UserEntity | null> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    return user && ok ? user : null;
  }

  async count(): Promise<number> {
    return this.dataSource.getRepository(UserEntity).count();
  }

  /** First start: create the admin if there is no user yet. Returns true when it created one. */
  async ensureFirstAdmin(email: string, password: string): Promise<boolean> {
    if ((await this.count()) > 0) return false;
    await this.create({ email, password, role: 'admin' as Role }, 'system');
    return true;
  }
}

// A real scrypt hash of a random password, so unknown emails take as long as wrong passwords.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$Z8vQ3K7ZbY0i6uXr2pJxZ8vQ3K7ZbY0i6uXr2pJxZ8vQ3K7ZbY0i6uXr2pJxZ8vQ3K7ZbY0i6uXr2pJxZw';

function toSummary(u: UserEntity): UserSummary {
  return { id: u.id, email: u.email, role: u.role, createdAt: u.createdAt.toISOString() };
}
