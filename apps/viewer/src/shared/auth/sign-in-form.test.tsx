import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SignInForm } from './sign-in-form.js';

describe('SignInForm', () => {
  it('submits the key typed into the field labelled "API key"', async () => {
    const onSubmit = vi.fn(async () => {});
    render(<SignInForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('API key'), 'kdr_secret');
    await userEvent.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenCalledWith('kdr_secret');
  });

  it('shows why signing in failed and lets the user try again', async () => {
    const onSubmit = vi.fn(async () => {
      throw new Error('the API key is unknown or revoked');
    });
    render(<SignInForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('API key'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the API key is unknown or revoked');
    expect(screen.getByLabelText('API key')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });
});
