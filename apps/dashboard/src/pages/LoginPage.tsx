import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../app/auth/auth-context';
import { LoginForm } from '../features/auth/components/LoginForm';

/** Only same-app paths are accepted as `next`, so a crafted link cannot send people elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  if (auth.status === 'authenticated') return <Navigate to={next} replace />;
  return (
    <div style={{ minHeight: '100%', display: 'grid', placeItems: 'center', padding: 24 }}>
      <div className="card" style={{ width: 360, padding: 28 }}>
        <div className="app-brand" style={{ color: 'var(--text)', padding: '0 0 8px' }}>
          <span className="app-brand-mark" aria-hidden="true" style={{ color: '#fff' }}>⇄</span>
          Switchyard
        </div>
        <h1 style={{ fontSize: 18, marginBottom: 4 }}>Sign in</h1>
        <p className="muted" style={{ marginBottom: 20 }}>LLM routing, caching and spend for your teams.</p>
        <LoginForm onSignedIn={() => navigate(next, { replace: true })} />
      </div>
    </div>
  );
}
