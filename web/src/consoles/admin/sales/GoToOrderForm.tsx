import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import type { CombinedError } from '@urql/core';
import { useClient } from 'urql';
import { hasCode } from '../../../api/errors';
import { orderRef, parseOrderNumber } from '../../../lib/orderNumber';
import { SalesOrderByNumberQuery } from './operations';
import { Problem } from './Problem';

/**
 * "Go to order #": the number a customer reads out ("1042" or "#1042") opens that order
 * (`orderByNumber`; staff may open any), keeping the board's filters for the way back.
 */
export function GoToOrderForm({ boardSearch }: { boardSearch: string }) {
  const client = useClient();
  const navigate = useNavigate();
  const ids = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const number = parseOrderNumber(text);
    if (number === null) {
      setMessage('Type an order number, e.g. 1042.');
      return;
    }
    setMessage(null);
    setBusy(true);
    const result = await client.query(SalesOrderByNumberQuery, { number }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    const order = result.data?.orderByNumber;
    if (order) navigate(`/admin/orders/${encodeURIComponent(order.id)}`, { state: { board: boardSearch } });
    else if (hasCode(result.error, 'NOT_FOUND')) setMessage(`No order ${orderRef(number)}.`);
    else setError(result.error ?? null);
  };

  return (
    <form className="ms-sm-auto" role="search" aria-label="Go to an order by its number" onSubmit={submit} noValidate>
      <div className="input-group input-group-sm">
        <label className="input-group-text" htmlFor={`${ids}-number`}>
          Go to order #
        </label>
        <input
          id={`${ids}-number`}
          className={`form-control${message ? ' is-invalid' : ''}`}
          style={{ maxWidth: '8rem' }}
          inputMode="numeric"
          autoComplete="off"
          placeholder="1042"
          value={text}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${ids}-message` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setMessage(null);
          }}
        />
        <button type="submit" className="btn btn-outline-primary" disabled={busy}>
          Go
        </button>
      </div>
      {message && (
        <div id={`${ids}-message`} className="small text-danger mt-1" role="alert">
          {message}
        </div>
      )}
      {error && <Problem error={error} title="Could not look the order up" className="small mt-1 mb-0 py-2" />}
    </form>
  );
}
