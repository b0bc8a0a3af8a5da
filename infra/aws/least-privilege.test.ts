import { describe, expect, it } from 'vitest';
import { functionCatalog } from './function-catalog.ts';
import { resourcesOf, synthesizePlatform } from './synth-for-tests.ts';

const { config, templates } = synthesizePlatform();
const catalog = functionCatalog(config);

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}
const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Each of our functions' statements, from the policies attached to its own role. */
function statementsByFunction(): Map<string, Statement[]> {
  const byFunction = new Map<string, Statement[]>();
  for (const [stack, template] of Object.entries(templates)) {
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    for (const [, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
      const name = String(fn.Properties?.FunctionName ?? '');
      if (!name.startsWith('wecare-')) continue;
      const roleId = (fn.Properties?.Role as { 'Fn::GetAtt'?: [string, string] } | undefined)?.[
        'Fn::GetAtt'
      ]?.[0];
      if (!roleId) throw new Error(`${name} in ${stack} has no role of its own`);
      const role = template.findResources('AWS::IAM::Role')[roleId];
      expect(role?.Properties?.ManagedPolicyArns ?? []).toEqual([]);
      byFunction.set(
        name,
        policies
          .filter((policy) => JSON.stringify(policy.Properties?.Roles).includes(`"${roleId}"`))
          .flatMap(
            (policy) =>
              (policy.Properties?.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? [],
          ),
      );
    }
  }
  return byFunction;
}

const byFunction = statementsByFunction();
/** The only actions AWS offers no resource narrower than `*` for, that our functions use. */
const actionsWithoutResources = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);

describe('IAM: each function has exactly what it uses', () => {
  it('every function of the catalog has its own role and policy', () => {
    expect([...byFunction.keys()].sort()).toEqual(catalog.map((spec) => spec.name).sort());
  });

  it('no statement allows every action of a service, and none is a Deny to undo an Allow', () => {
    for (const [name, statements] of byFunction)
      for (const statement of statements) {
        expect(statement.Effect, name).toBe('Allow');
        for (const action of list(statement.Action)) expect(action, name).not.toMatch(/(^|:)\*$|\*/);
      }
  });

  it('no statement names every resource, except X-Ray’s writes which have no narrower resource', () => {
    for (const [name, statements] of byFunction)
      for (const statement of statements)
        if (list(statement.Resource).includes('*'))
          for (const action of list(statement.Action))
            expect(actionsWithoutResources.has(action), `${name}: ${action} on *`).toBe(true);
  });

  it('every resource is in the client account and region (or the Nova Pro model), never a wildcard ARN', () => {
    const ours = new RegExp(`^arn:aws:[a-z0-9-]+:${config.aws.region}:(${config.aws.accountId})?:`);
    for (const [name, statements] of byFunction)
      for (const statement of statements)
        for (const resource of list(statement.Resource)) {
          if (resource === '*') continue;
          const text = JSON.stringify(resource);
          if (typeof resource === 'string') {
            expect(resource.startsWith('arn:aws:s3:::') || ours.test(resource), `${name}: ${resource}`).toBe(
              true,
            );
            // A wildcard only ends an S3 prefix (objects under it) or a log group's streams.
            if (resource.includes('*'))
              expect(resource, name).toMatch(/^arn:aws:s3:::[^*]+\/[^*]*\*$|:log-group:[^*]+:\*$/);
          } else expect(text, name).not.toContain('"*"');
        }
  });

  it('gives the WhatsApp actions on the two business numbers only, the model and the Knowledge Base by ARN', () => {
    const phones = config.whatsapp.phoneNumbers.flatMap((phone) =>
      [phone.id, phone.id.replace(/^phone-number-id-/, '')].map(
        (id) => `arn:aws:social-messaging:${config.aws.region}:${config.aws.accountId}:phone-number-id/${id}`,
      ),
    );
    const wabas = config.whatsapp.businessAccounts.flatMap((account) =>
      [account.id, account.id.replace(/^waba-/, '')].map(
        (id) => `arn:aws:social-messaging:${config.aws.region}:${config.aws.accountId}:waba/${id}`,
      ),
    );
    for (const [name, statements] of byFunction)
      for (const statement of statements) {
        const actions = list(statement.Action);
        // Messages and media name the two numbers; templates (the console's sync) the two WABAs.
        if (actions.some((action) => action.startsWith('social-messaging:')))
          expect(list(statement.Resource).sort(), name).toEqual(
            actions.every((action) => action.includes('MessageTemplate'))
              ? [...wabas].sort()
              : [...phones].sort(),
          );
        if (actions.includes('bedrock:InvokeModel'))
          expect(statement.Resource, name).toBe(
            `arn:aws:bedrock:${config.aws.region}::foundation-model/${config.bedrock.modelId}`,
          );
        if (actions.includes('bedrock:Retrieve'))
          expect(statement.Resource, name).toBe(
            `arn:aws:bedrock:${config.aws.region}:${config.aws.accountId}:knowledge-base/${config.bedrock.knowledgeBaseId}`,
          );
      }
  });

  it("lets only the console curate the Knowledge Base: ingestion on FZBPKGTOYE, files under its prefix, users of the seed's pool", () => {
    const knowledgeBase = `arn:aws:bedrock:${config.aws.region}:${config.aws.accountId}:knowledge-base/${config.bedrock.knowledgeBaseId}`;
    const bucket = `arn:aws:s3:::${config.buckets.stream.name}`;
    const curators = new Set<string>();
    for (const [name, statements] of byFunction)
      for (const statement of statements as Array<Statement & { Condition?: unknown }>) {
        const actions = list(statement.Action);
        if (actions.some((action) => /^bedrock:(Start|Get|List)(Ingestion|DataSource)/.test(action))) {
          curators.add(name);
          expect(statement.Resource, name).toBe(knowledgeBase);
        }
        if (actions.includes('s3:ListBucket')) {
          expect(statement.Resource, name).toBe(bucket);
          expect(statement.Condition, name).toEqual({
            StringLike: { 's3:prefix': `${config.buckets.stream.knowledgeBasePrefix}*` },
          });
        }
        if (actions.includes('s3:DeleteObject'))
          expect(statement.Resource, name).toBe(`${bucket}/${config.buckets.stream.knowledgeBasePrefix}*`);
        if (actions.some((action) => action.startsWith('cognito-idp:')))
          expect(statement.Resource, name).toBe(
            `arn:aws:cognito-idp:${config.aws.region}:${config.aws.accountId}:userpool/${config.cognito.userPoolId}`,
          );
      }
    expect([...curators]).toEqual(['wecare-admin-api']);
  });

  it('lets no function change or delete an audit entry: written once and read, nothing else', () => {
    let writers = 0;
    for (const [name, statements] of byFunction)
      for (const statement of statements) {
        if (!JSON.stringify(statement.Resource).includes(config.tables.audit)) continue;
        for (const action of list(statement.Action))
          expect(['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:GetItem'], `${name}: ${action}`).toContain(
            action,
          );
        if (list(statement.Action).includes('dynamodb:PutItem')) writers += 1;
      }
    expect(writers).toBeGreaterThan(1);
  });

  it('gives each function the actions its catalog entry names, and a function that sends nothing no send', () => {
    const actionsOf = (name: string) =>
      new Set([...(byFunction.get(name) ?? [])].flatMap((statement) => list(statement.Action)));
    expect(actionsOf('wecare-ai-query-kb')).toEqual(
      new Set([
        'bedrock:Retrieve',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
      ]),
    );
    expect(actionsOf('wecare-inbound-whatsapp').has('social-messaging:SendWhatsAppMessage')).toBe(false);
    expect(actionsOf('wecare-inbound-whatsapp').has('social-messaging:GetWhatsAppMessageMedia')).toBe(true);
    expect(actionsOf('wecare-outbound-sms')).toContain('sms-voice:SendTextMessage');
    expect(actionsOf('wecare-outbound-sms').has('ses:SendEmail')).toBe(false);
    expect(actionsOf('wecare-outbound-email')).toContain('ses:SendEmail');
    expect(actionsOf('wecare-ai-generate-response')).toContain('bedrock:InvokeModel');
    // The bot consumes its queue through the event source mapping: receive and delete on that queue only.
    const receive = (byFunction.get('wecare-ai-generate-response') ?? []).filter((statement) =>
      list(statement.Action).includes('sqs:ReceiveMessage'),
    );
    expect(receive.map((statement) => statement.Resource)).toEqual([
      `arn:aws:sqs:${config.aws.region}:${config.aws.accountId}:${config.queues.agent}`,
    ]);
  });
});

describe('IAM of the dead-letter replay', () => {
  it('invokes the four functions whose letters it replays, and reads and writes no table itself', () => {
    const statements = byFunction.get('wecare-dlq-replay') ?? [];
    const invoke = statements.filter((statement) => list(statement.Action).includes('lambda:InvokeFunction'));
    expect(invoke.flatMap((statement) => list(statement.Resource)).sort()).toEqual(
      [
        'wecare-inbound-whatsapp',
        'wecare-outbound-email',
        'wecare-outbound-sms',
        'wecare-outbound-whatsapp',
      ].map((name) => `arn:aws:lambda:${config.aws.region}:${config.aws.accountId}:function:${name}`),
    );
    const actions = statements.flatMap((statement) => list(statement.Action));
    expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
    expect(actions.filter((action) => /^(bedrock|social-messaging|ses|sms-voice):/.test(action))).toEqual([]);
  });
});

describe('IAM outside our functions', () => {
  it("the deployment's own helper (the custom resource that sets the event destinations) calls only that API", () => {
    const helpers = resourcesOf(templates, 'AWS::IAM::Policy').filter(({ id }) => !/Role/.test(id));
    for (const { id, resource } of helpers)
      for (const statement of (resource.Properties?.PolicyDocument as { Statement: Statement[] } | undefined)
        ?.Statement ?? [])
        expect(list(statement.Action), id).toEqual([
          'social-messaging:PutWhatsAppBusinessAccountEventDestinations',
        ]);
  });
});
