import { useQuery } from 'urql';
import { Money } from '../../../components/Money';
import { orderStatusVariant } from '../../../lib/orderStatus';
import { SalesActorQuery } from './operations';
import { describeActor, mergeTimeline, type TimelineInput, type TimelineSource } from './timeline';

const SOURCE_LABEL: Record<TimelineSource, string> = {
  order: 'Order',
  kitchen: 'Kitchen',
  delivery: 'Delivery',
  payment: 'Payment',
};

const SOURCE_VARIANT: Record<TimelineSource, string> = {
  order: 'primary',
  kitchen: 'info',
  delivery: 'secondary',
  payment: 'success',
};

/** A moment to the second: steps often follow each other within a minute. */
export function formatStamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** An account named in the history: its name and staff role, looked up once. */
function AccountName({ id }: { id: string }) {
  const [{ data }] = useQuery({ query: SalesActorQuery, variables: { id } });
  const who = data?.customer;
  if (!who) return <span title={id}>an account</span>;
  const staff = who.roles.filter((r) => r !== 'CUSTOMER').map((r) => r.toLowerCase());
  return (
    <span title={id}>
      {who.name}
      {staff.length > 0 && ` (${staff.join(', ')})`}
    </span>
  );
}

function Actor({ actor, customerId, customerName, myId }: { actor: string; customerId: string; customerName: string; myId: string | null }) {
  const d = describeActor(actor, { customerId, customerName, myId });
  return d.kind === 'text' ? <span>{d.text}</span> : <AccountName id={d.id} />;
}

/** Everything that happened to the order, oldest first, from every service. */
export function OrderTimeline({
  order,
  customer,
  myId,
  courierNames,
}: {
  order: TimelineInput;
  customer: { id: string; name: string };
  myId: string | null;
  courierNames: Record<string, string>;
}) {
  const events = mergeTimeline(order);
  return (
    <ol className="list-unstyled mb-0" aria-label="Order history" data-testid="order-timeline">
      {events.map((e) => (
        <li key={e.key} className="border-start border-3 ps-2 pb-2 mb-1" data-source={e.source} data-status={e.status ?? undefined}>
          <div className="d-flex flex-wrap align-items-center gap-2">
            <time className="small text-secondary" dateTime={e.at}>
              {formatStamp(e.at)}
            </time>
            <span className={`badge text-bg-${e.status ? orderStatusVariant(e.status) : SOURCE_VARIANT[e.source]}`}>{SOURCE_LABEL[e.source]}</span>
            <span className="fw-semibold">{e.title}</span>
            {e.amount && <Money value={e.amount} className="small" />}
          </div>
          {(e.actor || e.courierId) && (
            <div className="small text-secondary">
              by{' '}
              {e.actor ? (
                <Actor actor={e.actor} customerId={customer.id} customerName={customer.name} myId={myId} />
              ) : (
                <span>courier {courierNames[e.courierId ?? ''] ?? 'unknown'}</span>
              )}
            </div>
          )}
          {e.detail && <div className="small text-break">
              {e.source === 'order' ? 'Reason' : 'Note'}: {e.detail}
            </div>}
        </li>
      ))}
    </ol>
  );
}
