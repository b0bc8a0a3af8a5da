import '#core/aws/clients/bedrock-agent.ts';
import '#core/aws/clients/bedrock-agent-runtime.ts';
import '#core/aws/clients/bedrock-runtime.ts';
import '#core/aws/clients/cognito.ts';
import '#core/aws/clients/dynamodb.ts';
import '#core/aws/clients/lambda.ts';
import '#core/aws/clients/s3.ts';
import '#core/aws/clients/sesv2.ts';
import '#core/aws/clients/sms-voice.ts';
import '#core/aws/clients/social-messaging.ts';
import '#core/aws/clients/sqs.ts';
import { type Config, config as processConfig } from '../config/load-config.ts';
import { type AwsClients, clientsFor } from './client-registry.ts';

export { type AwsClients, localCredentials } from './client-registry.ts';

/**
 * Every AWS client, for the local world, the tests and the command-line tools (a Lambda function
 * imports only the clients it uses: client-registry.ts).
 */
export function createAwsClients(config: Config): AwsClients {
  return clientsFor(config);
}

let processClients: AwsClients | undefined;

/** The process's clients, built from the process configuration. */
export function awsClients(): AwsClients {
  processClients ??= createAwsClients(processConfig());
  return processClients;
}
