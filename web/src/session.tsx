import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import type { Me } from './api/types.js';
import { capabilitiesOf, type Capabilities } from './lib/roles.js';

export interface Session {
  /** Who is signed in; undefined while loading or when the server does not say. */
  me: Me | undefined;
  can: Capabilities;
}

const SessionContext = createContext<Session>({ me: undefined, can: capabilitiesOf(undefined) });

export function SessionProvider({ me, children }: { me: Me | undefined; children: ComponentChildren }) {
  const value = useMemo(() => ({ me, can: capabilitiesOf(me?.role) }), [me]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}
