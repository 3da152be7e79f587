import { AsyncLocalStorage } from 'node:async_hooks';
import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';

/**
 * The correlation id of the request being handled. An AsyncLocalStorage rather than logger keys: the local runtime
 * runs many requests of one handler module at once, and each log line must carry its own request's id.
 */
const requestScope = new AsyncLocalStorage<{ correlationId: string }>();

/** Runs `work` with every log line it writes (however deep) carrying `correlationId`. */
export function withCorrelationId<T>(correlationId: string, work: () => Promise<T>): Promise<T> {
  return requestScope.run({ correlationId }, work);
}

export function currentCorrelationId(): string | undefined {
  return requestScope.getStore()?.correlationId;
}

/** Powertools' standard fields, plus `correlation_id` of the current request when there is one. */
class CorrelatedLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additionalLogAttributes: LogAttributes): LogItem {
    const correlationId = currentCorrelationId();
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: attributes.lambdaContext?.coldStart,
        function_name: attributes.lambdaContext?.functionName,
        function_request_id: attributes.lambdaContext?.awsRequestId,
        xray_trace_id: attributes.xRayTraceId,
        ...(correlationId ? { correlation_id: correlationId } : {}),
      },
    }).addAttributes(additionalLogAttributes);
  }
}

/**
 * Structured JSON logs: ids, routes, outcomes and counts only. Never request bodies, names, IPs, cookies or tokens;
 * the event is never logged. Every line written while a request is handled carries its `correlation_id`.
 */
export const logger = new Logger({ serviceName: 'konsulto', logFormatter: new CorrelatedLogFormatter() });
