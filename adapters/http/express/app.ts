import express from 'express';
import { problem } from './problem.js';
import { createRouter, sendProblem, type HttpOptions } from './router.js';

/** A ready Express 5 application: the zhongtai router at the root and problem+json 404s. */
export function createApp(options: HttpOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(createRouter(options));
  app.use((req, res) => sendProblem(req, res, problem(404, 'HTTP.NOT_FOUND', `no route ${req.method} ${req.path}`)));
  return app;
}
