import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { baseOptions, registerClient } from '../client-registry.ts';

registerClient('cognito', (config) => new CognitoIdentityProviderClient(baseOptions(config, 'stand-in')));
