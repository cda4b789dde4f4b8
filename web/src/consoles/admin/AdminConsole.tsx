import { Navigate, Route, Routes } from 'react-router-dom';
import { SectionTabs } from '../../components/SectionTabs';
import { CouriersPage } from './sales/CouriersPage';
import { OrderDetailPage } from './sales/OrderDetailPage';
import { OrdersBoardPage } from './sales/OrdersBoardPage';
import { FinancePage } from './finance/FinancePage';

/** The ADMIN console: the sales board, couriers and the delivery record, finance. */
export function AdminConsole() {
  return (
    <div>
      <h1 className="h3 mb-3">Admin</h1>
      <SectionTabs
        title="Admin"
        label="Admin sections"
        tabs={[
          { to: '/admin/orders', label: 'Orders' },
          { to: '/admin/couriers', label: 'Couriers' },
          { to: '/admin/finance', label: 'Finance' },
        ]}
      />
      <Routes>
        <Route index element={<Navigate to="orders" replace />} />
        <Route path="orders" element={<OrdersBoardPage />} />
        <Route path="orders/:id" element={<OrderDetailPage />} />
        <Route path="couriers" element={<CouriersPage />} />
        <Route path="finance" element={<FinancePage />} />
      </Routes>
    </div>
  );
}
