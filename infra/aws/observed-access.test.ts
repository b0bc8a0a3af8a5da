import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PostWhatsAppMessageMediaCommand } from '@aws-sdk/client-socialmessaging';
import type { MiddlewareStack } from '@smithy/types';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '#core/config/load-config.ts';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import { platform } from '#functions/composition-root.ts';
import { handler as adminApi } from '#functions/wecare-admin-api.ts';
import { handler as reconcile } from '#functions/wecare-agent-reconcile.ts';
import { handler as generateResponse } from '#functions/wecare-ai-generate-response.ts';
import { handler as queryKb } from '#functions/wecare-ai-query-kb.ts';
import { handler as inbound } from '#functions/wecare-inbound-whatsapp.ts';
import { handler as outboundEmail } from '#functions/wecare-outbound-email.ts';
import { handler as outboundSms } from '#functions/wecare-outbound-sms.ts';
import { handler as outboundWhatsApp } from '#functions/wecare-outbound-whatsapp.ts';
import { sqsRecord } from '#infra/local/lambda/sqs-event-source.ts';
import {
  type BusinessNumber,
  businessNumbers,
  inboundLambdaEvent,
} from '#infra/local/whatsapp/eum-event-builder.ts';
import { newStaffMember, staffUsers, tokensOf } from '../../test/console-staff.ts';
import { newCustomerWaId, newWamid, unixSeconds } from '../../test/inbound-helpers.ts';
import { sampleFiles } from '../../test/sample-files.ts';
import { sentTo } from '../../test/stand-in-outbox.ts';
import { waitingMessage } from '../../test/waiting-message.ts';
import { accessStatements } from './access-statements.ts';
import { functionCatalog } from './function-catalog.ts';
import { seedArns } from './seed-arns.ts';

/**
 * The IAM policies are written from the function catalog; this test holds the catalog to what the
 * code really calls. Each handler runs here, in this process, against the local world, while SDK
 * middleware records every AWS call it makes as (IAM action, resource ARN in the client account);
 * each call must be allowed by that function's statements. A call the catalog forgot would be an
 * AccessDenied in production: here it fails the test.
 */
const { config, clients } = platform();
const aws = loadConfig({ WECARE_ENV: 'aws' });
const arns = seedArns(aws);
const [wecare] = businessNumbers(config) as [BusinessNumber];

interface Call {
  action: string;
  resource: string;
}
const observed = new Map<string, Call[]>();
let recording: string | undefined;

const keyOfName = <Key extends string>(names: Record<Key, string | { name: string }>, name: string) =>
  (Object.keys(names) as Key[]).find((key) => {
    const value = names[key];
    return (typeof value === 'string' ? value : value.name) === name;
  });

