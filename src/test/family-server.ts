import { http, HttpResponse, type HttpHandler } from 'msw';

/**
 * A homeserver of one family, reduced to its registration surface as `spec/homeservers.md`
 * describes it (§2.1, §2.2, §2.5–§2.8), for tests of the protocol client. Only what those tests
 * need: the 401 body's shape, the errcodes of each failed stage, where the name is checked, when
 * a token is spent, what an unknown session gets, and which endpoints exist. Family names follow
 * the document: S Synapse, C9/C10 Conduit, D Dendrite, Q5/Q7 continuwuity (Q26: 26.6+), T1/T4 Tuwunel.
 */
export type Family = 'S' | 'C9' | 'C10' | 'D' | 'Q5' | 'Q7' | 'Q26' | 'T1' | 'T4';

interface Failure {
  errcode: string;
  error: string;
}

interface Profile {
  /** The 401's `params` when the server has none to give (§2.1). */
  params: 'object' | 'null' | 'absent';
  /** ruma omits `completed` while empty; Synapse omits it on the first answer only; Dendrite always sends it. */
  completed: 'ruma' | 'synapse' | 'always';
  wrongToken?: Failure;
  emailPending?: Failure;
  /** Refused captcha: inside the 401, or Dendrite's 401 `M_BAD_JSON` without flows. */
  captchaRefused?: Failure | 'dendrite';
  /** An `auth.session` the server does not know: its error, or `new` (Dendrite starts one under that ID). */
  unknownSession: { status: number; errcode: string; error: string } | 'new';
  /** Where the name is checked: before UIA on every request, or once UIA is done (Dendrite "taken", Q7 all). */
  nameCheck: 'before' | 'after';
  /** A token's use is taken when its stage succeeds (continuwuity, Tuwunel) or only by the account (Synapse counts it pending). */
  spendsTokenAtStage: boolean;
  /** continuwuity ≥0.5.7 removes a session once its stages are done (then "Invalid session"). */
  dropsDoneSession: boolean;
  /** Whether `/register/available` says "Username is forbidden" (Tuwunel; continuwuity from 26.6). */
  availableForbids: boolean;
  /** The token validity endpoint: served, 403 without tokens (Tuwunel), or not routed. */
  validity: 'served' | 'tuwunel' | 'absent';
  fallback: boolean;
  homeServerField: boolean;
  /** Dendrite: 400 `M_WEAK_PASSWORD` for 1–7 bytes, on every request. */
  minimumPasswordBytes?: number;
  /** Tuwunel 1.6.0–1.6.2 answered `auth: {session}` with this error (tuwunel#459). */
  sessionOnlyError?: Failure;
}

const RUMA_FORBIDDEN_SESSION = { status: 403, errcode: 'M_FORBIDDEN', error: 'UIAA session does not exist.' };

