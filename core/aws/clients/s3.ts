import { S3Client } from '@aws-sdk/client-s3';
import { baseOptions, registerClient } from '../client-registry.ts';

registerClient(
  's3',
  (config) =>
    new S3Client({
      ...baseOptions(config, 's3'),
      // Loopback has no per-bucket DNS, and the dotted bucket auth.wecare.digital needs path style there.
      forcePathStyle: config.env === 'local',
      // Checksums only where S3 requires them: the SDK's default checksums corrupt streamed uploads on
      // s3rver and put an empty-body CRC into presigned PUT URLs (shared/research/local-stores.md).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
);
