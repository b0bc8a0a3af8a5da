/**
 * `npm run check:app-client`: reads the console's Cognito app client in the account and says
 * whether its callback and sign-out URLs, flows and scopes are exactly the seed's (README, "Deploy
 * to AWS"). Read only: it never changes the client. Exits 1 with the list of problems.
 */
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { loadConfig } from '#core/config/load-config.ts';
import { appClientProblems } from './app-client-problems.ts';

const config = loadConfig({ ...process.env, WECARE_ENV: 'aws' });
const cognito = new CognitoIdentityProviderClient({ region: config.aws.region });
const { UserPoolClient } = await cognito.send(
  new DescribeUserPoolClientCommand({
    UserPoolId: config.cognito.userPoolId,
    ClientId: config.cognito.publicClientId,
  }),
);
const problems = appClientProblems(config, UserPoolClient ?? {});
if (problems.length > 0) {
  console.error(`The app client ${config.cognito.publicClientId} is not as the seed requires:`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(
  `The app client ${config.cognito.publicClientId}: callback and sign-out URLs, flows and scopes as the seed requires.`,
);
