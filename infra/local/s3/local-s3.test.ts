import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { testClients, testConfig, unique } from '../../../test/local-clients.ts';
import { bucketNames } from './ensure-buckets.ts';

const config = testConfig();
const { s3 } = testClients();
afterAll(() => s3.destroy());

describe('local S3 (s3rver)', () => {
  it('has the four production buckets, including the dotted auth.wecare.digital', async () => {
    expect(bucketNames(config)).toEqual([
      'auth.wecare.digital',
      'stream.wecare.digital',
      'd.wecare.digital',
      'wecare-digital-deployment-809904170947',
    ]);
    for (const bucket of bucketNames(config)) {
      await expect(s3.send(new HeadBucketCommand({ Bucket: bucket }))).resolves.toBeDefined();
    }
  });

  it('stores a streamed upload byte for byte under the incoming media prefix', async () => {
    const key = `${config.buckets.media.incomingPrefix}${unique('voice')}.ogg`;
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, index) => index % 251));
    await s3.send(
      new PutObjectCommand({
        Bucket: config.buckets.media.name,
        Key: key,
        Body: Readable.from([bytes]),
        ContentLength: bytes.length,
        ContentType: 'audio/ogg',
      }),
    );
    const object = await s3.send(new GetObjectCommand({ Bucket: config.buckets.media.name, Key: key }));
    expect(object.ContentType).toBe('audio/ogg');
    expect(Buffer.from(await (object.Body?.transformToByteArray() ?? new Uint8Array()))).toEqual(bytes);
  });

  it('pages through a listing (s3rver needs the legacy OpenSSL provider for this)', async () => {
    const prefix = `${config.buckets.stream.reportsPrefix}${unique('report')}/`;
    for (let index = 0; index < 5; index += 1) {
      await s3.send(
        new PutObjectCommand({
          Bucket: config.buckets.stream.name,
          Key: `${prefix}${index}.csv`,
          Body: `row ${index}`,
        }),
      );
    }
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: config.buckets.stream.name,
          Prefix: prefix,
          MaxKeys: 2,
          ContinuationToken: token,
        }),
      );
      keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
      token = page.NextContinuationToken;
    } while (token);
    expect(keys).toEqual([0, 1, 2, 3, 4].map((index) => `${prefix}${index}.csv`));
  });

  it('answers a missing key with the SDK NoSuchKey error', async () => {
    await expect(
      s3.send(new GetObjectCommand({ Bucket: config.buckets.general.name, Key: unique('missing') })),
    ).rejects.toBeInstanceOf(NoSuchKey);
  });
});