export const PROFILES: Record<Family, Profile> = {
  S: {
    params: 'object',
    completed: 'synapse',
    wrongToken: { errcode: 'M_UNAUTHORIZED', error: 'Invalid registration token' },
    emailPending: { errcode: 'M_UNAUTHORIZED', error: 'Unable to get validated threepid' },
    captchaRefused: { errcode: 'M_UNAUTHORIZED', error: 'Captcha authentication failed' },
    unknownSession: { status: 400, errcode: 'M_UNKNOWN', error: 'Unknown session ID: nope' },
    nameCheck: 'before',
    spendsTokenAtStage: false,
    dropsDoneSession: false,
    availableForbids: false,
    validity: 'served',
    fallback: true,
    homeServerField: true,
  },
  C9: {
    params: 'null',
    completed: 'ruma',
    wrongToken: { errcode: 'M_FORBIDDEN', error: 'Invalid registration token.' },
    unknownSession: RUMA_FORBIDDEN_SESSION,
    nameCheck: 'before',
    spendsTokenAtStage: false,
    dropsDoneSession: false,
    availableForbids: false,
    validity: 'absent',
    fallback: false,
    homeServerField: false,
  },
  C10: {
    params: 'absent',
    completed: 'ruma',
    wrongToken: { errcode: 'M_FORBIDDEN', error: 'Invalid registration token.' },
    unknownSession: RUMA_FORBIDDEN_SESSION,
    nameCheck: 'before',
    spendsTokenAtStage: false,
    dropsDoneSession: false,
    availableForbids: false,
    validity: 'absent',
    fallback: false,
    homeServerField: false,
  },
  D: {
    params: 'object',
    completed: 'always',
    captchaRefused: 'dendrite',
    unknownSession: 'new',
    nameCheck: 'after',
    spendsTokenAtStage: false,
    dropsDoneSession: false,
    availableForbids: false,
    validity: 'absent',
    fallback: true,
    homeServerField: false,
    minimumPasswordBytes: 8,
  },
  Q5: {
    params: 'null',
    completed: 'ruma',
    wrongToken: { errcode: 'M_FORBIDDEN', error: 'Invalid registration token.' },
    captchaRefused: { errcode: 'M_FORBIDDEN', error: 'ReCaptcha verification failed.' },
    unknownSession: RUMA_FORBIDDEN_SESSION,
    nameCheck: 'before',
    spendsTokenAtStage: true,
    dropsDoneSession: false,
    availableForbids: false,
    validity: 'served',
    fallback: false,
    homeServerField: false,
  },
  Q7: {
    params: 'object',
    completed: 'ruma',
    wrongToken: { errcode: 'M_FORBIDDEN', error: 'Invalid registration token' },
    emailPending: { errcode: 'M_THREEPID_AUTH_FAILED', error: 'Email not validated' },
    captchaRefused: { errcode: 'M_CAPTCHA_INVALID', error: 'ReCaptcha verification failed' },
    unknownSession: { status: 400, errcode: 'M_INVALID_PARAM', error: 'Invalid session' },
    nameCheck: 'after',
    spendsTokenAtStage: true,
    dropsDoneSession: true,
    availableForbids: false,
    validity: 'served',
    fallback: false,
    homeServerField: false,
  },
  Q26: {
    params: 'object',
    completed: 'ruma',
    wrongToken: { errcode: 'M_FORBIDDEN', error: 'Invalid registration token' },
    emailPending: { errcode: 'M_THREEPID_AUTH_FAILED', error: 'Email not validated' },
    captchaRefused: { errcode: 'M_CAPTCHA_INVALID', error: 'ReCaptcha verification failed' },
    unknownSession: { status: 400, errcode: 'M_INVALID_PARAM', error: 'Invalid session' },
    nameCheck: 'after',
    spendsTokenAtStage: true,
    dropsDoneSession: true,
    availableForbids: true,
    validity: 'served',
    fallback: false,
    homeServerField: false,
  },
  T1: {
    params: 'null',
    completed: 'ruma',
    wrongToken: { errcode: 'M_FORBIDDEN', error: 'Invalid registration token.' },
    unknownSession: RUMA_FORBIDDEN_SESSION,
    nameCheck: 'before',
    spendsTokenAtStage: true,
    dropsDoneSession: false,
    availableForbids: true,
    validity: 'tuwunel',
    fallback: false,
    homeServerField: false,
  },
  T4: {
    params: 'absent',
    completed: 'ruma',
    wrongToken: { errcode: 'M_FORBIDDEN', error: 'Invalid registration token.' },
    emailPending: { errcode: 'M_FORBIDDEN', error: 'Email address has not been validated.' },
    unknownSession: RUMA_FORBIDDEN_SESSION,
    nameCheck: 'before',
    spendsTokenAtStage: true,
    dropsDoneSession: false,
    availableForbids: true,
    validity: 'tuwunel',
    fallback: false,
    homeServerField: false,
  },
};

export const GOOD_CAPTCHA = 'solved';

