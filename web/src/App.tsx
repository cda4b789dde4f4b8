import { Route, Routes } from 'react-router-dom';
import { NavBar } from './components/NavBar';
import { RequireAuth } from './components/RequireAuth';
import { RequireRole } from './components/RequireRole';
import { LazyPage, lazyPage } from './components/LazyPage';
import { CartPage } from './pages/CartPage';
import { CatalogPage } from './pages/CatalogPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProductPage } from './pages/ProductPage';
import { SignInPage } from './pages/SignInPage';
import { SignUpPage } from './pages/SignUpPage';

// Downloaded on first visit: the staff consoles, and the pages behind sign-in, are not part of
// a shopper's first load (browsing, a product, the cart and signing in are).
const SellerConsole = lazyPage(() => import('./consoles/seller/SellerConsole').then((m) => m.SellerConsole));
const KitchenConsole = lazyPage(() => import('./consoles/kitchen/KitchenConsole').then((m) => m.KitchenConsole));
const CourierConsole = lazyPage(() => import('./consoles/courier/CourierConsole').then((m) => m.CourierConsole));
const AdminConsole = lazyPage(() => import('./consoles/admin/AdminConsole').then((m) => m.AdminConsole));
const CheckoutPage = lazyPage(() => import('./pages/CheckoutPage').then((m) => m.CheckoutPage));
const OrdersPage = lazyPage(() => import('./pages/OrdersPage').then((m) => m.OrdersPage));
const OrderPage = lazyPage(() => import('./pages/OrderPage').then((m) => m.OrderPage));
const WalletPage = lazyPage(() => import('./pages/WalletPage').then((m) => m.WalletPage));
const AccountPage = lazyPage(() => import('./pages/AccountPage').then((m) => m.AccountPage));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<CatalogPage />} />
      <Route path="/products/:id" element={<ProductPage />} />
      <Route path="/cart" element={<CartPage />} />
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/signup" element={<SignUpPage />} />
      <Route path="/checkout" element={<RequireAuth><LazyPage><CheckoutPage /></LazyPage></RequireAuth>} />
      <Route path="/orders" element={<RequireAuth><LazyPage><OrdersPage /></LazyPage></RequireAuth>} />
      <Route path="/orders/:id" element={<RequireAuth><LazyPage><OrderPage /></LazyPage></RequireAuth>} />
      <Route path="/wallet" element={<RequireAuth><LazyPage><WalletPage /></LazyPage></RequireAuth>} />
      <Route path="/account" element={<RequireAuth><LazyPage><AccountPage /></LazyPage></RequireAuth>} />
      <Route path="/seller/*" element={<RequireRole roles={['SELLER', 'ADMIN']}><LazyPage><SellerConsole /></LazyPage></RequireRole>} />
      <Route path="/kitchen/*" element={<RequireRole roles={['KITCHEN', 'ADMIN']}><LazyPage><KitchenConsole /></LazyPage></RequireRole>} />
      <Route path="/courier/*" element={<RequireRole roles={['COURIER']}><LazyPage><CourierConsole /></LazyPage></RequireRole>} />
      <Route path="/admin/*" element={<RequireRole roles={['ADMIN']}><LazyPage><AdminConsole /></LazyPage></RequireRole>} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

export function App() {
  return (
    <>
      <a className="visually-hidden-focusable position-absolute m-2 btn btn-light" href="#main">
        Skip to content
      </a>
      <NavBar />
      <main id="main" className="container py-4">
        <AppRoutes />
      </main>
      <footer className="container py-3 small text-secondary border-top">
        Vitrine storefront · prices in tenge (₸)
      </footer>
    </>
  );
}
