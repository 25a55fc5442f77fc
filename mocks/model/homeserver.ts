import type { HomeserverConfig } from './config';
import { realEnvironment, type Environment } from './environment';
import { matrixError, ok, type ModelResponse } from './response';

interface Account {
  userId: string;
  localpart: string;
}

interface UiaSession {
  id: string;
  completed: string[];
  params: Record<string, unknown>;
  registeredUserId?: string;
}

export interface RegisterRequest {
  /** The raw request body; the model decodes it, so that bad encodings are its concern. */
  body: Uint8Array;
}

/** The homeserver: its state and its rules. Plain TypeScript, shared by every way the mock runs. */
export class MockHomeserver {
  private readonly accounts = new Map<string, Account>();
  private readonly sessions = new Map<string, UiaSession>();

  constructor(
    readonly config: HomeserverConfig,
    private readonly env: Environment = realEnvironment,
  ) {
    for (const localpart of config.existingUsers) {
      this.accounts.set(localpart, { userId: `@${localpart}:${config.serverName}`, localpart });
    }
  }

  versions(): ModelResponse {
    return ok({ versions: ['r0.6.1', 'v1.1', 'v1.16'], unstable_features: {} });
  }

  register(request: RegisterRequest): ModelResponse {
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.body));
    } catch {
      return matrixError(400, 'M_NOT_JSON', 'Content not JSON.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return matrixError(400, 'M_BAD_JSON', 'Content must be a JSON object.');
    }
    const { auth, ...params } = body as Record<string, unknown>;
    const username = typeof params.username === 'string' ? params.username.toLowerCase() : undefined;
    if (username !== undefined && this.accounts.has(username)) {
      return matrixError(400, 'M_USER_IN_USE', 'User ID already taken.');
    }

    const authObject = typeof auth === 'object' && auth !== null ? (auth as Record<string, unknown>) : undefined;
    const session = this.sessionFor(authObject, params);
    if (session === undefined) return matrixError(400, 'M_UNKNOWN', 'Unknown session ID');
    if (authObject?.type === 'm.login.dummy' && !session.completed.includes('m.login.dummy')) {
      session.completed.push('m.login.dummy');
    }
    const done = this.config.flows.some((flow) => flow.every((stage) => session.completed.includes(stage)));
    if (!done) {
      return {
        status: 401,
        body: {
          session: session.id,
          flows: this.config.flows.map((stages) => ({ stages })),
          params: {},
          ...(authObject === undefined ? {} : { completed: session.completed }),
        },
      };
    }

    const localpart = (typeof session.params.username === 'string' ? session.params.username : username) ?? '';
    const userId = `@${localpart.toLowerCase()}:${this.config.serverName}`;
    this.accounts.set(localpart.toLowerCase(), { userId, localpart: localpart.toLowerCase() });
    session.registeredUserId = userId;
    return ok({ user_id: userId, home_server: this.config.serverName });
  }

  private sessionFor(
    auth: Record<string, unknown> | undefined,
    params: Record<string, unknown>,
  ): UiaSession | undefined {
    if (typeof auth?.session === 'string') {
      const existing = this.sessions.get(auth.session);
      if (existing && Object.keys(params).length > 0) existing.params = params;
      return existing;
    }
    const session: UiaSession = { id: this.env.randomString(24), completed: [], params };
    this.sessions.set(session.id, session);
    return session;
  }
}