/** The IAM action and the AWS resource of a call, as IAM evaluates it in the client account. */
function callOf(service: string, command: string, input: Record<string, unknown>): Call {
  const operation = command.replace(/Command$/, '');
  switch (service) {
    case 'dynamodb': {
      // A batch names its table in RequestItems (the one table our batches read).
      const tableName = input.TableName ?? Object.keys((input.RequestItems as object | undefined) ?? {})[0];
      const key = keyOfName(config.tables, String(tableName));
      const table = key ? aws.tables[key] : `unknown-table:${String(input.TableName)}`;
      const resource = input.IndexName ? arns.tableIndex(table, String(input.IndexName)) : arns.table(table);
      return { action: `dynamodb:${operation}`, resource };
    }
    case 'sqs': {
      const name =
        String(input.QueueUrl ?? input.QueueName ?? '')
          .split('/')
          .pop() ?? '';
      const key = keyOfName(config.queues, name);
      return {
        action: `sqs:${operation}`,
        resource: arns.queue(key ? aws.queues[key] : `unknown-queue:${name}`),
      };
    }
    case 's3': {
      const key = keyOfName(config.buckets, String(input.Bucket));
      const bucket = key ? aws.buckets[key].name : `unknown-bucket-${String(input.Bucket)}`;
      // A listing is s3:ListBucket on the bucket, held to the prefix it names (see allowed()).
      if (operation === 'ListObjectsV2')
        return {
          action: 's3:ListBucket',
          resource: `arn:aws:s3:::${bucket}?prefix=${String(input.Prefix ?? '')}`,
        };
      // HeadObject is authorized as s3:GetObject.
      const action = operation === 'HeadObject' ? 's3:GetObject' : `s3:${operation}`;
      return { action, resource: `arn:aws:s3:::${bucket}/${String(input.Key)}` };
    }
    case 'social-messaging': {
      // Templates belong to a WABA (its id in the request); everything else to a number.
      if (operation.includes('MessageTemplate'))
        return {
          action: `social-messaging:${operation}`,
          resource: `arn:aws:social-messaging:${aws.aws.region}:${aws.aws.accountId}:waba/${String(input.id)}`,
        };
      const phone = String(input.originationPhoneNumberId ?? '');
      return {
        action: `social-messaging:${operation}`,
        resource: `arn:aws:social-messaging:${aws.aws.region}:${aws.aws.accountId}:phone-number-id/${phone}`,
      };
    }
    case 'bedrock-runtime':
      // Converse is authorized as bedrock:InvokeModel on the model.
      return { action: 'bedrock:InvokeModel', resource: arns.model };
    case 'bedrock-agent-runtime':
    case 'bedrock-agent':
      return { action: `bedrock:${operation}`, resource: arns.knowledgeBase };
    case 'ses':
      return { action: `ses:${operation}`, resource: arns.emailIdentity };
    case 'sms-voice':
      return { action: `sms-voice:${operation}`, resource: arns.smsPool };
    case 'lambda':
      return {
        action: 'lambda:InvokeFunction',
        resource: `arn:aws:lambda:${aws.aws.region}:${aws.aws.accountId}:function:${String(input.FunctionName)}`,
      };
    case 'cognito-idp':
      return { action: `cognito-idp:${operation}`, resource: arns.userPool };
    default:
      return { action: `${service}:${operation}`, resource: '?' };
  }
}

function record<Input extends object, Output extends object>(
  service: string,
  stack: MiddlewareStack<Input, Output>,
) {
  stack.add(
    (next, context) => async (args) => {
      if (recording) {
        const calls = observed.get(recording) ?? [];
        calls.push(callOf(service, context.commandName ?? '?', args.input as Record<string, unknown>));
        observed.set(recording, calls);
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordAwsCalls' },
  );
}
record('dynamodb', clients.dynamoDb.middlewareStack);
record('sqs', clients.sqs.middlewareStack);
record('s3', clients.s3.middlewareStack);
record('social-messaging', clients.socialMessaging.middlewareStack);
record('bedrock-runtime', clients.bedrockRuntime.middlewareStack);
record('bedrock-agent-runtime', clients.bedrockAgentRuntime.middlewareStack);
record('bedrock-agent', clients.bedrockAgent.middlewareStack);
record('ses', clients.sesv2.middlewareStack);
record('sms-voice', clients.smsVoice.middlewareStack);
record('cognito-idp', clients.cognito.middlewareStack);
record('lambda', clients.lambda.middlewareStack);
// The senders pace and retry by themselves, on the clients without the SDK's retries.
record('social-messaging', clients.withoutRetries.socialMessaging.middlewareStack);
record('ses', clients.withoutRetries.sesv2.middlewareStack);
record('sms-voice', clients.withoutRetries.smsVoice.middlewareStack);

async function as<Result>(name: string, run: () => Promise<Result>): Promise<Result> {
  recording = name;
  try {
    return await run();
  } finally {
    recording = undefined;
  }
}

const glob = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

/** The function's statements as the stacks write them, plus what CDK adds (event source, DLQ). */
function allowed(name: string): Call[] {
  const spec = functionCatalog(aws).find((entry) => entry.name === name);
  if (!spec) throw new Error(`${name} is not in the catalog`);
  const grants = accessStatements(aws, spec.access).flatMap((statement) => {
    const json = statement.toStatementJson() as {
      Action: string | string[];
      Resource: string | string[];
      Condition?: { StringLike?: { 's3:prefix'?: string } };
    };
    // A listing allowed under a prefix only: the bucket with that prefix, as callOf writes a listing.
    const prefix = json.Condition?.StringLike?.['s3:prefix'];
    return [json.Action]
      .flat()
      .flatMap((action) =>
        [json.Resource]
          .flat()
          .map((resource) => ({ action, resource: prefix ? `${resource}?prefix=${prefix}` : resource })),
      );
  });
  if (name === 'wecare-ai-generate-response')
    for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'])
      grants.push({ action, resource: arns.queue(aws.queues.agent) });
  return grants;
}

const context = (name: string) => lambdaContext(name, 60_000);
const png = sampleFiles.png;
const textEvent = (from: string, body: string, secondsAgo = 0) =>
  inboundLambdaEvent(config, wecare, {
    contacts: [{ profile: { name: 'Asha' }, wa_id: from }],
    messages: [
      {
        from,
        id: newWamid(),
        timestamp: unixSeconds(new Date(Date.now() - secondsAgo * 1000)),
        type: 'text',
        text: { body },
      },
    ],
  });

/** A customer message stored and waiting, with no job for it yet: the bot here answers it, not the world's. */
const waitingConversation = async (waId: string, text: string) =>
  (await waitingMessage({ config, clients }, { number: wecare, waId, text })).conversation.id;

/** The job as the agent queue's event source mapping would hand it to the bot. */
const jobEvent = (conversationId: string): SQSEvent => ({
  Records: [
    sqsRecord(
      {
        MessageId: randomUUID(),
        ReceiptHandle: randomUUID(),
        Body: JSON.stringify({
          jobId: randomUUID(),
          conversationId,
          reason: 'customer-message',
          enqueuedAtMs: Date.now(),
        }),
        Attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()) },
      },
      { arn: arns.queue(config.queues.agent), region: config.aws.region },
    ),
  ],
});

