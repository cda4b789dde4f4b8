import { Route, Routes } from 'react-router-dom';
import { NavBar } from './components/NavBar';
import { RequireAuth } from './components/RequireAuth';
import { RequireRole } from './components/RequireRole';
import { AdminConsole } from './consoles/admin/AdminConsole';
import { CourierConsole } from './consoles/courier/CourierConsole';
import { KitchenConsole } from './consoles/kitchen/KitchenConsole';
import { SellerConsole } from './consoles/seller/SellerConsole';
import { AccountPage } from './pages/AccountPage';
import { CartPage } from './pages/CartPage';
import { CatalogPage } from './pages/CatalogPage';
import { CheckoutPage } from './pages/CheckoutPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrderPage } from './pages/OrderPage';
import { OrdersPage } from './pages/OrdersPage';
import { ProductPage } from './pages/ProductPage';
import { SignInPage } from './pages/SignInPage';
import { SignUpPage } from './pages/SignUpPage';
import { WalletPage } from './pages/WalletPage';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<CatalogPage />} />
      <Route path="/products/:id" element={<ProductPage />} />
      <Route path="/cart" element={<CartPage />} />
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/signup" element={<SignUpPage />} />
      <Route path="/checkout" element={<RequireAuth><CheckoutPage /></RequireAuth>} />
      <Route path="/orders" element={<RequireAuth><OrdersPage /></RequireAuth>} />
      <Route path="/orders/:id" element={<RequireAuth><OrderPage /></RequireAuth>} />
      <Route path="/wallet" element={<RequireAuth><WalletPage /></RequireAuth>} />
      <Route path="/account" element={<RequireAuth><AccountPage /></RequireAuth>} />
      <Route path="/seller/*" element={<RequireRole roles={['SELLER', 'ADMIN']}><SellerConsole /></RequireRole>} />
      <Route path="/kitchen/*" element={<RequireRole roles={['KITCHEN', 'ADMIN']}><KitchenConsole /></RequireRole>} />
      <Route path="/courier/*" element={<RequireRole roles={['COURIER']}><CourierConsole /></RequireRole>} />
      <Route path="/admin/*" element={<RequireRole roles={['ADMIN']}><AdminConsole /></RequireRole>} />
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
