import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { errorMessage } from '../../shared/api/api-error.js';

/** Shown instead of a page that failed to load or render, with a way back. */
export function RouteErrorPage() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return (
    <main className="sign-in" id="main">
      <section className="card" role="alert">
        <h1>This page could not be shown</h1>
        <p>{message}</p>
        <p>
          <a href={window.location.href}>Reload the page</a> or <Link to="/accounts">go to accounts</Link>.
        </p>
      </section>
    </main>
  );
}
