import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Config } from '#core/config/config-schema.ts';
import type { AuthorizeRequest } from './authorize-request.ts';
import {
  type Authentication,
  createSigningKey,
  type SigningKey,
  signTokens,
  verifyAccessToken,
} from './cognito-tokens.ts';
import {
  localCallbackUrls,
  localHostedUiBase,
  localIssuer,
  localJwksUrl,
  localLogoutUrls,
} from './cognito-urls.ts';
import { type LocalUser, seededUsers } from './cognito-users.ts';
import { ExpiringStore } from './expiring-store.ts';
import { OAuthError } from './oauth-error.ts';

export interface LocalCognitoOptions {
  /** The pool, its public client, scopes and groups (`config.cognito`); where it listens (`config.local`). */
  config: Config;
  /** Exact callback URLs of the app client; by default the local console's `/auth/callback`. */
  callbackUrls?: readonly string[];
  /** Exact sign-out URLs of the app client; by default the local console's `/logout`. */
  logoutUrls?: readonly string[];
  /** Access and ID token lifetime (Cognito's default: 3600). */
  tokenLifetimeSeconds?: number;
  users?: readonly LocalUser[];
  /** Epoch milliseconds (tests move time on). */
  now?: () => number;
}

/** The answer of the token endpoint: a refresh token only from the code grant, as Cognito does. */
export interface TokenSet {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  token_type: 'Bearer';
  expires_in: number;
}

interface IssuedCode {
  request: AuthorizeRequest;
  authentication: Authentication;
}

const minute = 60_000;
/** Cognito's lifetimes (codes 5 minutes, the Hosted UI's session 1 hour, refresh tokens 30 days); an open picker's 15 minutes are ours. */
const lifetimes = {
  pendingMs: 15 * minute,
  codeMs: 5 * minute,
  sessionMs: 60 * minute,
  refreshMs: 30 * 24 * 60 * minute,
};

/**
 * The user pool and its Hosted UI on one machine: the state behind the `/cognito` routes. Sign-in
 * is a choice of a seeded user (there are no passwords); what follows is Cognito's: one-time codes
 * bound to the client, redirect URI and PKCE challenge; RS256 tokens with Cognito's claims; refresh
 * tokens that `/oauth2/revoke` revokes together with the access tokens they gave.
 */
export class LocalCognito {
  /** The pool's users by user name; their groups change through the admin operations. */
  private readonly pool: Map<string, LocalUser>;
  readonly tokenLifetimeSeconds: number;
  private config: Config;
  private callbackUrls: readonly string[];
  private logoutUrls: readonly string[];
  private readonly now: () => number;
  private readonly key: Promise<SigningKey>;
  private readonly pending: ExpiringStore<AuthorizeRequest>;
  private readonly codes: ExpiringStore<IssuedCode>;
  private readonly sessions: ExpiringStore<LocalUser>;
  private readonly refreshTokens: ExpiringStore<Authentication>;
  /** `origin_jti` of each revoked refresh token: userInfo refuses the access tokens it gave. */
  private readonly revokedOrigins = new Set<string>();

  constructor(options: LocalCognitoOptions) {
    this.config = options.config;
    this.pool = new Map((options.users ?? seededUsers).map((user) => [user.username, { ...user }]));
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
    this.callbackUrls = options.callbackUrls ?? localCallbackUrls(options.config);
    this.logoutUrls = options.logoutUrls ?? localLogoutUrls(options.config);
    this.now = options.now ?? Date.now;
    this.key = createSigningKey();
    this.pending = new ExpiringStore(this.now);
    this.codes = new ExpiringStore(this.now);
    this.sessions = new ExpiringStore(this.now);
    this.refreshTokens = new ExpiringStore(this.now);
  }

  /** Where the stand-in server really listens (known once it has started): the issuer follows it. */
  listenAt(endpoint: string): void {
    this.config = { ...this.config, local: { ...this.config.local, awsEndpoint: endpoint } };
  }

  /** The app client's callback and sign-out URLs, e.g. once the console's port is known. */
  allowRedirects(urls: { callbackUrls: readonly string[]; logoutUrls: readonly string[] }): void {
    this.callbackUrls = [...urls.callbackUrls];
    this.logoutUrls = [...urls.logoutUrls];
  }

