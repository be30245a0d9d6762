import { CoreSchema1764400000000 } from './1764400000000-core-schema';

/** Every migration, in order. Listed explicitly: no globs. A merged migration is never edited. */
export const MIGRATIONS = [CoreSchema1764400000000];
