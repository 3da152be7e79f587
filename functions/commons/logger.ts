import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs: ids, routes, outcomes and counts only. Never request bodies, names, IPs, cookies or tokens;
 * the event is never logged.
 */
export const logger = new Logger({ serviceName: 'konsulto' });
