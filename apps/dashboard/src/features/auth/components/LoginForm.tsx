import { isApiError } from '@switchyard/api-client';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { useAuth } from '../../../app/auth/auth-context';

export function LoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { login } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login({ email: email.trim(), password });
      onSignedIn();
    } catch (err) {
      setError(loginErrorMessage(err));
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Sign in">
      <Field label="Email">
        <input className="input" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
      </Field>
      <Field label="Password">
        <input className="input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      {error && (
        <div className="notice notice-danger" role="alert">
          {error}
        </div>
      )}
      <Button type="submit" variant="primary" busy={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}

function loginErrorMessage(err: unknown): string {
  if (!isApiError(err)) return 'Sign-in failed. Try again.';
  if (err.status === 401) return 'Wrong email or password.';
  if (err.status === 429) return 'Too many attempts. Wait a minute, then try again.';
  if (err.status === 400) return err.issues.length ? err.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : err.message;
  if (err.isNetworkError) return 'The control plane is unreachable. Check that it is running, then try again.';
  return `Sign-in failed: ${err.message}`;
}
