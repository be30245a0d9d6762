import { CoreSchema1764400000000 } from './1764400000000-core-schema';
import { LoginFailures1765000000000 } from './1765000000000-login-failures';
import { ReviewPairs1764400900000 } from './1764400900000-review-pairs';
import { Rollouts1764900000000 } from './1764900000000-rollouts';
import { SpendPipeline1764800000000 } from './1764800000000-spend-pipeline';
import { SpendReadIndex1764800000001 } from './1764800000001-spend-read-index';

/** Every migration, in order. Listed explicitly: no globs. A merged migration is never edited. */
export const MIGRATIONS = [CoreSchema1764400000000, ReviewPairs1764400900000, SpendPipeline1764800000000, SpendReadIndex1764800000001, Rollouts1764900000000, LoginFailures1765000000000];
