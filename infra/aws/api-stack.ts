import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { DomainName, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { Construct } from 'constructs';
import { buildFunctions, type FunctionStackProps } from './function-set.ts';

export const apiFunctionNames = ['wecare-admin-api'] as const;

export interface ApiStackProps extends StackProps, FunctionStackProps {
  /** The console's domain (`base.wecare.digital`): the API is served there when a certificate is given. */
  domainName: string;
  /** An ACM certificate for that domain in the stack's region (context `wecare:certificateArn`). */
  certificateArn?: string;
}

/**
 * The HTTP API the console is served from (`https://base.wecare.digital`): one Hono app, its routes
 * behind sign-in except the payment links customers open from WhatsApp.
 */
export class ApiStack extends Stack {
  readonly functionNames: readonly string[];
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const functions = buildFunctions(this, props, apiFunctionNames);
    this.functionNames = [...functions.keys()];
    const domain = props.certificateArn
      ? new DomainName(this, 'ConsoleDomain', {
          domainName: props.domainName,
          certificate: Certificate.fromCertificateArn(this, 'ConsoleCertificate', props.certificateArn),
        })
      : undefined;
    this.httpApi = new HttpApi(this, 'Api', {
      apiName: 'wecare-digital-api',
      description: 'WECARE.DIGITAL console and public links',
      ...(domain ? { defaultDomainMapping: { domainName: domain } } : {}),
      // Served only through the custom domain once there is one.
      disableExecuteApiEndpoint: Boolean(domain),
    });
    // Every request goes to the console's Hono app, which signs each one in itself, except the
    // public payment links (`/l/<code>`) it serves to customers.
    const console = functions.get('wecare-admin-api')?.function;
    if (console) {
      const integration = new HttpLambdaIntegration('Console', console);
      this.httpApi.addRoutes({ path: '/', methods: [HttpMethod.ANY], integration });
      this.httpApi.addRoutes({ path: '/{proxy+}', methods: [HttpMethod.ANY], integration });
    }
    new CfnOutput(this, 'ApiUrl', {
      value: domain ? `https://${props.domainName}` : (this.httpApi.apiEndpoint ?? ''),
    });
    if (domain)
      new CfnOutput(this, 'DomainTarget', {
        description: 'Point the DNS record of the console domain (CNAME/alias) here',
        value: domain.regionalDomainName,
      });
  }
}
