import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useClient, useMutation } from 'urql';
import { LoginMutation } from '../api/operations';
import { completeSignIn } from '../api/signIn';
import { Field } from '../components/Field';
import { ErrorAlert } from '../components/Status';
import { landingFor } from '../lib/roles';
import { validateEmail } from '../lib/validation';
import { usePageTitle } from '../lib/title';

export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  usePageTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string | null; password?: string | null }>({});
  const [state, login] = useMutation(LoginMutation);
  const client = useClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next = { email: validateEmail(email), password: password ? null : 'Enter your password.' };
    setErrors(next);
    if (next.email || next.password) return;
    const result = await login({ email: email.trim(), password });
    if (result.data) {
      await completeSignIn(client, result.data.login);
      // Staff who did not ask for a page land on their console.
      const asked = params.get('next');
      navigate(asked ? safeNext(asked) : landingFor(result.data.login.customer.roles), { replace: true });
    }
  };

  return (
    <div className="row justify-content-center">
      <div className="col-sm-10 col-md-7 col-lg-5">
        <h1 className="h3 mb-3">Sign in</h1>
        <ErrorAlert error={state.error} title="Could not sign in" />
        <form onSubmit={submit} noValidate aria-label="Sign in">
          <Field label="E-mail" type="email" name="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} required />
          <Field label="Password" type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} required />
          <button type="submit" className="btn btn-primary w-100" disabled={state.fetching}>
            {state.fetching ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="mt-3 text-center">
          New here? <Link to={`/signup${params.get('next') ? `?next=${encodeURIComponent(params.get('next') ?? '')}` : ''}`}>Create an account</Link>
        </p>
      </div>
    </div>
  );
}
