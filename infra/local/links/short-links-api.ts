import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import { handler as shortLink } from '#functions/wecare-short-link.ts';
import type { StandInApi } from '../aws-stand-in/stand-in-api.ts';

/**
 * Short links on one machine: `/l/<code>` invokes the same handler the HTTP API's public route
 * invokes in AWS, with an API Gateway (payload 2.0) event.
 */
export function shortLinksApi(): StandInApi {
  return {
    name: 'short-links',
    signingName: 'none',
    protocol: 'rest-json',
    operations: [],
    httpRoutes: [
      {
        method: 'GET',
        path: '/l/{code}',
        async handle(request) {
          const code = request.params.code ?? '';
          const event = {
            version: '2.0',
            routeKey: 'GET /l/{code}',
            rawPath: `/l/${code}`,
            rawQueryString: '',
            headers: {},
            pathParameters: { code },
            isBase64Encoded: false,
            requestContext: {
              http: {
                method: 'GET',
                path: `/l/${code}`,
                protocol: 'HTTP/1.1',
                sourceIp: '127.0.0.1',
                userAgent: '',
              },
              routeKey: 'GET /l/{code}',
              stage: '$default',
              timeEpoch: Date.now(),
            },
          } as unknown as APIGatewayProxyEventV2;
          const response = await shortLink(event, lambdaContext('wecare-short-link', 10_000));
          return {
            status: response.statusCode ?? 200,
            raw: String(response.body ?? ''),
            contentType: String(response.headers?.['content-type'] ?? 'text/html; charset=utf-8'),
          };
        },
      },
    ],
  };
}
