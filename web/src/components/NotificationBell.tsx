import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useSubscription } from 'urql';
import {
  MarkAllNotificationsReadMutation,
  NotificationReceivedSubscription,
  NotificationsQuery,
  UnreadCountQuery,
} from '../api/operations';
import { ErrorAlert, Loading } from './Status';
import { formatDateTime } from '../lib/time';

/** Unread count (live through `notificationReceived`) and a dropdown with the inbox. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const [countResult, refetchCount] = useQuery({ query: UnreadCountQuery });
  const [listResult, refetchList] = useQuery({
    query: NotificationsQuery,
    variables: { first: 10 },
    pause: !open,
  });
  const [latest] = useSubscription({ query: NotificationReceivedSubscription });
  const [markState, markAll] = useMutation(MarkAllNotificationsReadMutation);
  const [announcement, setAnnouncement] = useState('');
  const ref = useRef<HTMLDivElement>(null);

  const latestId = latest.data?.notificationReceived.id;
  useEffect(() => {
    if (!latestId || !latest.data) return;
    setAnnouncement(`New notification: ${latest.data.notificationReceived.title}`);
    refetchCount({ requestPolicy: 'network-only' });
    if (open) refetchList({ requestPolicy: 'network-only' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [latestId]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const count = countResult.data?.unreadNotificationCount ?? 0;
  const label = count === 1 ? 'Notifications, 1 unread' : `Notifications, ${count} unread`;

  const onMarkAll = async () => {
    await markAll({});
    refetchCount({ requestPolicy: 'network-only' });
    refetchList({ requestPolicy: 'network-only' });
  };

  return (
    <div className="position-relative notification-bell" ref={ref}>
      <button
        type="button"
        className="btn btn-outline-light position-relative"
        aria-label={label}
        aria-expanded={open}
        aria-controls="notification-panel"
        onClick={() => setOpen((o) => !o)}
        data-testid="notification-bell"
      >
        <svg width="18" height="18" viewBox="0 0 16 16" aria-hidden="true" fill="currentColor">
          <path d="M8 16a2 2 0 0 0 2-2H6a2 2 0 0 0 2 2zm.995-14.901a1 1 0 1 0-1.99 0A5.002 5.002 0 0 0 3 6c0 1.098-.5 6-2 7h14c-1.5-1-2-5.902-2-7 0-2.42-1.72-4.44-4.005-4.901z" />
        </svg>
        {count > 0 && (
          <span
            className="position-absolute top-0 start-100 translate-middle badge rounded-pill text-bg-danger"
            data-testid="unread-count"
            aria-hidden="true"
          >
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
      {open && (
        <div
          id="notification-panel"
          className="notification-panel card shadow position-absolute end-0 mt-2"
          role="region"
          aria-label="Notifications"
        >
          <div className="card-header d-flex justify-content-between align-items-center">
            <span className="fw-semibold">Notifications</span>
            <button
              type="button"
              className="btn btn-sm btn-link"
              onClick={onMarkAll}
              disabled={markState.fetching || count === 0}
            >
              Mark all read
            </button>
          </div>
          <div className="card-body p-0 notification-list">
            <ErrorAlert error={markState.error ?? listResult.error} />
            {listResult.fetching && !listResult.data && <div className="px-3"><Loading /></div>}
            {listResult.data && listResult.data.myNotifications.notifications.length === 0 && (
              <p className="text-secondary p-3 mb-0">No notifications yet.</p>
            )}
            <ul className="list-group list-group-flush">
              {listResult.data?.myNotifications.notifications.map((n) => (
                <li key={n.id} className={`list-group-item ${n.read ? '' : 'list-group-item-info'}`}>
                  <div className="d-flex justify-content-between gap-2">
                    <strong className="small">{n.title}</strong>
                    <time className="small text-secondary text-nowrap" dateTime={n.createdAt}>
                      {formatDateTime(n.createdAt)}
                    </time>
                  </div>
                  <div className="small">{n.body}</div>
                  {n.orderId && (
                    <Link className="small" to={`/orders/${n.orderId}`} onClick={() => setOpen(false)}>
                      View order
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
