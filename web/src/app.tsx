import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, onSignInRequired } from './api/client.js';
import type { Me } from './api/types.js';
import { ErrorNotice } from './components/ui.js';
import { useResource } from './hooks.js';
import { roleLabel, type Capability } from './lib/roles.js';
import { hrefFor, sectionOf, type Route, type View } from './lib/route.js';
import { Link, Router, useRouter } from './router.js';
import { SessionProvider, useSession } from './session.js';
import { DataGapsView } from './views/data-gaps.js';
import { ImportView } from './views/import.js';
import { MatchesView } from './views/matches.js';
import { NotFoundView } from './views/not-found.js';
import { OverviewView } from './views/overview.js';
import { ReportsView } from './views/reports.js';
import { RulesView } from './views/rules.js';
import { ScreeningView } from './views/screening.js';
import { SupplierView } from './views/supplier.js';
import { SuppliersView } from './views/suppliers.js';

/** The main navigation; an entry with a capability shows only to the roles that have it. */
const NAV: { view: View; label: string; route: Route; capability?: Capability }[] = [
  { view: 'overview', label: 'Overview', route: { view: 'overview' } },
  { view: 'suppliers', label: 'Suppliers', route: { view: 'suppliers', search: '' } },
  // Every role reads GET /dashboard/data-gaps.
  { view: 'data-gaps', label: 'Data gaps', route: { view: 'data-gaps', search: '' } },
  { view: 'import', label: 'Import', route: { view: 'import' } },
  {
    view: 'matches',
    label: 'Duplicates',
    route: { view: 'matches', status: 'pending' },
    capability: 'viewMatches',
  },
  {
    view: 'screening',
    label: 'Screening',
    route: { view: 'screening', status: 'open' },
    capability: 'viewScreening',
  },
  { view: 'rules', label: 'Rules', route: { view: 'rules' } },
  { view: 'reports', label: 'Reports', route: { view: 'reports' } },
];

export function App() {
  return (
    <Router>
      <Shell />
    </Router>
  );
}

function Shell() {
  const { route } = useRouter();
  const section = sectionOf(route);
  // Who is signed in decides what the pages offer; a server without /auth/me leaves every control on.
  const me = useResource<Me>('/auth/me', { optional: true });

  return (
    <SessionProvider me={me.data}>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <Link href="/" class="brand" aria-label="Vigil overview">
          <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden="true">
            <rect width="32" height="32" rx="6" fill="#fff" opacity="0.12" />
            <path
              d="M8 9l8 15 8-15"
              fill="none"
              stroke="#fff"
              stroke-width="3.5"
              stroke-linecap="round"
              stroke-linejoin="round"
            />
          </svg>
          <span>Vigil</span>
          <span class="brand-sub">supplier risk</span>
        </Link>
        <MainNav section={section} />
        <a class="topbar-docs" href="/api/docs">
          API
        </a>
        {me.data && <SignedIn me={me.data} />}
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
      <SignInDialog onSignedIn={me.reload} />
    </SessionProvider>
  );
}

function MainNav({ section }: { section: View | undefined }) {
  const { can } = useSession();
  return (
    <nav aria-label="Main">
      <ul>
        {NAV.filter((item) => !item.capability || can[item.capability]).map((item) => (
          <li key={item.view}>
            <Link href={hrefFor(item.route)} aria-current={section === item.view ? 'page' : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Who is signed in, and the way out; API tokens have no session to end. */
function SignedIn({ me }: { me: Me }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const signOut = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api('/auth/logout', { method: 'POST' });
      // A fresh page: nothing of the last user stays in memory, and the first call asks for sign-in.
      window.location.assign('/');
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
      setBusy(false);
    }
  };

  return (
    <div class="signed-in">
      <span class="who" title={me.label}>
        <span class="visually-hidden">Signed in as </span>
        <span class="who-label">{me.label}</span>
        <span class="who-role">{roleLabel(me.role)}</span>
      </span>
      {me.via !== 'api-token' && (
        <button type="button" class="topbar-button" disabled={busy} onClick={() => void signOut()}>
          {busy ? 'Signing out…' : 'Sign out'}
        </button>
      )}
      {error && (
        <span class="signed-in-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.view) {
    case 'overview':
      return <OverviewView />;
    case 'suppliers':
      return <SuppliersView search={route.search} />;
    case 'supplier':
      return <SupplierView key={route.id} id={route.id} />;
    case 'data-gaps':
      return <DataGapsView search={route.search} />;
    case 'import':
      return <ImportView key={route.batchId ?? 'new'} batchId={route.batchId} />;
    case 'matches':
      return <MatchesView status={route.status} />;
    case 'screening':
      return <ScreeningView filter={route} />;
    case 'rules':
      return <RulesView />;
    case 'reports':
      return <ReportsView />;
    case 'not-found':
      return <NotFoundView path={route.path} />;
  }
}

/** Shown when the service answers 401: signs in with a session cookie, then the calls that waited carry on. */
function SignInDialog({ onSignedIn }: { onSignedIn: () => void }) {
  const [waiting, setWaiting] = useState<(() => void) | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    onSignInRequired(() => new Promise<void>((resolve) => setWaiting(() => resolve)));
  }, []);

  useEffect(() => {
    if (waiting && dialog.current && !dialog.current.open) {
      dialog.current.showModal();
    }
  }, [waiting]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api('/auth/login', { method: 'POST', body: { email, password } });
      setPassword('');
      dialog.current?.close();
      waiting?.();
      setWaiting(null);
      // Maybe someone else than before: the role decides what the pages offer.
      onSignedIn();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(String(caught), 0));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      class="sign-in"
      aria-labelledby="sign-in-title"
      onCancel={(event) => event.preventDefault() /* the calls behind it need an answer */}
    >
      <form onSubmit={(event) => void submit(event)}>
        <h2 id="sign-in-title">Sign in to Vigil</h2>
        <p class="muted">Your session has ended or this server needs you to sign in.</p>
        {error && <ErrorNotice error={error} />}
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </dialog>
  );
}
