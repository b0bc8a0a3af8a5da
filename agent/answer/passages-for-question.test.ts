import { GetIngestionJobCommand, StartIngestionJobCommand } from '@aws-sdk/client-bedrock-agent';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { PassageRetriever } from '#kb/retrieve-passages.ts';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';
import { passagesForQuestion } from './passages-for-question.ts';

const config = testConfig();
const clients = testClients();
const retriever = new PassageRetriever(clients.bedrockAgentRuntime, config);

async function putDocument(file: string, markdown: string, language: string, title: string) {
  const key = `${config.buckets.stream.knowledgeBasePrefix}${file}`;
  const put = (Key: string, Body: string) =>
    clients.s3.send(new PutObjectCommand({ Bucket: config.buckets.stream.name, Key, Body }));
  await put(key, markdown);
  await put(
    `${key}.metadata.json`,
    JSON.stringify({ metadataAttributes: { title, language, sample: true } }),
  );
}

async function ingest() {
  const started = await clients.bedrockAgent.send(
    new StartIngestionJobCommand({
      knowledgeBaseId: config.bedrock.knowledgeBaseId,
      dataSourceId: 'LOCALDS001',
    }),
  );
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const job = await clients.bedrockAgent.send(
      new GetIngestionJobCommand({
        knowledgeBaseId: config.bedrock.knowledgeBaseId,
        dataSourceId: 'LOCALDS001',
        ingestionJobId: started.ingestionJob?.ingestionJobId ?? '',
      }),
    );
    if (job.ingestionJob?.status === 'COMPLETE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The ingestion did not complete');
}

describe('the passages an answer rests on', () => {
  it('are the best from every language: a stronger English passage is not pushed out by a weaker Hindi one', async () => {
    const marker = unique('zeta').replace(/-/g, '');
    // The Hindi document only mentions the marker; the English one answers about it.
    await putDocument(
      `hi-${marker}.md`,
      `# ${marker} परिचय\n\n${marker} हमारी नई सेवा है।`,
      'hi',
      `${marker} परिचय`,
    );
    await putDocument(
      `${marker}.md`,
      `# ${marker} filing fee\n\nThe ${marker} filing fee is ₹777 per ${marker} filing, and ${marker} filings are due monthly.`,
      'en',
      `${marker} fees`,
    );
    await ingest();
    const passages = await passagesForQuestion(retriever, `${marker} ${marker} filing fee कितनी है?`);
    expect(passages.map((passage) => passage.language)).toContain('hi');
    expect(passages[0]).toMatchObject({ language: 'en', citation: `${marker} fees` });
    expect(passages[0]?.text).toContain('₹777');
  });

  it('keep to the configured count and threshold', async () => {
    expect(
      await passagesForQuestion(retriever, 'What are your office hours?', { results: 1, minScore: 0 }),
    ).toHaveLength(1);
    expect(await passagesForQuestion(retriever, 'do you sell pizza', { results: 5, minScore: 0.95 })).toEqual(
      [],
    );
  });
});
