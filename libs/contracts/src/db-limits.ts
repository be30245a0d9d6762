/**
 * Largest value of a Postgres `integer` column. Integers the API accepts and stores
 * there (versions, token counts) are bounded by it in their schemas: a larger one is
 * a 400 naming the field, never a failed query (and never a whole usage batch lost
 * to one event).
 */
export const INT4_MAX = 2_147_483_647;
