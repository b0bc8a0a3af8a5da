/**
 * `npm run --silent whatsapp:parse -- FILE`: parses a file holding an SNS Lambda event through the
 * same code as the Lambda handler and prints exactly one JSON object: `{"records":[…]}` (exit 0)
 * or `{"error":{"code","stage","message"}}` (exit 1). Never a stack trace.
 */
import { open } from 'node:fs/promises';
import { ConfigError, config } from '#core/config/load-config.ts';
import { businessDirectory } from '../business-directory.ts';
import { inboundLimits } from './inbound-limits.ts';
import { InboundParseError } from './inbound-parse-error.ts';
import { parseInboundEvent } from './parse-inbound-event.ts';

type Output =
  | { records: unknown[] }
  | { error: { code: string; stage: string; message: string; recordIndex?: number } };

async function run(argv: readonly string[]): Promise<{ exitCode: number; output: Output }> {
  const file = argv[0];
  if (!file) return failure('usage', 'event', 'usage: npm run --silent whatsapp:parse -- FILE');
  const bytes = await readCapped(file);
  if ('error' in bytes) return { exitCode: 1, output: bytes };
  const outcomes = parseInboundEvent(bytes, businessDirectory(config()));
  const rejected = outcomes.find((outcome) => !outcome.ok);
  if (rejected && !rejected.ok) {
    return { exitCode: 1, output: { error: { ...rejected.error.toJSON(), recordIndex: rejected.index } } };
  }
  return {
    exitCode: 0,
    output: { records: outcomes.flatMap((outcome) => (outcome.ok ? [outcome.record] : [])) },
  };
}

/** Reads at most one byte past the event cap, so a huge file is refused without being read. */
async function readCapped(file: string): Promise<Buffer | Output> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, 'r');
    const size = (await handle.stat()).size;
    if (size > inboundLimits.maxEventBytes) {
      return {
        error: {
          code: 'too-large',
          stage: 'event',
          message: `event is larger than ${inboundLimits.maxEventBytes} bytes`,
        },
      };
    }
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    return { error: { code: 'file-unreadable', stage: 'event', message: `cannot read ${file} (${reason})` } };
  } finally {
    await handle?.close();
  }
}

function failure(code: string, stage: string, message: string) {
  return { exitCode: 1, output: { error: { code, stage, message } } };
}

async function main(): Promise<void> {
  let result: { exitCode: number; output: Output };
  try {
    result = await run(process.argv.slice(2));
  } catch (error) {
    if (error instanceof InboundParseError) result = { exitCode: 1, output: { error: error.toJSON() } };
    else if (error instanceof ConfigError) result = failure('config', 'event', error.message);
    else
      result = failure(
        'internal',
        'event',
        `internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
  }
  process.stdout.write(`${JSON.stringify(result.output)}\n`);
  process.exitCode = result.exitCode;
}

await main();
