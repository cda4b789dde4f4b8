import { useState } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../api/hooks';
import { useCartScope } from '../api/cart';
import { CartCountQuery, LogoutMutation } from '../api/operations';
import { sessionStore } from '../api/session';
import { consolesFor } from '../lib/roles';
import { HeaderSearch } from './HeaderSearch';
import { NotificationBell } from './NotificationBell';

/** Beside the menu toggle, not in the menu: on a phone the cart is one tap away. */
function CartLink({ onClick }: { onClick?: () => void }) {
  const { guestToken, signedIn } = useCartScope();
  const [{ data }] = useQuery({
    query: CartCountQuery,
    variables: { guestToken },
    pause: !signedIn && !guestToken,
  });
  const count = data?.myCart.itemCount ?? 0;
  return (
    <NavLink
      className="nav-link cart-link px-2 text-nowrap"
      to="/cart"
      onClick={onClick}
      aria-label={`Cart, ${count} item${count === 1 ? '' : 's'}`}
    >
      Cart{' '}
      <span className="badge text-bg-light" data-testid="cart-count" aria-hidden="true">
        {count}
      </span>
    </NavLink>
  );
}

export function NavBar() {
  const session = useSession();
  const [expanded, setExpanded] = useState(false);
  const [, logout] = useMutation(LogoutMutation);
  const navigate = useNavigate();
  const location = useLocation();
  const close = () => setExpanded(false);

  const signOut = async () => {
    const refreshToken = session?.refreshToken;
    sessionStore.clear();
    close();
    navigate('/');
    if (refreshToken) await logout({ refreshToken });
  };

  return (
    <nav className="navbar navbar-expand-lg navbar-dark bg-dark sticky-top" aria-label="Main">
      <div className="container">
        <Link className="navbar-brand fw-bold" to="/" onClick={close}>
          Vitrine
        </Link>
        <HeaderSearch className="order-1 order-lg-0 flex-grow-1 flex-lg-grow-0 mt-2 mt-lg-0 me-lg-3" />
        <div className="d-flex align-items-center gap-2 order-lg-last ms-auto ms-lg-0">
          {/* navbar-nav: the header's link colours. */}
          <div className="navbar-nav">
            <CartLink onClick={close} />
          </div>
          {session && <NotificationBell key={session.customer.id} />}
          <button
            className="navbar-toggler"
            type="button"
            aria-controls="main-nav"
            aria-expanded={expanded}
            aria-label="Toggle navigation"
            onClick={() => setExpanded((e) => !e)}
          >
            <span className="navbar-toggler-icon" />
          </button>
        </div>
        <div className={`collapse navbar-collapse order-2 order-lg-0 ${expanded ? 'show' : ''}`} id="main-nav">
          <ul className="navbar-nav me-auto mb-2 mb-lg-0">
            <li className="nav-item">
              <NavLink className="nav-link" to="/" end onClick={close}>
                Catalog
              </NavLink>
            </li>
            {session && (
              <>
                <li className="nav-item">
                  <NavLink className="nav-link" to="/orders" onClick={close}>
                    Orders
                  </NavLink>
                </li>
                <li className="nav-item">
                  <NavLink className="nav-link" to="/wallet" onClick={close}>
                    Wallet
                  </NavLink>
                </li>
                <li className="nav-item">
                  <NavLink className="nav-link" to="/account" onClick={close}>
                    Account
                  </NavLink>
                </li>
                {consolesFor(session.customer.roles).map((c) => (
                  <li className="nav-item" key={c.path}>
                    <NavLink className="nav-link" to={c.path} onClick={close} data-testid="console-link">
                      {c.label}
                    </NavLink>
                  </li>
                ))}
              </>
            )}
          </ul>
          <ul className="navbar-nav mb-2 mb-lg-0 me-lg-2">
            {session ? (
              <>
                <li className="nav-item">
                  <span className="navbar-text me-2" data-testid="signed-in-as">
                    {session.customer.name}
                  </span>
                </li>
                <li className="nav-item">
                  <button type="button" className="btn btn-outline-light btn-sm mt-1" onClick={signOut}>
                    Sign out
                  </button>
                </li>
              </>
            ) : (
              <>
                <li className="nav-item">
                  <NavLink
                    className="nav-link"
                    to={`/signin?next=${encodeURIComponent(location.pathname)}`}
                    onClick={close}
                  >
                    Sign in
                  </NavLink>
                </li>
                <li className="nav-item">
                  <NavLink className="nav-link" to="/signup" onClick={close}>
                    Sign up
                  </NavLink>
                </li>
              </>
            )}
          </ul>
        </div>
      </div>
    </nav>
  );
}
