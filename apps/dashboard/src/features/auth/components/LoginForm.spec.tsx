import { ApiError } from '@switchyard/api-client';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp } from '../../../../test/render';
import { LoginForm } from './LoginForm';

describe('LoginForm', () => {
  it('signs in with the typed email and password', async () => {
    const login = jest.fn().mockResolvedValue({ id: 'u1', email: 'ada@example.com', role: 'admin' });
    const onSignedIn = jest.fn();
    renderWithApp(<LoginForm onSignedIn={onSignedIn} />, { role: null, auth: { login } });
    await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(login).toHaveBeenCalledWith({ email: 'ada@example.com', password: 'correct horse battery' });
  });

  it('says the credentials are wrong on a 401 and stays on the form', async () => {
    const login = jest.fn().mockRejectedValue(new ApiError(401, 'invalid credentials'));
    const onSignedIn = jest.fn();
    renderWithApp(<LoginForm onSignedIn={onSignedIn} />, { role: null, auth: { login } });
    await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('explains rate limiting', async () => {
    const login = jest.fn().mockRejectedValue(new ApiError(429, 'too many requests'));
    renderWithApp(<LoginForm onSignedIn={jest.fn()} />, { role: null, auth: { login } });
    await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts');
  });

  it('asks for both fields before calling the API', async () => {
    const login = jest.fn();
    renderWithApp(<LoginForm onSignedIn={jest.fn()} />, { role: null, auth: { login } });
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter your email and password.');
    expect(login).not.toHaveBeenCalled();
  });
});
