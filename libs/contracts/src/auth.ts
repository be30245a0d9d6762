import { z } from 'zod';

export const ROLES = ['admin', 'finance', 'viewer', 'reviewer'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

export const loginRequest = z.strictObject({
  email: z.email(),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: { id: string; email: string; role: Role };
}

export const createUserRequest = z.strictObject({
  email: z.email(),
  password: z.string().min(12, 'use at least 12 characters').max(1024),
  role,
});
export type CreateUserRequest = z.infer<typeof createUserRequest>;

export interface UserSummary {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
}