  get client() {
    const { publicClientId, scopes, userPoolId, groups } = this.config.cognito;
    return { clientId: publicClientId, scopes, userPoolId, groups, callbackUrls: this.callbackUrls };
  }

  /** The public app client as DescribeUserPoolClient would tell it. */
  appClient() {
    const { clientId, scopes } = this.client;
    return { clientId, callbackUrls: this.callbackUrls, logoutUrls: this.logoutUrls, scopes };
  }

  get urls() {
    return {
      hostedUi: localHostedUiBase(this.config),
      issuer: localIssuer(this.config),
      jwks: localJwksUrl(this.config),
    };
  }

  async jwks(): Promise<{ keys: unknown[] }> {
    return { keys: [(await this.key).jwk] };
  }

  get users(): readonly LocalUser[] {
    return [...this.pool.values()];
  }

  user(username: string | undefined): LocalUser | undefined {
    return username === undefined ? undefined : this.pool.get(username);
  }

  /** A user joins the pool (the stand-in's test hook; AdminCreateUser in Cognito). */
  addUser(user: LocalUser): void {
    if (this.pool.has(user.username)) throw new Error(`${user.username} is already in the pool`);
    this.pool.set(user.username, { ...user, groups: [...user.groups] });
  }

  /** AdminAddUserToGroup / AdminRemoveUserFromGroup: effective in the next tokens (a refresh), as in Cognito. */
  setMembership(username: string, group: string, member: boolean): void {
    const user = this.pool.get(username);
    if (!user) throw new Error(`No user ${username}`);
    const groups = user.groups.filter((held) => held !== group);
    this.pool.set(username, { ...user, groups: member ? [...groups, group] : groups });
  }

  isLogoutUrl(url: string): boolean {
    return this.logoutUrls.includes(url);
  }

  /** An authorize request kept while the picker is shown; its id goes with the form. */
  holdRequest(request: AuthorizeRequest): string {
    const id = randomBytes(18).toString('base64url');
    this.pending.put(id, request, lifetimes.pendingMs);
    return id;
  }

  takeRequest(id: string): AuthorizeRequest | undefined {
    return this.pending.take(id);
  }

  /** The user signs in for `request`: a Hosted UI session and a code, on the way back to the app. */
  signIn(request: AuthorizeRequest, user: LocalUser): { redirect: string; sessionId: string } {
    const authentication = this.authenticate(user, request.scope);
    const code = randomUUID();
    this.codes.put(code, { request, authentication }, lifetimes.codeMs);
    const sessionId = randomBytes(24).toString('base64url');
    this.sessions.put(sessionId, user, lifetimes.sessionMs);
    const redirect = new URL(request.redirectUri);
    redirect.searchParams.set('code', code);
    if (request.state !== undefined) redirect.searchParams.set('state', request.state);
    return { redirect: redirect.toString(), sessionId };
  }

  sessionUser(sessionId: string | undefined): LocalUser | undefined {
    return sessionId ? this.sessions.get(sessionId) : undefined;
  }

  /** `/logout`: the Hosted UI session ends. As in Cognito, tokens already issued stay valid. */
  signOut(sessionId: string | undefined): void {
    if (sessionId) this.sessions.delete(sessionId);
  }

  async exchangeCode(input: {
    code: string;
    redirectUri: string;
    clientId: string;
    codeVerifier: string;
  }): Promise<TokenSet> {
    this.requireClient(input.clientId);
    // Taken before any check: a code is spent by its first use, whether that use succeeds or not.
    const issued = this.codes.take(input.code);
    if (!issued) throw new OAuthError('invalid_grant', 'The code is unknown, expired or already used');
    if (issued.request.clientId !== input.clientId || issued.request.redirectUri !== input.redirectUri)
      throw new OAuthError('invalid_grant', 'The code was issued for another client or redirect_uri');
    const challenge = createHash('sha256').update(input.codeVerifier).digest('base64url');
    if (challenge !== issued.request.codeChallenge)
      throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge');
    return this.tokensFor(issued.authentication, { refreshToken: true, nonce: issued.request.nonce });
  }

