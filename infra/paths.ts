/** Repository paths the infra refers to; infra never imports runtime code, only points at it. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export const httpHandlerEntry = (handler: string): string =>
  path.join(projectRoot, 'functions', 'handlers', 'http', `${handler}.ts`);

export const defaultWebDist = path.join(projectRoot, 'web', 'dist');
