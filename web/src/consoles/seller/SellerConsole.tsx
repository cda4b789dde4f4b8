import './seller.css';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { SectionTabs } from '../../components/SectionTabs';
import { LowStockPage } from './LowStockPage';
import { OfferStockPage } from './OfferStockPage';
import { ProductEditorPage } from './ProductEditorPage';
import { ProductsPage } from './ProductsPage';
import { ShopOffersPage } from './ShopOffersPage';
import { ShopsPage } from './ShopsPage';

/** The SELLER console: shops and their offers with live stock, products, the restocking list. */
export function SellerConsole() {
  // An offer's stock page belongs to the Shops section.
  const inShops = /^\/seller\/(shops|offers)(\/|$)/.test(useLocation().pathname);
  return (
    <div className="seller-console">
      <h1 className="h3 mb-3">Seller</h1>
      <SectionTabs
        title="Seller"
        label="Seller sections"
        className="flex-nowrap"
        tabs={[
          { to: '/seller/shops', label: 'Shops', active: inShops },
          { to: '/seller/products', label: 'Products' },
          { to: '/seller/low-stock', label: 'Low stock' },
        ]}
      />
      <Routes>
        <Route index element={<Navigate to="/seller/shops" replace />} />
        <Route path="shops" element={<ShopsPage />} />
        <Route path="shops/:shopId" element={<ShopOffersPage />} />
        <Route path="offers/:offerId" element={<OfferStockPage />} />
        <Route path="products" element={<ProductsPage />} />
        <Route path="products/new" element={<ProductEditorPage />} />
        <Route path="products/:productId/edit" element={<ProductEditorPage />} />
        <Route path="low-stock" element={<LowStockPage />} />
        <Route path="*" element={<Navigate to="/seller/shops" replace />} />
      </Routes>
    </div>
  );
}
