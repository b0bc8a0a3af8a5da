import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { enterInvocation, leaveInvocation } from '#core/lambda/current-invocation.ts';
import { logger } from '#core/logger/logger.ts';

/** What a handler's body gets besides its event: a logger, and a way to count what it did. */
export interface ShellTools {
  log: ReturnType<typeof logger>;
  count(name: string, value?: number): void;
}

const namespace = 'WECARE.DIGITAL';

/**
 * The one shell around every function's body (Powertools): the Lambda context on every log line,
 * a cold-start metric and the body's counts published as CloudWatch EMF when the invocation ends,
 * and an X-Ray subsegment (Tracer is off outside Lambda). The body parses its event and calls one
 * domain function; errors are mapped by the body, once, into the result or a rethrow for a retry.
 */
export function lambdaShell<Event, Result>(
  functionName: string,
  body: (event: Event, context: Context, tools: ShellTools) => Promise<Result>,
): (event: Event, context: Context) => Promise<Result> {
  // Built on the first invocation, not at import: a module that only imports a handler (the local
  // world, a CLI) reads no configuration, and a bad configuration fails an invocation, not a load.
  let shell: { log: ReturnType<typeof logger>; tracer: Tracer; metrics: Metrics } | undefined;
  let coldStart = true;
  return async (event, context) => {
    // One of each per execution environment, as Powertools intends: the metrics are flushed per invocation.
    shell ??= {
      log: logger(functionName),
      tracer: new Tracer({ serviceName: functionName }),
      metrics: new Metrics({
        namespace,
        serviceName: functionName,
        defaultDimensions: { function: functionName },
      }),
    };
    const { log, tracer, metrics } = shell;
    log.addContext(context);
    metrics.addMetric('Invocations', MetricUnit.Count, 1);
    if (coldStart) metrics.addMetric('ColdStart', MetricUnit.Count, 1);
    coldStart = false;
    const segment = tracer.getSegment();
    const subsegment = segment?.addNewSubsegment(`## ${functionName}`);
    if (subsegment) tracer.setSegment(subsegment);
    enterInvocation(context);
    try {
      return await body(event, context, {
        log,
        count: (name, value = 1) => metrics.addMetric(name, MetricUnit.Count, value),
      });
    } finally {
      leaveInvocation(context);
      subsegment?.close();
      if (segment) tracer.setSegment(segment);
      metrics.publishStoredMetrics();
    }
  };
}
