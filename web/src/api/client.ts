import { errorCode, errorMessage, readCookie } from '../lib/api-errors.js';

// Every call to the service goes through api(): one place sends the CSRF header, asks for sign-in on a 401 and
// turns error answers into ApiError with the service's own message.

const CSRF_COOKIE = 'vigil_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 405);
}

type SignIn = () => Promise<void>;
let signIn: SignIn | undefined;
let pendingSignIn: Promise<void> | undefined;

/** The app registers how to ask for sign-in; resolves once signed in. */
export function onSignInRequired(handler: SignIn): void {
  signIn = handler;
}

async function signedIn(): Promise<boolean> {
  if (!signIn) {
    return false;
  }
  // Several calls may fail at once: they all wait for the same sign-in.
  pendingSignIn ??= signIn().finally(() => {
    pendingSignIn = undefined;
  });
  await pendingSignIn;
  return true;
}

function csrfHeaders(method: string): Record<string, string> {
  if (SAFE_METHODS.has(method)) {
    return {};
  }
  const token = readCookie(document.cookie, CSRF_COOKIE);
  return token ? { 'X-CSRF-Token': token } : {};
}

export interface ApiInit {
  method?: string;
  /** Sent as JSON, or as is for FormData. */
  body?: unknown;
  signal?: AbortSignal;
}

async function send(path: string, init: ApiInit, accept: string): Promise<Response> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { Accept: accept, ...csrfHeaders(method) };
  let body: BodyInit | undefined;
  if (init.body instanceof FormData) {
    body = init.body;
  } else if (init.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: init.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(errorMessage(0, undefined), 0);
  }
  if (response.status === 401 && path !== '/auth/login' && (await signedIn())) {
    return send(path, init, accept);
  }
  if (!response.ok) {
    throw await toError(response);
  }
  return response;
}

export async function toError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const details =
    typeof body === 'object' && body !== null ? (body as { details?: unknown }).details : undefined;
  return new ApiError(errorMessage(response.status, body), response.status, errorCode(body), details);
}

export async function api<T>(path: string, init: ApiInit = {}): Promise<T> {
  const response = await send(path, init, 'application/json');
  if (response.status === 204) {
    return undefined as T;
  }
  return (await response.json()) as T;
}

/** Like api(), but an endpoint this server does not have (404) gives null instead of an error. */
export async function apiIfAvailable<T>(path: string, init: ApiInit = {}): Promise<T | null> {
  try {
    return await api<T>(path, init);
  } catch (error) {
    if (isNotFound(error)) {
      return null;
    }
    throw error;
  }
}

function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain filename
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** Fetches a file (so sign-in and errors are handled like any call) and hands it to the browser as a download. */
export async function download(path: string, fallbackName: string): Promise<string> {
  const response = await send(path, {}, '*/*');
  const blob = await response.blob();
  const name = fileNameOf(response, fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** A multipart upload with progress (fetch cannot report upload progress); same headers and errors as api(). */
export function upload<T>(
  path: string,
  form: FormData,
  onProgress: (sent: number, total: number) => void,
): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders('POST'))) {
      request.setRequestHeader(name, value);
    }
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        onProgress(event.loaded, event.total);
      }
    });
    request.addEventListener('error', () => reject(new ApiError(errorMessage(0, undefined), 0)));
    request.addEventListener('load', () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText) as unknown;
      } catch {
        body = undefined;
      }
      if (request.status === 401) {
        signedIn().then(
          (ok) => (ok ? upload<T>(path, form, onProgress).then(resolve, reject) : reject(unauthorised(body))),
          reject,
        );
        return;
      }
      if (request.status < 200 || request.status >= 300) {
        const details =
          typeof body === 'object' && body !== null ? (body as { details?: unknown }).details : undefined;
        reject(new ApiError(errorMessage(request.status, body), request.status, errorCode(body), details));
        return;
      }
      resolve({ status: request.status, body: body as T });
    });
    request.send(form);
  });
}

function unauthorised(body: unknown): ApiError {
  return new ApiError(errorMessage(401, body), 401, errorCode(body));
}
