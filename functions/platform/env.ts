import * as z from 'zod';

/** Lambda environment, parsed once at the edge like any other input. */
const LambdaEnv = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Only in local mode: DynamoDB Local's endpoint. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** chime in AWS; the local platform's peer-to-peer provider otherwise. */
  MEETINGS_PROVIDER: z.enum(['chime', 'webrtc-local']).default('webrtc-local'),
  /** The WebSocket API's management endpoint (https://{api}.execute-api.{region}.amazonaws.com/{stage}); absent locally. */
  WS_MANAGEMENT_ENDPOINT: z.url().optional(),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
});
export type LambdaEnv = z.infer<typeof LambdaEnv>;

export const readEnv = (source: NodeJS.ProcessEnv = process.env): LambdaEnv => {
  const parsed = LambdaEnv.safeParse(source);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`Invalid Lambda environment: ${names}`);
  }
  return parsed.data;
};
