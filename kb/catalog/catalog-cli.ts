/**
 * `npm run catalog -- check [file]`: validates a service catalog (the starter one by default) and
 * prints each service with its price, GST and total.
 * `npm run catalog -- publish [file]`: validates it, then writes it and the price lists generated
 * from it to `stream.wecare.digital` (local world, or AWS with WECARE_ENV=aws); the price lists
 * reach the bot's answers at the next ingestion of the Knowledge Base, the prices of its quotes
 * within a minute.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { awsClients } from '#core/aws/aws-clients.ts';
import { config } from '#core/config/load-config.ts';
import { AppError } from '#core/errors/app-errors.ts';
import { publishCatalog } from './catalog-store.ts';
import { percent, priceBreakdown, rupees } from './price-breakdown.ts';
import { starterCatalogFile } from './render-starter-price-lists.ts';
import { parseServiceCatalog } from './service-catalog.ts';

const usage = 'usage: npm run catalog -- check [file] | publish [file] [--sample]';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { sample: { type: 'boolean', default: false } },
  });
  const [command, file = starterCatalogFile] = positionals;
  if (command !== 'check' && command !== 'publish') {
    console.error(usage);
    return 2;
  }
  const text = readFileSync(file, 'utf8');
  const catalog = parseServiceCatalog(text);
  for (const service of catalog.services) {
    const amounts = priceBreakdown(catalog, service);
    console.log(
      `${service.id.padEnd(26)} ${rupees(amounts.pricePaise).padStart(12)} + GST ${percent(amounts.gstRateBasisPoints)} ${rupees(amounts.gstPaise).padStart(10)} = ${rupees(amounts.totalPaise).padStart(12)} ${service.unit}`,
    );
  }
  if (command === 'publish') {
    const settings = config();
    await publishCatalog(awsClients().s3, settings, text, { sample: values.sample ?? false });
    console.log(
      `published to s3://${settings.buckets.stream.name}/${settings.buckets.stream.catalogKey} with its price lists; start an ingestion for the answers to use them`,
    );
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof AppError ? error.message : error);
    process.exit(1);
  },
);
