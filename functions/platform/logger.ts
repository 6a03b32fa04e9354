import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured logger for every function. Log ids and codes only: never names, dates of birth,
 * answers or free text (PHI stays in the table, whose reads are audited).
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bh-consult',
  logLevel:
    (process.env.LOG_LEVEL as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT' | undefined) ?? 'INFO',
});
