/** The roles of Quorum, from most to least privileged. */
export const ROLES = ['admin', 'reviewer', 'author'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