export interface FamilyOptions {
  flows: string[][];
  /** Stage params the server gives (captcha key, terms), as it would put them in `params`. */
  params?: Record<string, unknown>;
  /** Tokens and how many uses each has left. */
  tokens?: Record<string, number>;
  taken?: string[];
  forbidden?: RegExp;
  /** Overrides of the family's profile, for versions within it (Tuwunel 1.6.0–1.6.2). */
  profile?: Partial<Profile>;
}

interface Session {
  completed: string[];
}

/**
 * One server of `family` at `http://localhost:8008` (the mock homeserver's address, so discovery
 * works as in the other tests). `handlers` go to `mock.server.use`; `requests` records every
 * `/register` body and every `/register/available` name, in order.
 */
export function familyServer(family: Family, options: FamilyOptions) {
  const profile = { ...PROFILES[family], ...options.profile };
  const sessions = new Map<string, Session>();
  const tokens = new Map(Object.entries(options.tokens ?? {}));
  const taken = new Set(options.taken ?? []);
  const validatedSids = new Set<string>();
  const requests: { register: Record<string, unknown>[]; available: string[]; validity: string[] } = {
    register: [],
    available: [],
    validity: [],
  };
  let nextSession = 1;

  const nameProblem = (username: unknown): Response | undefined => {
    if (typeof username !== 'string') return undefined;
    if (options.forbidden?.test(username))
      return HttpResponse.json({ errcode: 'M_FORBIDDEN', error: 'Username is forbidden' }, { status: 403 });
    if (taken.has(username.toLowerCase()))
      return HttpResponse.json({ errcode: 'M_USER_IN_USE', error: 'User ID already taken.' }, { status: 400 });
    return undefined;
  };

  const uiaBody = (id: string, session: Session, first: boolean, failure?: Failure) => {
    const params =
      options.params && Object.keys(options.params).length > 0
        ? options.params
        : profile.params === 'object'
          ? {}
          : profile.params === 'null'
            ? null
            : undefined;
    const showCompleted =
      profile.completed === 'always' ||
      (profile.completed === 'synapse' && !first) ||
      (profile.completed === 'ruma' && session.completed.length > 0);
    return HttpResponse.json(
      {
        flows: options.flows.map((stages) => ({ stages })),
        ...(params !== undefined ? { params } : {}),
        session: id,
        ...(showCompleted ? { completed: session.completed } : {}),
        ...(failure ?? {}),
      },
      { status: 401 },
    );
  };

  const register = http.post('*/_matrix/client/v3/register', async ({ request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    requests.register.push(body);
    const auth = body.auth as Record<string, unknown> | undefined;
    if (profile.nameCheck === 'before') {
      const problem = nameProblem(body.username);
      if (problem) return problem;
    }
    const password = typeof body.password === 'string' ? body.password : '';
    if (profile.minimumPasswordBytes && password !== '' && new TextEncoder().encode(password).length < 8)
      return HttpResponse.json(
        { errcode: 'M_WEAK_PASSWORD', error: 'password too weak: min 8 characters' },
        { status: 400 },
      );
    let id = typeof auth?.session === 'string' ? auth.session : undefined;
    let session = id === undefined ? undefined : sessions.get(id);
    if (id !== undefined && !session) {
      if (profile.unknownSession !== 'new') {
        const { status, errcode, error } = profile.unknownSession;
        return HttpResponse.json({ errcode, error }, { status });
      }
      session = { completed: [] };
      sessions.set(id, session);
    }
    if (id === undefined || !session) {
      id = `s${String(nextSession++)}`;
      session = { completed: [] };
      sessions.set(id, session);
    }

    let failure: Failure | undefined;
    const stage = auth?.type;
    const complete = (done: string) => {
      if (!session.completed.includes(done)) session.completed.push(done);
    };
    if (stage === 'm.login.dummy' || stage === 'm.login.terms') complete(stage);
    else if (stage === 'm.login.registration_token') {
      const token = typeof auth?.token === 'string' ? auth.token.trim() : '';
      const left = tokens.get(token) ?? 0;
      if (left > 0) {
        if (profile.spendsTokenAtStage) tokens.set(token, left - 1);
        complete(stage);
      } else failure = profile.wrongToken;
    } else if (stage === 'm.login.email.identity') {
      const creds = auth?.threepid_creds as { sid?: unknown } | undefined;
      if (typeof creds?.sid === 'string' && validatedSids.has(creds.sid)) complete(stage);
      else failure = profile.emailPending;
    } else if (stage === 'm.login.recaptcha') {
      const response = auth?.response;
      if (response === GOOD_CAPTCHA) complete(stage);
      else if (profile.captchaRefused === 'dendrite') {
        return response === '' || response === undefined
          ? HttpResponse.json({ errcode: 'M_BAD_JSON', error: 'captcha response is required' }, { status: 400 })
          : HttpResponse.json({ errcode: 'M_BAD_JSON', error: 'invalid captcha response' }, { status: 401 });
      } else failure = profile.captchaRefused;
    } else if (stage === undefined && auth !== undefined) failure = profile.sessionOnlyError;

    const done = options.flows.some((flow) => flow.every((need) => session.completed.includes(need)));
    if (!done) return uiaBody(id, session, auth === undefined, failure);
    if (profile.dropsDoneSession) sessions.delete(id);
    if (profile.nameCheck === 'after') {
      const problem = nameProblem(body.username);
      if (problem) return problem;
    }
    const username = typeof body.username === 'string' ? body.username.toLowerCase() : `u${String(nextSession)}`;
    if (taken.has(username))
      return HttpResponse.json({ errcode: 'M_USER_IN_USE', error: 'User ID already taken.' }, { status: 400 });
    taken.add(username);
    return HttpResponse.json({
      user_id: `@${username}:localhost:8008`,
      ...(profile.homeServerField ? { home_server: 'localhost:8008' } : {}),
    });
  });

  const available = http.get('*/_matrix/client/v3/register/available', ({ request }) => {
    const username = new URL(request.url).searchParams.get('username') ?? '';
    requests.available.push(username);
    if (options.forbidden?.test(username) && !profile.availableForbids) return HttpResponse.json({ available: true });
    return nameProblem(username) ?? HttpResponse.json({ available: true });
  });

  const validity = http.get('*/_matrix/client/v1/register/m.login.registration_token/validity', ({ request }) => {
    const token = new URL(request.url).searchParams.get('token') ?? '';
    requests.validity.push(token);
    if (profile.validity === 'absent')
      return HttpResponse.json({ errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' }, { status: 404 });
    if (profile.validity === 'tuwunel' && tokens.size === 0)
      return HttpResponse.json(
        { errcode: 'M_FORBIDDEN', error: 'Server does not allow token registration' },
        { status: 403 },
      );
    return HttpResponse.json({ valid: (tokens.get(token) ?? 0) > 0 });
  });

  const fallback = http.all('*/_matrix/client/v3/auth/:stage/fallback/web', async ({ request, params }) => {
    if (!profile.fallback)
      return HttpResponse.json({ errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' }, { status: 404 });
    if (request.method === 'POST') {
      const form = new URLSearchParams(await request.text());
      const session = sessions.get(form.get('session') ?? '');
      if (session && form.get('g-recaptcha-response') === GOOD_CAPTCHA && params.stage === 'm.login.recaptcha')
        session.completed.push('m.login.recaptcha');
    }
    return new HttpResponse('<html>the server’s own page</html>', { headers: { 'Content-Type': 'text/html' } });
  });

  const handlers: HttpHandler[] = [register, available, validity, fallback];
  return {
    handlers,
    requests,
    tokens,
    /** The person opened the link in the email of `sid`. */
    confirmEmail(sid: string) {
      validatedSids.add(sid);
    },
    /** The server forgets every session (restart, expiry). */
    forgetSessions() {
      sessions.clear();
    },
    sessionIds: () => [...sessions.keys()],
  };
}
