import type { HomeserverConfig } from './config.js';
import { sha256Hex, type Environment } from './environment.js';
import { codePointLength } from './user-id.js';

/** A salted SHA-256: the mock never keeps a password as given, and hashing stays cheap for benchmarks. */
export async function hashPassword(password: string, env: Environment): Promise<string> {
  const salt = env.randomString(16);
  return `${salt}$${await digest(salt, password, env)}`;
}

export async function verifyPassword(password: string, stored: string, env: Environment): Promise<boolean> {
  const [salt, hash] = stored.split('$');
  if (salt === undefined || hash === undefined) return false;
  return (await digest(salt, password, env)) === hash;
}

function digest(salt: string, password: string, env: Environment): Promise<string> {
  return sha256Hex(`${salt}:${password}`, env);
}

/** Synapse's `PasswordPolicyHandler.validate_password`: the first broken rule, in Synapse's order. */
export function passwordPolicyError(
  password: string,
  config: HomeserverConfig,
): { errcode: string; error: string } | undefined {
  const policy = config.passwordPolicy;
  if (!policy.enabled) return undefined;
  const code = (synapseCode: string) => (policy.errcodes === 'spec' ? 'M_WEAK_PASSWORD' : synapseCode);
  // In characters (code points), as Python's len() counts them, not UTF-16 units.
  if (codePointLength(password) < policy.minLength) {
    return {
      errcode: code('M_PASSWORD_TOO_SHORT'),
      error: `The password must be at least ${policy.minLength} characters long`,
    };
  }
  if (policy.requireDigit && !/\d/.test(password)) {
    return { errcode: code('M_PASSWORD_NO_DIGIT'), error: 'The password must include at least one digit' };
  }
  if (policy.requireSymbol && !/[^a-zA-Z0-9]/.test(password)) {
    return { errcode: code('M_PASSWORD_NO_SYMBOL'), error: 'The password must include at least one symbol' };
  }
  if (policy.requireUppercase && !/[A-Z]/.test(password)) {
    return {
      errcode: code('M_PASSWORD_NO_UPPERCASE'),
      error: 'The password must include at least one uppercase letter',
    };
  }
  if (policy.requireLowercase && !/[a-z]/.test(password)) {
    return {
      errcode: code('M_PASSWORD_NO_LOWERCASE'),
      error: 'The password must include at least one lowercase letter',
    };
  }
  return undefined;
}

/** MSC2000's published form, as Synapse serves it at `/password_policy`. */
export function publishedPasswordPolicy(config: HomeserverConfig): Record<string, unknown> {
  const policy = config.passwordPolicy;
  if (!policy.enabled) return {};
  return {
    'm.minimum_length': policy.minLength,
    'm.require_digit': policy.requireDigit,
    'm.require_symbol': policy.requireSymbol,
    'm.require_uppercase': policy.requireUppercase,
    'm.require_lowercase': policy.requireLowercase,
  };
}
