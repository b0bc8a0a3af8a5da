import type { StandInApi, StandInResponse } from '../../stand-in-api.ts';
import { AwsServiceError } from '../../stand-in-api.ts';

/** Runs a function of the local world by name; undefined when there is no such function. */
export type LocalInvoker = (name: string, event: unknown) => Promise<unknown> | undefined;

/**
 * Lambda's Invoke (RequestResponse), as the SDK's LambdaClient calls it: the payload is the event,
 * the response the handler's result; a handler that throws answers 200 with `X-Amz-Function-Error:
 * Unhandled` and Lambda's error object, as Lambda does. An unknown function is a
 * ResourceNotFoundException. The functions themselves are the local world's (late-bound: they are
 * deployed after this server starts).
 */
export function lambdaApi(invoker: () => LocalInvoker | undefined): StandInApi {
  return {
    name: 'lambda',
    signingName: 'lambda',
    protocol: 'rest-json',
    operations: [
      {
        name: 'Invoke',
        method: 'POST',
        path: '/2015-03-31/functions/{FunctionName}/invocations',
        async handle(request): Promise<StandInResponse> {
          // A function is named by its name or its ARN.
          const name =
            String(request.params.FunctionName ?? '')
              .split(':')
              .pop() ?? '';
          if (
            request.headers['x-amz-invocation-type'] &&
            request.headers['x-amz-invocation-type'] !== 'RequestResponse'
          )
            throw new AwsServiceError(
              'InvalidParameterValueException',
              400,
              'Only RequestResponse invocations here',
            );
          let event: unknown;
          try {
            event = request.body.length > 0 ? JSON.parse(request.body.toString('utf8')) : {};
          } catch {
            throw new AwsServiceError(
              'InvalidRequestContentException',
              400,
              'Could not parse request body into json',
            );
          }
          const running = invoker()?.(name, event);
          if (!running)
            throw new AwsServiceError('ResourceNotFoundException', 404, `Function not found: ${name}`);
          try {
            const result = await running;
            return { status: 200, body: result ?? null, headers: { 'X-Amz-Executed-Version': '$LATEST' } };
          } catch (error) {
            return {
              status: 200,
              headers: { 'X-Amz-Function-Error': 'Unhandled', 'X-Amz-Executed-Version': '$LATEST' },
              body: {
                errorType: error instanceof Error ? error.name : 'Error',
                errorMessage: error instanceof Error ? error.message : String(error),
              },
            };
          }
        },
      },
    ],
  };
}
