/** The form an email is compared and stored uniquely in: NFC, trimmed, lower case. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}
