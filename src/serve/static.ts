// The explorer page's server: the files of build/web/ over node:http on 127.0.0.1, nothing else. The
// cross-origin isolation headers let the page's training worker share a WebAssembly memory
// (SharedArrayBuffer needs `crossOriginIsolated`).

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.ts';

/** Where `npm run build` puts the page. */
export const WEB_ROOT = fileURLToPath(new URL('../../build/web', import.meta.url));

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Headers on every response: cross-origin isolation, no sniffing, no caching of a page being developed. */
const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

/** The file a URL path names under `root`, or null when it escapes root or is not a file. */
function fileFor(root: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  const file = resolve(join(root, path.endsWith('/') ? `${path}index.html` : path));
  if (file !== root && !file.startsWith(root + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** A server for the static files under `root` (GET and HEAD only), not yet listening. */
export function staticServer(root: string): Server {
  const base = resolve(root);
  return createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...HEADERS, Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = fileFor(base, req.url ?? '/');
    if (file === null) {
      res.writeHead(404, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      ...HEADERS,
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
}

/**
 * Serves the built page on 127.0.0.1:port (0: any free port) and resolves with its URL. A UsageError when
 * the page was not built or the port is taken.
 */
export async function servePage(port: number, root = WEB_ROOT): Promise<{ server: Server; url: string }> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new UsageError(`the page is not built (no ${join(root, 'index.html')}): run npm run build`);
  }
  const server = staticServer(root);
  await new Promise<void>((done, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(
        e.code === 'EADDRINUSE' || e.code === 'EACCES'
          ? new UsageError(
              `port ${port} on 127.0.0.1 is ${e.code === 'EACCES' ? 'not allowed' : 'taken'}: choose another with --port`,
            )
          : e,
      ),
    );
    server.listen(port, '127.0.0.1', done);
  });
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  return { server, url: `http://127.0.0.1:${actual}/` };
}
