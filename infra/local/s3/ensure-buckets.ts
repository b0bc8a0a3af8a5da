import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  HeadBucketCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Config } from '#core/config/config-schema.ts';

/** The four production buckets, by name (including the dotted `auth.wecare.digital`). */
export function bucketNames(config: Config): string[] {
  const { buckets } = config;
  return [buckets.media.name, buckets.stream.name, buckets.general.name, buckets.deployment.name];
}

/** Creates each bucket the local S3 lacks. */
export async function ensureBuckets(s3: S3Client, names: readonly string[]): Promise<void> {
  for (const name of names) {
    try {
      await s3.send(new HeadBucketCommand({ Bucket: name }));
    } catch {
      try {
        await s3.send(new CreateBucketCommand({ Bucket: name }));
      } catch (error) {
        if (!(error instanceof BucketAlreadyOwnedByYou)) throw error;
      }
    }
  }
}
