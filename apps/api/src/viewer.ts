import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Request, type Response, type NextFunction } from 'express';

/** Serves the built viewer: its files, and `index.html` for every other GET outside the API so
 * that client-side routes (`/accounts/1/related`) load on reload. */
export function viewerRoutes(dir: string): Router | undefined {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) return undefined;
  const router = Router();
  router.use(express.static(dir, { index: false, maxAge: '1h', setHeaders: noCacheForHtml }));
  router.get(/^(?!\/v1(?:\/|$)|\/healthz$|\/readyz$).*/, (req: Request, res: Response, next: NextFunction) => {
    if (!req.accepts('html')) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (err) => {
      if (err) next(err);
    });
  });
  return router;
}

function noCacheForHtml(res: Response, file: string): void {
  if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