/**
 * A request to the console as the HTTP API hands it to its function (payload 2.0): a JSON body, or
 * a multipart one (a file), base64-encoded as API Gateway passes binary bodies.
 */
const consoleEvent = (
  method: string,
  path: string,
  token: string,
  body?: unknown,
  multipart?: { contentType: string; bytes: Buffer },
) =>
  ({
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {
      host: 'base.wecare.digital',
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(multipart ? { 'content-type': multipart.contentType } : {}),
    },
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'observed-access' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      timeEpoch: Date.now(),
    },
    isBase64Encoded: Boolean(multipart),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(multipart ? { body: multipart.bytes.toString('base64') } : {}),
  }) as unknown as Parameters<typeof adminApi>[0];

describe('what each function calls in AWS is what its IAM policy allows', () => {
  it('holds for every function through its real work', { timeout: 60_000 }, async () => {
    const customer = newCustomerWaId();
    await as('wecare-inbound-whatsapp', () =>
      inbound(textEvent(customer, 'Hello there'), context('wecare-inbound-whatsapp')),
    );
    // A photo (its file copied into the media bucket) and a delivery status.
    const photoKey = `${config.buckets.media.outgoingPrefix}observed-${randomUUID()}.png`;
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: config.buckets.media.name,
        Key: photoKey,
        Body: png,
        ContentType: 'image/png',
      }),
    );
    const { mediaId } = await clients.socialMessaging.send(
      new PostWhatsAppMessageMediaCommand({
        originationPhoneNumberId: wecare.awsPhoneNumberId,
        sourceS3File: { bucketName: config.buckets.media.name, key: photoKey },
      }),
    );
    const photo = inboundLambdaEvent(config, wecare, {
      contacts: [{ profile: { name: 'Asha' }, wa_id: customer }],
      messages: [
        {
          from: customer,
          id: newWamid(),
          timestamp: unixSeconds(new Date()),
          type: 'image',
          image: { id: mediaId, mime_type: 'image/png', sha256: 'abc=' },
        },
      ],
      statuses: [
        { id: newWamid(), status: 'delivered', timestamp: unixSeconds(new Date()), recipient_id: customer },
      ],
    });
    expect(
      await as('wecare-inbound-whatsapp', () => inbound(photo, context('wecare-inbound-whatsapp'))),
    ).toMatchObject({
      deadLettered: 0,
    });

    const asking = newCustomerWaId();
    const buying = newCustomerWaId();
    const kbConversation = await waitingConversation(asking, 'What are your office hours?');
    const invoiceConversation = await waitingConversation(
      buying,
      'I want to buy the Website Starter, please send me a payment link',
    );
    const answer = async (conversationId: string) => {
      const response = await as('wecare-ai-generate-response', () =>
        generateResponse(jobEvent(conversationId), context('wecare-ai-generate-response')),
      );
      expect(response.batchItemFailures).toEqual([]);
    };
    for (const conversationId of [kbConversation, invoiceConversation]) await answer(conversationId);
    // The customer taps "Send payment link" on the quote: the bot confirms it and issues the link.
    const confirm = /"(quote:inv-[0-9a-f]{20}:yes)"/.exec(JSON.stringify(await sentTo(buying)))?.[1];
    expect(confirm).toBeDefined();
    await waitingMessage(
      { config, clients },
      {
        number: wecare,
        waId: buying,
        text: '',
        choice: { id: String(confirm), title: 'Send payment link' },
        at: new Date(Date.now() - config.agent.debounceMs - 100),
      },
    );
    await answer(invoiceConversation);

    const outgoingKey = `${config.buckets.media.outgoingPrefix}observed-${randomUUID()}.png`;
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: config.buckets.media.name,
        Key: outgoingKey,
        Body: png,
        ContentType: 'image/png',
      }),
    );
    for (const content of [
      { type: 'text', body: 'Your appointment is confirmed.' },
      { type: 'image', s3Key: outgoingKey, caption: 'Your receipt' },
      { type: 'template', name: 'hello_world', language: 'en_US' },
    ]) {
      const result = await as('wecare-outbound-whatsapp', () =>
        outboundWhatsApp(
          {
            idempotencyKey: randomUUID(),
            from: wecare.awsPhoneNumberId,
            to: customer,
            content,
            sentBy: { kind: 'agent', agentId: 'agent-asha' },
          },
          context('wecare-outbound-whatsapp'),
        ),
      );
      expect(result).toMatchObject({ ok: true });
    }
    expect(
      await as('wecare-outbound-sms', () =>
        outboundSms(
          {
            idempotencyKey: randomUUID(),
            to: `+${customer}`,
            body: 'Your OTP is 123456',
            sentBy: { kind: 'system', reason: 'otp' },
          },
          context('wecare-outbound-sms'),
        ),
      ),
    ).toMatchObject({ ok: true });
    expect(
      await as('wecare-outbound-email', () =>
        outboundEmail(
          {
            idempotencyKey: randomUUID(),
            to: ['asha@example.in'],
            subject: 'Receipt',
            text: 'Thank you',
            sentBy: { kind: 'system', reason: 'receipt' },
          },
          context('wecare-outbound-email'),
        ),
      ),
    ).toMatchObject({ ok: true });
    expect(
      await as('wecare-ai-query-kb', () => queryKb({ query: 'office hours' }, context('wecare-ai-query-kb'))),
    ).toMatchObject({
      ok: true,
    });
    await as('wecare-agent-reconcile', () =>
      reconcile({ olderThanMs: 0 }, context('wecare-agent-reconcile')),
    );
    const link = (await sentTo(buying)).map((sent) => JSON.stringify(sent)).join(' ');
    const code = /\/l\/([0-9A-Za-z]{8})/.exec(link)?.[1];
    expect(code).toBeDefined();
    // The customer opens the payment link (public, on the console's app), and one that is none.
    const operator = (await tokensOf(staffUsers.operator)).access_token;
    for (const [opened, status] of [
      [code ?? '', 200],
      ['AAAAAAAA', 404],
    ] as const) {
      const page = await as('wecare-admin-api', () =>
        adminApi(consoleEvent('GET', `/l/${opened}`, ''), context('wecare-admin-api')),
      );
      expect((page as { statusCode: number }).statusCode).toBe(status);
    }

    // The console: an Operator reads the inbox and a conversation, takes it over, replies, releases it.
    const conversationPath = `/api/conversations/${encodeURIComponent(kbConversation)}`;
    const callConsole = async (method: string, path: string, body?: unknown) => {
      const response = await as('wecare-admin-api', () =>
        adminApi(consoleEvent(method, path, operator, body), context('wecare-admin-api')),
      );
      expect(
        (response as { statusCode: number }).statusCode,
        `${method} ${path}: ${response.body}`,
      ).toBeLessThan(300);
      return JSON.parse(response.body ?? '{}') as Record<string, unknown>;
    };
    await callConsole('GET', '/api/conversations');
    const opened = (await callConsole('GET', conversationPath)) as { conversation?: { version?: number } };
    await callConsole('POST', `${conversationPath}/takeover`, { version: opened.conversation?.version ?? 0 });
    await callConsole('POST', `${conversationPath}/reply`, {
      text: 'Hello, this is Meera from WECARE.DIGITAL.',
    });
    const file = new FormData();
    file.set('file', new File([sampleFiles.pdf], 'invoice.pdf'));
    const encoded = new Response(file);
    const multipart = {
      contentType: encoded.headers.get('content-type') ?? '',
      bytes: Buffer.from(await encoded.arrayBuffer()),
    };
    const sentFile = await as('wecare-admin-api', () =>
      adminApi(
        consoleEvent('POST', `${conversationPath}/reply-file`, operator, undefined, multipart),
        context('wecare-admin-api'),
      ),
    );
    expect((sentFile as { statusCode: number }).statusCode, String(sentFile.body)).toBe(200);
    // An Admin lists the users and gives a new one the Viewer role, then takes it back.
    const admin = (await tokensOf(staffUsers.admin)).access_token;
    const newcomer = await newStaffMember('observed');
    for (const [method, path, body] of [
      ['GET', '/api/users', undefined],
      ['GET', '/api/audit', undefined],
      ['GET', '/api/dead-letters', undefined],
      ['GET', '/api/contacts?q=asha', undefined],
      ['GET', '/api/contacts?q=09876543210', undefined],
      ['POST', '/api/templates/sync', {}],
      ['GET', '/api/templates', undefined],
      ['GET', '/api/dashboard', undefined],
      ['GET', '/api/evals/latest', undefined],
      ['GET', '/api/dead-letters/outbound', undefined],
      ['POST', '/api/dead-letters/bulk/replay', { ids: ['no-such-letter'] }],
      ['GET', `/api/audit?actor=${staffUsers.admin}`, undefined],
      ['POST', `/api/users/${newcomer}/groups`, { group: 'Viewer', action: 'add' }],
      ['POST', `/api/users/${newcomer}/groups`, { group: 'Viewer', action: 'remove' }],
    ] as const) {
      const response = await as('wecare-admin-api', () =>
        adminApi(consoleEvent(method, path, admin, body), context('wecare-admin-api')),
      );
      expect((response as { statusCode: number }).statusCode, String(response.body)).toBe(200);
    }
    // A contact made, moved to a new number, and deleted.
    const mobile = () => `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    const made = await callConsole('POST', '/api/contacts', { name: 'Observed Contact', phone: mobile() });
    const moved = await callConsole('PUT', `/api/contacts/${String(made.id)}`, {
      name: 'Observed Contact',
      phone: mobile(),
      version: made.version,
    });
    await callConsole('DELETE', `/api/contacts/${String(moved.id)}?version=${String(moved.version)}`);
    const exported = await as('wecare-admin-api', () =>
      adminApi(consoleEvent('GET', '/api/contacts/export', operator), context('wecare-admin-api')),
    );
    expect((exported as { statusCode: number }).statusCode).toBe(200);
    const importCsv = Buffer.from(`name,phone\nObserved Import,+91 ${mobile()}\n`);
    for (const mode of ['check', 'valid'] as const) {
      const imported = await as('wecare-admin-api', () =>
        adminApi(
          consoleEvent(
            'POST',
            `/api/contacts/import?mode=${mode}&id=observed-${mode}-import`,
            operator,
            undefined,
            {
              contentType: 'text/csv',
              bytes: importCsv,
            },
          ),
          context('wecare-admin-api'),
        ),
      );
      expect((imported as { statusCode: number }).statusCode, String(imported.body)).toBe(200);
    }
    await callConsole('POST', `${conversationPath}/release`, {
      summary: 'Answered the question about hours.',
    });

    // An Admin uploads a document, lists the Knowledge Base, starts and follows an ingestion, deletes
    // the document, reads the catalog and tries to save a broken one (refused before any write).
    const documentForm = new FormData();
    documentForm.set(
      'file',
      new File(['# Observed\n\nA document of the observed-access test.'], 'observed.md'),
    );
    documentForm.set('title', 'Observed access');
    documentForm.set('language', 'en');
    documentForm.set('owner', 'Platform');
    const encodedDocument = new Response(documentForm);
    const documentBody = {
      contentType: encodedDocument.headers.get('content-type') ?? '',
      bytes: Buffer.from(await encodedDocument.arrayBuffer()),
    };
    const uploaded = await as('wecare-admin-api', () =>
      adminApi(
        consoleEvent('POST', '/api/knowledge-base/documents', admin, undefined, documentBody),
        context('wecare-admin-api'),
      ),
    );
    expect((uploaded as { statusCode: number }).statusCode, String(uploaded.body)).toBe(201);
    const document = JSON.parse(String(uploaded.body)) as { id: string; version: number };
    const callAsAdmin = async (method: string, path: string, body?: unknown) => {
      const response = (await as('wecare-admin-api', () =>
        adminApi(consoleEvent(method, path, admin, body), context('wecare-admin-api')),
      )) as { statusCode: number; body?: string };
      return {
        status: response.statusCode,
        body: JSON.parse(response.body ?? '{}') as Record<string, unknown>,
      };
    };
    expect((await callAsAdmin('GET', '/api/knowledge-base/documents')).status).toBe(200);
    const started = await callAsAdmin('POST', '/api/knowledge-base/ingestions', {});
    // Another test's ingestion may be running: refused then, and the listing below still follows jobs.
    expect([202, 409]).toContain(started.status);
    if (started.status === 202)
      expect(
        (await callAsAdmin('GET', `/api/knowledge-base/ingestions/${String(started.body.id)}`)).status,
      ).toBe(200);
    expect((await callAsAdmin('GET', '/api/knowledge-base/ingestions')).status).toBe(200);
    expect(
      (
        await callAsAdmin(
          'DELETE',
          `/api/knowledge-base/documents/${document.id}?version=${document.version}`,
        )
      ).status,
    ).toBe(200);
    expect((await callAsAdmin('GET', '/api/knowledge-base/catalog')).status).toBe(200);
    expect(
      (await callAsAdmin('PUT', '/api/knowledge-base/catalog', { text: '{"currency":"USD"}' })).status,
    ).toBe(400);

    // PRINT_OBSERVED=1 lists what each function called: the way to keep the catalog exact.
    if (process.env.PRINT_OBSERVED)
      for (const [name, calls] of observed)
        console.log(name, [
          ...new Set(calls.map((call) => `${call.action} ${call.resource.split(':').slice(5).join(':')}`)),
        ]);
    // Every function ran and called AWS; every call it made is allowed.
    const catalog = functionCatalog(aws).map((spec) => spec.name);
    expect([...observed.keys()].sort()).toEqual(
      catalog.filter((name) => name !== 'wecare-dlq-replay').sort(),
    );
    const denied: string[] = [];
    for (const [name, calls] of observed) {
      const grants = allowed(name);
      for (const call of calls)
        if (!grants.some((grant) => grant.action === call.action && glob(grant.resource).test(call.resource)))
          denied.push(`${name}: ${call.action} on ${call.resource}`);
    }
    expect([...new Set(denied)]).toEqual([]);
    if (process.env.PRINT_OBSERVED)
      for (const [name, calls] of observed)
        for (const grant of allowed(name))
          if (!calls.some((call) => call.action === grant.action && glob(grant.resource).test(call.resource)))
            console.log(
              `granted, not called here: ${name} ${grant.action} ${grant.resource.split(':').slice(5).join(':')}`,
            );
  });
});
