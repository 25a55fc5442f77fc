import {
  AdminProblem,
  type AdminWorld,
  type InviteToken,
  type TokenChange,
  type TokenDesk,
  type TokenDraft,
  type TokenFilter,
} from '../../matrix/admin/desk-api';
import type { DiscoveredServer } from '../../matrix/discovery';
import type { AdminApi, DeskPorts } from './desk-ports';

/** A promise of what `make` returns, rejected with what it throws. */
const settle = <T>(make: () => T): Promise<T> => new Promise((resolve) => resolve(make()));

/** A token as either world lists it, with what a test does not care about filled in. */
export function inviteToken(fields: Partial<InviteToken> & { token: string }): InviteToken {
  return {
    id: fields.token,
    usesAllowed: 1,
    timesUsed: 0,
    pending: null,
    expiresAt: null,
    revokedAt: null,
    createdAt: null,
    lastUsedAt: null,
    valid: true,
    ...fields,
  };
}

/**
 * For tests: a `TokenDesk` over an array, in either world, that records what it was asked and can
 * be told to fail its next call of a kind. Not the protocol client (src/matrix/admin/): the desk's
 * screens are tested against the contract, not against a server.
 */
export class FakeTokenDesk implements TokenDesk {
  tokens: InviteToken[];
  readonly calls: string[] = [];
  signedOut = 0;
  signedOutOnUnload = 0;
  private failures = new Map<string, AdminProblem>();
  remove?: (id: string) => Promise<void>;
  revoke?: (id: string) => Promise<InviteToken>;
  restore?: (id: string) => Promise<InviteToken>;

  constructor(
    readonly world: AdminWorld,
    tokens: InviteToken[] = [],
    readonly adminId = '@admin:example.org',
  ) {
    this.tokens = [...tokens];
    if (world === 'synapse') {
      this.remove = (id) =>
        settle(() => {
          this.take('remove', id);
          this.tokens = this.tokens.filter((token) => token.id !== id);
        });
    } else {
      this.revoke = (id) => settle(() => this.change('revoke', id, { revokedAt: Date.now(), valid: false }));
      this.restore = (id) => settle(() => this.change('restore', id, { revokedAt: null, valid: true }));
    }
  }

  /** The next call of `method` rejects with `problem`. */
  failNext(method: 'list' | 'create' | 'update' | 'remove' | 'revoke' | 'restore', problem: AdminProblem): void {
    this.failures.set(method, problem);
  }

  private take(method: string, detail = ''): void {
    this.calls.push(detail ? `${method} ${detail}` : method);
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      throw failure;
    }
  }

  private change(method: string, id: string, fields: Partial<InviteToken>, detail = id): InviteToken {
    this.take(method, detail);
    const found = this.tokens.find((token) => token.id === id);
    if (!found) throw new AdminProblem('no-such-token');
    const changed = { ...found, ...fields };
    this.tokens = this.tokens.map((token) => (token.id === id ? changed : token));
    return changed;
  }

  list(filter: TokenFilter): Promise<InviteToken[]> {
    return settle(() => {
      this.take('list', filter);
      return this.tokens.filter((token) => filter === 'all' || token.valid === (filter === 'valid'));
    });
  }

  create(draft: TokenDraft): Promise<InviteToken> {
    return settle(() => {
      this.take('create', JSON.stringify(draft));
      const made = inviteToken({
        token: draft.token ?? `random${String(this.tokens.length + 1)}`,
        usesAllowed: draft.usesAllowed,
        expiresAt: draft.expiresAt,
        ...(this.world === 'synapse' ? { pending: 0 } : {}),
      });
      this.tokens = [made, ...this.tokens];
      return made;
    });
  }

  update(id: string, change: TokenChange): Promise<InviteToken> {
    return settle(() => this.change('update', id, change, `${id} ${JSON.stringify(change)}`));
  }

  signOut(): Promise<void> {
    this.signedOut += 1;
    return Promise.resolve();
  }

  signOutOnUnload(): void {
    this.signedOutOnUnload += 1;
  }
}

export const SYNAPSE_API: AdminApi = { world: 'synapse', homeserver: 'https://matrix.example.org' };

export const MAS_API: AdminApi = {
  world: 'mas',
  homeserver: 'https://matrix.example.org',
  issuer: 'https://auth.example.org/',
  adminBase: 'https://auth.example.org/api/admin/v1/',
  oauth: {
    issuer: 'https://auth.example.org/',
    canCreate: true,
    responseMode: 'fragment',
    issInAnswer: true,
    endpoints: {
      authorization: 'https://auth.example.org/authorize',
      token: 'https://auth.example.org/oauth2/token',
      registration: 'https://auth.example.org/oauth2/registration',
    },
  },
};

const SERVER: DiscoveredServer = {
  baseUrl: 'https://matrix.example.org',
  prefix: '/_matrix/client/v3',
  serverName: 'example.org',
};

/** Ports that find `api` and sign in to `desk`, each replaceable by a test. */
export function fakePorts(
  api: AdminApi,
  desk: TokenDesk,
  overrides: Partial<DeskPorts> = {},
): DeskPorts & { left: string[] } {
  const left: string[] = [];
  return {
    discover: () => Promise.resolve(SERVER),
    findAdminApi: () => Promise.resolve(api),
    signInToSynapse: () => Promise.resolve(desk),
    startMasAdminSignIn: () => Promise.resolve('https://auth.example.org/authorize?client_id=x'),
    completeMasAdminSignIn: () => Promise.resolve(undefined),
    leaveFor: (url) => left.push(url),
    left,
    ...overrides,
  };
}
