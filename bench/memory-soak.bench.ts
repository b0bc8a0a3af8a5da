/**
 * Memory under a long conversation load: `npm start`'s process (the whole local world: stores,
 * stand-ins, simulator, console and every function) while 10 simulator customers chat for 10
 * minutes (each writes, waits for the answer, reads it, writes again), then idles. Prints the
 * process's resident memory at the start, every minute and after idling, and its growth after the
 * first minute's warm-up (target: within 10 %). SOAK_MINUTES and SOAK_CUSTOMERS shorten or widen it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorldProcess, waitForOutput, worldOnFreePorts } from '../test/world-process.ts';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const customers = Number(process.env.SOAK_CUSTOMERS ?? 10);
const idleSeconds = Number(process.env.SOAK_IDLE_SECONDS ?? 60);
const questions = [
  'What are your opening hours?',
  'How much does a website audit cost?',
  'Do you work on Sundays?',
  'आपका ऑफिस कहाँ है?',
  'Can I pay by UPI?',
  'What services do you offer for small shops?',
  'আপনাদের অফিস কখন খোলা থাকে?',
  'Thanks!',
];

const dataDirectory = await mkdtemp(join(tmpdir(), 'wecare-soak-'));
const environment = { ...(await worldOnFreePorts(dataDirectory)), WECARE_LOG_LEVEL: 'SILENT' };
const world = startWorldProcess(environment);
const simulator = `${environment.WECARE_LOCAL_AWS_URL}/sim/api`;

/** The world process's resident memory in MB (Linux: /proc), and its own account of it. */
async function rssMb(): Promise<number> {
  const status = await readFile(`/proc/${world.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}
async function memoryParts(): Promise<string> {
  const health = (await (await fetch(`${environment.WECARE_LOCAL_AWS_URL}/__stand-in/health`)).json()) as {
    memory: Record<string, number>;
  };
  const mb = (bytes = 0) => (bytes / 1024 / 1024).toFixed(0);
  const { heapUsed, external, arrayBuffers } = health.memory;
  return `heap ${mb(heapUsed)}, external ${mb(external)} (buffers ${mb(arrayBuffers)})`;
}

try {
  await waitForOutput(world, /Press Ctrl-C to stop/);
  const { numbers } = (await (await fetch(`${simulator}/numbers`)).json()) as {
    numbers: Array<{ metaPhoneNumberId: string; displayNumber: string }>;
  };
  const phone = numbers[0];
  if (!phone) throw new Error('the simulator has no business number');
  const businessPhone = phone.displayNumber.replace(/\D/g, '');
  const conversationOf = async (waId: string) =>
    (
      (await (await fetch(`${simulator}/conversations/${phone.metaPhoneNumberId}/${waId}`)).json()) as {
        messages: unknown[];
      }
    ).messages;

  let sent = 0;
  let answered = 0;
  let unanswered = 0;
  const stopAt = Date.now() + minutes * 60_000;
  const customer = async (index: number) => {
    const waId = `9196${String(index).padStart(2, '0')}${String(Date.now()).slice(-6)}`;
    for (let turn = 0; Date.now() < stopAt; turn += 1) {
      const before = (await conversationOf(waId)).length;
      const response = await fetch(`${simulator}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          businessPhone,
          from: waId,
          name: `Soak ${index}`,
          text: questions[(index + turn) % questions.length],
        }),
      });
      if (response.status !== 202) throw new Error(`the simulator answered ${response.status}`);
      sent += 1;
      // Until the platform answers (or 30 s pass); then the customer reads it and writes again.
      const waitUntil = Date.now() + 30_000;
      let heard = false;
      while (!heard && Date.now() < waitUntil) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        heard = (await conversationOf(waId)).length > before + 1;
      }
      if (heard) answered += 1;
      else unanswered += 1;
      await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 2000));
    }
  };

  const sample = async (label: string) => ({ label, mb: await rssMb(), parts: await memoryParts() });
  const samples: Array<{ label: string; mb: number; parts: string }> = [await sample('start')];
  const sampler = setInterval(() => {
    void sample(`minute ${samples.length}`).then((taken) => samples.push(taken));
  }, 60_000);
  await Promise.all(Array.from({ length: customers }, (_, index) => customer(index)));
  clearInterval(sampler);
  samples.push(await sample('end of chat'));
  await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
  samples.push(await sample(`after ${idleSeconds} s idle`));

  const warm = samples[1]?.mb ?? samples[0]?.mb ?? 0;
  const last = samples.at(-2)?.mb ?? 0;
  console.log(`\nMemory soak: ${customers} customers for ${minutes} min on npm start's process (RSS, MB)`);
  for (const taken of samples)
    console.log(`  ${taken.label.padEnd(24)}${taken.mb.toFixed(0).padStart(6)}   ${taken.parts}`);
  console.log(
    `  growth after warm-up (minute 1 to end of chat)   ${(((last - warm) / warm) * 100).toFixed(1)} %   (target within 10 %)`,
  );
  console.log(`  messages sent ${sent}, answered ${answered}, not answered within 30 s ${unanswered}`);
} finally {
  world.child.kill('SIGINT');
  await world.exited;
  await rm(dataDirectory, { recursive: true, force: true });
}
