import { fromEnv } from '@aws-sdk/credential-provider-env';

type CredentialProvider = ReturnType<typeof fromEnv>;
type Credentials = Awaited<ReturnType<CredentialProvider>>;

/**
 * What `@aws-sdk/credential-provider-node` becomes in a Lambda bundle (an esbuild alias in
 * function-bundling.ts): the SDK's default credential chain reduced to the one link Lambda uses.
 * Lambda hands a function its role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN; the chain's other links (SSO, INI profiles, credential processes, web identity,
 * instance metadata) never run there, yet bring the SDK's nested STS/SSO clients into every bundle
 * (57 KB minified, 110–136 KB with what they pull in). The CLIs and the local world run on the
 * unbundled SDK with its whole chain.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}): CredentialProvider =>
  fromEnv(init);

/** The chain's two helpers, with the SDK's meaning. */
export const credentialsWillNeedRefresh = (credentials: Credentials | undefined): boolean =>
  credentials?.expiration !== undefined;

export const credentialsTreatedAsExpired = (credentials: Credentials | undefined): boolean =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
