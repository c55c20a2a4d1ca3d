import { Logger } from '@aws-lambda-powertools/logger';

/** The one structured logger of the project's functions. */
export const logger = new Logger({ serviceName: 'bedrock-lifecycle-monitor' });
