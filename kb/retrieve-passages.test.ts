import {
  GetIngestionJobCommand,
  ResourceNotFoundException,
  StartIngestionJobCommand,
} from '@aws-sdk/client-bedrock-agent';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '#core/errors/app-errors.ts';
import { testClients, testConfig, unique } from '../test/local-clients.ts';
import { PassageRetriever, publicCitation } from './retrieve-passages.ts';

const config = testConfig();
const clients = testClients();
const retriever = new PassageRetriever(clients.bedrockAgentRuntime, config);

describe('PassageRetriever against the Bedrock KB stand-in (HTTP/2, real SDK client)', () => {
  it('returns the passage that answers, with a citation that shows no file name or S3 key', async () => {
    const [best] = await retriever.retrieve('What are your office hours?');
    expect(best?.text).toContain('Monday to Saturday, 10:00 to 19:00');
    expect(best?.citation).toBe('About WECARE.DIGITAL and our hours');
    expect(best?.citation).not.toMatch(/s3:|\.md|\//);
    expect(best?.source.uri).toBe(
      `s3://stream.wecare.digital/${config.buckets.stream.knowledgeBasePrefix}about-and-hours.md`,
    );
  });

  it('keeps to one language when asked, and drops passages below the score that supports an answer', async () => {
    const hindi = await retriever.retrieve('रिफंड', { language: 'hi' });
    expect(hindi.length).toBeGreaterThan(0);
    expect(hindi.every((passage) => passage.language === 'hi')).toBe(true);
    // Words no document holds: whatever else the shared index holds meanwhile, nothing supports an answer.
    expect(await retriever.retrieve('pizza toppings', { minScore: 0.5 })).toEqual([]);
  });

  it("answers a Knowledge Base that is not the business's with a typed not-found error", async () => {
    const elsewhere = new PassageRetriever(
      clients.bedrockAgentRuntime,
      testConfig({ WECARE_KB_ID: 'ABCDEFGHIJ' }),
    );
    await expect(elsewhere.retrieve('hours')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('finds a new document after an ingestion job (StartIngestionJob, GetIngestionJob)', async () => {
    const marker = unique('diwali-offer').replace(/-/g, '');
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: config.buckets.stream.name,
        Key: `${config.buckets.stream.knowledgeBasePrefix}${marker}.md`,
        Body: `# Festive offer ${marker}\n\nThe ${marker} discount gives 20% off the Website Starter until 31 October.`,
      }),
    );
    const started = await clients.bedrockAgent.send(
      new StartIngestionJobCommand({
        knowledgeBaseId: config.bedrock.knowledgeBaseId,
        dataSourceId: 'LOCALDS001',
      }),
    );
    const jobId = started.ingestionJob?.ingestionJobId ?? '';
    let status = started.ingestionJob?.status;
    for (let attempt = 0; attempt < 50 && status !== 'COMPLETE'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const job = await clients.bedrockAgent.send(
        new GetIngestionJobCommand({
          knowledgeBaseId: config.bedrock.knowledgeBaseId,
          dataSourceId: 'LOCALDS001',
          ingestionJobId: jobId,
        }),
      );
      status = job.ingestionJob?.status;
      if (status === 'COMPLETE')
        expect(job.ingestionJob?.statistics?.numberOfDocumentsScanned).toBeGreaterThan(7);
    }
    expect(status).toBe('COMPLETE');
    const [best] = await retriever.retrieve(`${marker} discount`);
    expect(best?.text).toContain('20% off the Website Starter');
    expect(best?.citation).not.toContain('.md');
    await expect(
      clients.bedrockAgent.send(
        new GetIngestionJobCommand({
          knowledgeBaseId: config.bedrock.knowledgeBaseId,
          dataSourceId: 'LOCALDS001',
          ingestionJobId: 'NOSUCHJOB0',
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('publicCitation', () => {
  it('prefers the title and otherwise makes the file name readable', () => {
    expect(publicCitation('Refunds and cancellations', 's3://b/kb/refunds.md')).toBe(
      'Refunds and cancellations',
    );
    expect(
      publicCitation(
        undefined,
        's3://stream.wecare.digital/base-wecare-digital/knowledge-base/hi-refund-policy.md',
      ),
    ).toBe('Refund policy');
  });
});
