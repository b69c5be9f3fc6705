import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, apiIfAvailable } from './api/client.js';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** The endpoint does not exist on this server (404): a feature still to come. */
  unavailable: boolean;
  reload: () => void;
}

/** GETs `path` (again whenever it changes); `null` waits. Stale answers of an earlier path are dropped. */
export function useResource<T>(path: string | null, options: { optional?: boolean } = {}): Resource<T> {
  const [state, setState] = useState<Omit<Resource<T>, 'reload'>>({
    data: undefined,
    error: undefined,
    loading: path !== null,
    unavailable: false,
  });
  const [generation, setGeneration] = useState(0);
  const optional = options.optional ?? false;

  useEffect(() => {
    if (path === null) {
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true, error: undefined }));
    const request = optional
      ? apiIfAvailable<T>(path, { signal: controller.signal })
      : api<T>(path, { signal: controller.signal });
    request.then(
      (data) =>
        setState({ data: data ?? undefined, error: undefined, loading: false, unavailable: data === null }),
      (error: unknown) => {
        if (controller.signal.aborted) {
          return;
        }
        setState((previous) => ({
          ...previous,
          loading: false,
          error: error instanceof ApiError ? error : new ApiError(String(error), 0),
        }));
      },
    );
    return () => controller.abort();
  }, [path, generation, optional]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

/** The value after it has stopped changing for `delay` ms (typing in a search box). */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** Sets the window title and moves focus to the page heading, so a screen reader announces the new page. */
export function usePageTitle(title: string): { ref: (el: HTMLHeadingElement | null) => void } {
  const focused = useRef(false);
  useEffect(() => {
    document.title = `${title} · Vigil`;
  }, [title]);
  const ref = useCallback((element: HTMLHeadingElement | null) => {
    if (element && !focused.current) {
      focused.current = true;
      // Only after a navigation inside the page; the first load keeps the browser's own focus.
      if (document.body.dataset.navigated === 'true') {
        element.focus({ preventScroll: true });
      }
    }
  }, []);
  return { ref };
}
