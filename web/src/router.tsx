import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { isPageHref, parseRoute, type Route } from './lib/route.js';

interface RouterState {
  route: Route;
  navigate: (href: string, options?: { replace?: boolean }) => void;
}

const RouterContext = createContext<RouterState>({ route: { view: 'overview' }, navigate: () => undefined });

function current(): Route {
  return parseRoute(window.location.pathname, window.location.search);
}

/** From the first move inside the page on, a new page's heading takes focus (see usePageTitle). */
function markNavigated(): void {
  document.body.dataset.navigated = 'true';
}

/** History-API routing for the /app/ addresses; every other link is an ordinary browser navigation. */
export function Router({ children }: { children: ComponentChildren }) {
  const [route, setRoute] = useState<Route>(current);

  useEffect(() => {
    const onPop = () => {
      markNavigated();
      setRoute(current());
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = (href: string, options: { replace?: boolean } = {}) => {
    if (href === `${window.location.pathname}${window.location.search}`) {
      return;
    }
    if (options.replace) {
      window.history.replaceState(null, '', href);
    } else {
      markNavigated();
      window.history.pushState(null, '', href);
      window.scrollTo(0, 0);
    }
    setRoute(current());
  };

  return <RouterContext.Provider value={{ route, navigate }}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterState {
  return useContext(RouterContext);
}

interface LinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  title?: string;
  'aria-label'?: string;
  'aria-current'?: 'page';
}

/** A link to a page address, handled without reloading; modifier clicks still open a new tab. */
export function Link({ href, children, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  const onClick = (event: MouseEvent) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    if (isPageHref(href)) {
      event.preventDefault();
      navigate(href);
    }
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
