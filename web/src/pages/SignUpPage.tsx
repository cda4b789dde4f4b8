import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useClient, useMutation } from 'urql';
import { RegisterMutation } from '../api/operations';
import { completeSignIn } from '../api/signIn';
import { Field } from '../components/Field';
import { ErrorAlert } from '../components/Status';
import { PASSWORD_HINT, validateEmail, validateName, validatePassword, validatePhone } from '../lib/validation';
import { safeNext } from './SignInPage';
import { usePageTitle } from '../lib/title';

interface Errors {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  password?: string | null;
  confirm?: string | null;
}

export function SignUpPage() {
  usePageTitle('Create an account');
  const [form, setForm] = useState({ name: '', email: '', phone: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [state, register] = useMutation(RegisterMutation);
  const client = useClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const set = (key: keyof typeof form) => (e: ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: Errors = {
      name: validateName(form.name),
      email: validateEmail(form.email),
      phone: validatePhone(form.phone),
      password: validatePassword(form.password, form.email),
      confirm: form.confirm === form.password ? null : 'Passwords do not match.',
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    const result = await register({
      input: {
        name: form.name.trim(),
        email: form.email.trim(),
        phone: form.phone.trim() || null,
        password: form.password,
      },
    });
    if (result.data) {
      await completeSignIn(client, result.data.register);
      navigate(safeNext(params.get('next')), { replace: true });
    }
  };

  return (
    <div className="row justify-content-center">
      <div className="col-sm-10 col-md-7 col-lg-5">
        <h1 className="h3 mb-3">Create an account</h1>
        <ErrorAlert error={state.error} title="Could not sign up" />
        <form onSubmit={submit} noValidate aria-label="Sign up">
          <Field label="Name" name="name" autoComplete="name" value={form.name} onChange={set('name')} error={errors.name} required />
          <Field label="E-mail" type="email" name="email" autoComplete="email" value={form.email} onChange={set('email')} error={errors.email} required />
          <Field label="Phone (optional)" type="tel" name="phone" autoComplete="tel" value={form.phone} onChange={set('phone')} error={errors.phone} />
          <Field label="Password" type="password" name="password" autoComplete="new-password" value={form.password} onChange={set('password')} error={errors.password} hint={PASSWORD_HINT} required />
          <Field label="Repeat password" type="password" name="confirm" autoComplete="new-password" value={form.confirm} onChange={set('confirm')} error={errors.confirm} required />
          <button type="submit" className="btn btn-primary w-100" disabled={state.fetching}>
            {state.fetching ? 'Creating account…' : 'Sign up'}
          </button>
        </form>
        <p className="mt-3 text-center">
          Already have an account? <Link to="/signin">Sign in</Link>
        </p>
      </div>
    </div>
  );
}
