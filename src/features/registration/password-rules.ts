import type { PasswordPolicy } from '../../matrix/requirements';
import type { Message } from './page-error';

export interface PasswordRule {
  message: Message;
  met: (password: string) => boolean;
}

/** The server's published policy (MSC2000) as rules a person can read and see ticked. */
export function passwordRules(policy: PasswordPolicy | undefined): PasswordRule[] {
  if (!policy) return [];
  const rules: PasswordRule[] = [];
  const length = policy['m.minimum_length'];
  // In code points, as Synapse counts them (Python's len()): an emoji is one, not two UTF-16 units.
  if (typeof length === 'number' && length > 0)
    rules.push({
      message: { id: 'password.rule.length', values: { count: length } },
      met: (p) => Array.from(p).length >= length,
    });
  if (policy['m.require_digit']) rules.push({ message: { id: 'password.rule.digit' }, met: (p) => /\d/.test(p) });
  if (policy['m.require_symbol'])
    rules.push({ message: { id: 'password.rule.symbol' }, met: (p) => /[^a-zA-Z0-9]/.test(p) });
  if (policy['m.require_uppercase'])
    rules.push({ message: { id: 'password.rule.uppercase' }, met: (p) => /[A-Z]/.test(p) });
  if (policy['m.require_lowercase'])
    rules.push({ message: { id: 'password.rule.lowercase' }, met: (p) => /[a-z]/.test(p) });
  return rules;
}

/**
 * A rough strength from 0 to 4: length and variety, less when it contains the username or is one
 * repeated character. An indication only; the server's rules above are what it enforces.
 */
export function passwordStrength(password: string, username: string): number {
  if (password === '') return 0;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z0-9]/].filter((pattern) => pattern.test(password)).length;
  let score = password.length >= 16 ? 3 : password.length >= 12 ? 2 : password.length >= 8 ? 1 : 0;
  if (classes >= 3) score += 1;
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) score -= 2;
  if (/^(.)\1*$/.test(password)) score = 0;
  return Math.max(0, Math.min(4, score));
}
