// The page's state lives in the URL's query string, so a link reproduces a view. Edits come at typing speed,
// and history.replaceState costs milliseconds (Chrome also throttles a page that calls it hundreds of times), so
// the address is written once the edits pause; currentParams sees every change at once.

/** How long after the last change the address is written. */
export const URL_DELAY_MS = 200;

let pending: URLSearchParams | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

/** The current query parameters, including changes not yet written to the address. */
export function currentParams(): URLSearchParams {
  return new URLSearchParams(pending ?? window.location.search);
}

/** Sets (string) or removes (null) query parameters; the history entry is replaced, without a reload. */
export function setParams(update: Record<string, string | null>): void {
  const params = currentParams();
  for (const [key, value] of Object.entries(update)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  if (params.toString() === currentParams().toString()) return;
  pending = params;
  clearTimeout(timer);
  timer = setTimeout(flush, URL_DELAY_MS);
}

function flush(): void {
  if (pending === null) return;
  const query = pending.toString();
  pending = null;
  window.history.replaceState(null, '', query === '' ? window.location.pathname : `?${query}`);
}
