import { describe, expect, it, vi } from 'vitest';
import { Component, type ReactNode } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { LazyPage, lazyPage } from './LazyPage';

function show(page: ReactNode) {
  return render(
    <MemoryRouter>
      <LazyPage>{page}</LazyPage>
    </MemoryRouter>,
  );
}

class Outer extends Component<{ children: ReactNode }, { error: unknown }> {
  state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  render() {
    return this.state.error ? <p>Outer caught: {String((this.state.error as Error).message)}</p> : this.props.children;
  }
}

describe('LazyPage', () => {
  it('when the page’s code cannot be downloaded, says so in plain words and offers a reload', async () => {
    const Page = lazyPage<object>(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/SellerConsole-x.js')));
    const reload = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, reload });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    show(<Page />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This page could not be loaded. Vitrine may have just been updated');
    expect(alert).not.toHaveTextContent('Failed to fetch');
    await userEvent.click(screen.getByRole('button', { name: 'Reload the page' }));
    expect(reload).toHaveBeenCalledOnce();
  });

  it('leaves any other error to the boundary above it', async () => {
    const Broken = lazyPage<object>(async () => () => {
      throw new Error('a bug in the page');
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <MemoryRouter>
        <Outer>
          <LazyPage>
            <Broken />
          </LazyPage>
        </Outer>
      </MemoryRouter>,
    );

    expect(await screen.findByText('Outer caught: a bug in the page')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reload the page' })).not.toBeInTheDocument();
  });
});
