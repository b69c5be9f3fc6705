import { EmptyState } from '../components/ui.js';
import { usePageTitle } from '../hooks.js';
import { Link } from '../router.js';

export function NotFoundView({ path }: { path: string }) {
  const heading = usePageTitle('Page not found');
  return (
    <>
      <h1 ref={heading.ref} tabIndex={-1}>
        Page not found
      </h1>
      <EmptyState title={`There is no page at ${path}`}>
        <p>
          Go to the <Link href="/">overview</Link> or the <Link href="/app/suppliers">supplier list</Link>.
        </p>
      </EmptyState>
    </>
  );
}
