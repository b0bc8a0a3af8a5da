/**
 * A 10,000-row contacts CSV through the console's import, as the page runs it: one check of the
 * whole file, then steps of 2,500 rows (each a request on the same file). Target: in seconds.
 * Prints the check, the import and the total, against the local world's DynamoDB.
 */
import { consoleApp } from '#api/console-app.ts';
import { consoleDependencies } from '#api/console-dependencies.ts';
import { createAwsClients } from '#core/aws/aws-clients.ts';
import { loadConfig } from '#core/config/load-config.ts';
import { startLocalWorld } from '#infra/local/local-world.ts';

const rows = 10_000;
const world = await startLocalWorld({
  config: loadConfig({ ...process.env, WECARE_ENV: 'local' }),
  persistent: false,
  ephemeralPorts: true,
  simulator: false,
});
try {
  // The world's configuration as its functions read it (the issuer of its user pool included).
  const config = loadConfig({ ...process.env });
  const app = consoleApp(consoleDependencies(config, createAwsClients(config)));
  const tokens = await fetch(`${world.config.local.awsEndpoint}/__stand-in/cognito/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'meera.operator' }),
  });
  const { access_token: token } = (await tokens.json()) as { access_token: string };
  const base = 6_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;
  const csv = [
    'name,phone,email,language,notes,opt_out_sms',
    ...Array.from(
      { length: rows },
      (_, index) =>
        `Customer ${index},+91 ${base + index},c${index}@example.com,en,Imported for the bench,no`,
    ),
  ].join('\n');
  const post = async (query: string) => {
    const response = await app.request(`/api/contacts/import?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', accept: 'application/json' },
      body: csv,
    });
    if (!response.ok) throw new Error(`${query}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { valid: number; written?: number; done?: boolean };
  };
  const started = performance.now();
  const checked = await post('mode=check');
  const checkedMs = performance.now() - started;
  let written = 0;
  for (let from = 0; ; from += 2500) {
    const step = await post(`mode=valid&from=${from}&count=2500&id=bench-${base}`);
    written += step.written ?? 0;
    if (step.done) break;
  }
  const totalMs = performance.now() - started;
  console.log(`contacts import: ${rows} rows (${(csv.length / 1024).toFixed(0)} KB), ${checked.valid} valid`);
  console.log(
    `  check ${(checkedMs / 1000).toFixed(1)} s · import ${((totalMs - checkedMs) / 1000).toFixed(1)} s · total ${(totalMs / 1000).toFixed(1)} s · ${written} written`,
  );
  console.log(
    `  engine ${world.config.local.dynamoDbEngine}; target: in seconds (${totalMs < 10_000 ? 'within' : 'OVER'} 10 s)`,
  );
} finally {
  await world.stop();
}