  async refresh(input: { refreshToken: string; clientId: string }): Promise<TokenSet> {
    this.requireClient(input.clientId);
    const authentication = this.refreshTokens.get(input.refreshToken);
    if (!authentication || authentication.clientId !== input.clientId)
      throw new OAuthError('invalid_grant', 'Invalid Refresh Token');
    // The user as they are now: a group added or removed since sign-in shows in the new tokens.
    const user = [...this.pool.values()].find((candidate) => candidate.sub === authentication.user.sub);
    if (!user) throw new OAuthError('invalid_grant', 'User does not exist');
    return this.tokensFor({ ...authentication, user }, { refreshToken: false });
  }

  /** `/oauth2/revoke`: the refresh token and every access token it gave are revoked. */
  revoke(input: { token: string; clientId: string }): void {
    this.requireClient(input.clientId);
    if (input.token.split('.').length === 3)
      throw new OAuthError('unsupported_token_type', 'Only refresh tokens can be revoked');
    const authentication = this.refreshTokens.get(input.token);
    if (!authentication) return; // RFC 7009 §2.2: an unknown token is no error.
    if (authentication.clientId !== input.clientId)
      throw new OAuthError('unauthorized_client', 'The token was issued to another client');
    this.refreshTokens.delete(input.token);
    this.revokedOrigins.add(authentication.originJti);
  }

  /** `/oauth2/userInfo`: the attributes the access token's scopes let the client read. */
  async userInfo(accessToken: string): Promise<Record<string, string>> {
    const claims = await verifyAccessToken(await this.key, this.urls.issuer, accessToken, this.now());
    if (this.revokedOrigins.has(claims.origin_jti))
      throw new OAuthError('invalid_token', 'Access token has been revoked');
    const user = this.users.find((candidate) => candidate.sub === claims.sub);
    if (!user) throw new OAuthError('invalid_token', 'User does not exist');
    const scopes = claims.scope.split(' ');
    // Cognito answers every attribute as a string, email_verified included.
    return {
      sub: user.sub,
      ...(scopes.includes('email') ? { email_verified: 'true', email: user.email } : {}),
      ...(scopes.includes('profile') ? { name: user.name } : {}),
      username: user.username,
    };
  }

  /** Tokens for a user without the browser (the stand-in's test hook); `ttlSeconds` for their lifetime. */
  async issueTokens(username: string, ttlSeconds?: number): Promise<TokenSet> {
    const user = this.user(username);
    if (!user) throw new OAuthError('invalid_request', `No user ${username} in the local user pool`);
    const authentication = this.authenticate(user, this.client.scopes.join(' '));
    return this.tokensFor(authentication, { refreshToken: true, lifetimeSeconds: ttlSeconds });
  }

  /**
   * Any claims signed with the pool's key (the stand-in's test hook): a token that is genuine in
   * every way but one (another issuer, client or token use, no group), to test each check alone.
   */
  async signClaims(claims: Record<string, unknown>): Promise<string> {
    const key = await this.key;
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(key.privateKey);
  }

  private authenticate(user: LocalUser, scope: string): Authentication {
    return {
      user,
      clientId: this.client.clientId,
      scope,
      authTime: Math.floor(this.now() / 1000),
      originJti: randomUUID(),
      eventId: randomUUID(),
    };
  }

  private async tokensFor(
    authentication: Authentication,
    options: { refreshToken: boolean; nonce?: string | undefined; lifetimeSeconds?: number | undefined },
  ): Promise<TokenSet> {
    const lifetimeSeconds = options.lifetimeSeconds ?? this.tokenLifetimeSeconds;
    const { accessToken, idToken } = await signTokens(await this.key, this.urls.issuer, authentication, {
      nowSeconds: Math.floor(this.now() / 1000),
      lifetimeSeconds,
      ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
    });
    let refreshToken: string | undefined;
    if (options.refreshToken) {
      refreshToken = randomBytes(48).toString('base64url');
      this.refreshTokens.put(refreshToken, authentication, lifetimes.refreshMs);
    }
    return {
      access_token: accessToken,
      id_token: idToken,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      token_type: 'Bearer',
      expires_in: lifetimeSeconds,
    };
  }

  private requireClient(clientId: string): void {
    if (clientId !== this.client.clientId) throw new OAuthError('invalid_client', 'Client does not exist');
  }
}
