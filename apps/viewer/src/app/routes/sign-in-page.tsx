import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../shared/auth/auth-context.js';
import { SignInForm } from '../../shared/auth/sign-in-form.js';

export function SignInPage() {
  const { session, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const raw = params.get('next') ?? '/accounts';
  // Only paths inside the viewer: never an absolute URL elsewhere.
  const next = raw.startsWith('/') && !raw.startsWith('//') ? raw : '/accounts';
  if (session) return <Navigate to={next} replace />;
  return (
    <main className="sign-in" id="main">
      <SignInForm
        onSubmit={async (key) => {
          await signIn(key);
          navigate(next, { replace: true });
        }}
      />
    </main>
  );
}
