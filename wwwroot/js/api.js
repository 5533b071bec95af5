// Calls to the service. Errors arrive as ProblemDetails and are thrown as ApiError.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The service answered ${status}.`);
    this.status = status;
    this.problem = problem ?? {};
  }

  /** ValidationProblem errors keyed by field name (snake_case, as the API names them). */
  get fieldErrors() {
    return this.problem.errors ?? {};
  }
}

async function readProblem(response) {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try { return await response.json(); } catch { /* an empty or broken body: fall through */ }
  }
  return { title: response.statusText, status: response.status };
}

export async function getJson(url, { signal } = {}) {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal, credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  return response.json();
}

let antiforgery;

/** The token cookie-authenticated writes send as X-CSRF-TOKEN; none when the service does not hand one out. */
async function csrfToken() {
  antiforgery ??= fetch('/api/account/antiforgery', { credentials: 'same-origin' })
    .then(r => (r.ok ? r.json() : {}))
    .then(body => body.token ?? null)
    .catch(() => null);
  return antiforgery;
}

/** Forgets the token, e.g. after signing in or out (it is bound to the user). */
export function resetCsrf() {
  antiforgery = undefined;
}

/**
 * Sends a write. body is JSON unless it is FormData. Returns {body, etag, location, status}.
 * etag adds If-Match, so a record changed by someone else meanwhile comes back as 412.
 */
export async function send(method, url, body, { etag } = {}) {
  const headers = { Accept: 'application/json' };
  const token = await csrfToken();
  if (token) headers['X-CSRF-TOKEN'] = token;
  if (etag) headers['If-Match'] = etag;
  let payload = body;
  if (body !== undefined && !(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    location: response.headers.get('location'),
    body: type.includes('json') ? await response.json() : null,
  };
}

/** Follows an OGC-style FeatureCollection's next links and returns every feature. */
export async function getAllFeatures(url) {
  const features = [];
  let next = url;
  while (next) {
    const page = await getJson(next);
    features.push(...page.features);
    next = page.links?.find(l => l.rel === 'next')?.href ?? null;
  }
  return features;
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of [value].flat()) if (v !== undefined && v !== null && v !== '') search.append(key, v);
  }
  return search.toString();
}

let vocabularies;

/** GET /api/vocabularies, once per page. */
export function loadVocabularies() {
  vocabularies ??= getJson('/api/vocabularies');
  return vocabularies;
}

export function labelOf(list, code) {
  return list?.find(t => t.code === code)?.label ?? code;
}
