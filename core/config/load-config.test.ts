import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.ts';

function errorOf(environment: Record<string, string>): ConfigError {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('describes the production account from the seed when nothing is set', () => {
    const config = loadConfig({});
    expect(config.env).toBe('local');
    expect(config.aws).toMatchObject({ accountId: '809904170947', region: 'us-east-1' });
    expect(config.cognito).toMatchObject({
      userPoolId: 'us-east-1_CC9u1fYh6',
      hostedUiDomain: 'https://sso.wecare.digital',
      publicClientId: '390cro53nf7gerev44gnq7felt',
      confidentialClientId: '1l9hpie81e1ia7u0cslak2p9tf',
      scopes: ['openid', 'email', 'profile'],
      groups: ['Viewer', 'Operator', 'Admin'],
    });
    expect(config.cognito.callbackUrls).toContain('https://base.wecare.digital/auth/callback');
    expect(config.buckets.media).toEqual({
      name: 'auth.wecare.digital',
      incomingPrefix: 'whatsapp-media/whatsapp-media-incoming/',
      outgoingPrefix: 'whatsapp-media/whatsapp-media-outgoing/',
    });
    expect(config.ses).toMatchObject({ fromAddress: 'one@wecare.digital', messagesPerSecond: 10 });
    expect(config.sms).toMatchObject({
      poolId: 'pool-6fbf5a5f390d4eeeaa7dbae39d78933e',
      messagesPerSecond: 5,
    });
    expect(config.bedrock).toMatchObject({ knowledgeBaseId: 'FZBPKGTOYE', modelId: 'amazon.nova-pro-v1:0' });
    expect(config.whatsapp.metaApiVersion).toBe('v20.0');
    expect(config.whatsapp.accountRequestsPerSecond).toBe(1000);
    expect(
      config.whatsapp.phoneNumbers.map((phone) => [
        phone.displayNumber,
        phone.metaPhoneNumberId,
        phone.messagesPerSecond,
      ]),
    ).toEqual([
      ['+91 93309 94400', '831049713436137', 80],
      ['+91 99033 00044', '888782840987368', 80],
    ]);
    expect(config.whatsapp.businessAccounts.map((account) => account.metaWabaId)).toEqual([
      '1347766229904230',
      '1390647332755815',
    ]);
    expect(Object.keys(config.tables)).toHaveLength(16);
    expect(config.tables.whatsAppInbound).toBe('base-wecare-digital-WhatsAppInboundTable');
    expect(Object.values(config.queues)).toContain('base-wecare-digital-whatsapp-inbound-dlq');
    expect(config.mediaTypes.find((rule) => rule.mimeType === 'image/jpeg')?.maxBytes).toBe(5 * 1024 * 1024);
  });

  it('takes overrides from the environment, with lists split on commas', () => {
    const config = loadConfig({
      WECARE_ENV: 'aws',
      AWS_REGION: 'ap-south-1',
      COGNITO_SCOPES: 'openid, email',
      WECARE_SES_RATE: '14',
      WECARE_TABLE_AUDIT: 'staging-AuditTable',
    });
    expect(config.env).toBe('aws');
    expect(config.aws.region).toBe('ap-south-1');
    expect(config.cognito.scopes).toEqual(['openid', 'email']);
    expect(config.ses.messagesPerSecond).toBe(14);
    expect(config.tables.audit).toBe('staging-AuditTable');
  });

  it('stops on a wrong WECARE_ENV with one line naming the variable and the value', () => {
    const error = errorOf({ WECARE_ENV: 'production' });
    expect(error.message).toBe(
      'Invalid configuration: WECARE_ENV must be "local" or "aws" (got "production")',
    );
    expect(error.variable).toBe('WECARE_ENV');
  });

  it.each([
    ['AWS_REGION', 'mars-1'],
    ['WECARE_AWS_ACCOUNT_ID', '1234'],
    ['WECARE_SMS_RATE', 'fast'],
    ['WECARE_SES_FROM_ADDRESS', 'not-an-email'],
    ['COGNITO_HOSTED_UI_DOMAIN', 'sso.wecare.digital'],
    ['WECARE_MEDIA_INCOMING_PREFIX', 'no-trailing-slash'],
    ['WECARE_META_API_VERSION', '20'],
    ['WECARE_LOCAL_DYNAMODB_ENGINE', 'mongodb'],
  ])('names %s when its value %s is malformed, on one line', (variable, value) => {
    const error = errorOf({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable} .+`));
    expect(error.message).not.toContain('\n');
  });

  it('rejects a phone number list that is not JSON, or that names a WABA not configured', () => {
    expect(errorOf({ WECARE_WHATSAPP_PHONE_NUMBERS: '[{' }).message).toBe(
      'Invalid configuration: WECARE_WHATSAPP_PHONE_NUMBERS must be valid JSON',
    );
    const orphan = loadConfig({}).whatsapp.phoneNumbers.map((phone) => ({
      ...phone,
      wabaId: 'waba-00000000000000000000000000000000',
    }));
    const error = errorOf({ WECARE_WHATSAPP_PHONE_NUMBERS: JSON.stringify(orphan) });
    expect(error.variable).toBe('WECARE_WHATSAPP_PHONE_NUMBERS');
    expect(error.message).toContain('not configured');
  });
});
