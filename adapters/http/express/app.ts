import express from 'express';
import { createRouter, type HttpOptions } from './router.js';

/** A ready Express 5 application: the zhongtai router at the root (it answers unknown paths with problem+json 404s). */
export function createApp(options: HttpOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(createRouter(options));
  return app;
}
