/** Runs `operation` `count` times with `concurrency` in flight and reports throughput and latency. */
export interface Measurement {
  name: string;
  count: number;
  concurrency: number;
  opsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export async function measure(
  name: string,
  count: number,
  concurrency: number,
  operation: (index: number) => Promise<unknown>,
): Promise<Measurement> {
  const latencies: number[] = [];
  let next = 0;
  const startedAt = performance.now();
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      const began = performance.now();
      await operation(index);
      latencies.push(performance.now() - began);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - startedAt) / 1000;
  latencies.sort((left, right) => left - right);
  const percentile = (fraction: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * fraction))] ?? 0;
  return {
    name,
    count,
    concurrency,
    opsPerSecond: count / seconds,
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
  };
}

export function printMeasurements(title: string, rows: readonly Measurement[]): void {
  console.log(`\n${title}`);
  console.log(
    `${'operation'.padEnd(52)} ${'count'.padStart(6)} ${'conc'.padStart(5)} ${'ops/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`,
  );
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(52)} ${String(row.count).padStart(6)} ${String(row.concurrency).padStart(5)} ${row.opsPerSecond.toFixed(0).padStart(9)} ${row.p50Ms.toFixed(2).padStart(8)} ${row.p99Ms.toFixed(2).padStart(8)}`,
    );
  }
}
