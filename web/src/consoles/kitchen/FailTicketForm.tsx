import { useMutation } from 'urql';
import { MAX_REASON, ReasonForm } from '../../components/ReasonForm';
import { KitchenFailTicketMutation } from './operations';
import { Problem } from './Problem';
import type { Ticket } from './board';

/** Gives up on a ticket, with the reason the customer will see. */
export function FailTicketForm({
  ticketId,
  label,
  onFailed,
  onCancel,
}: {
  ticketId: string;
  label: string;
  onFailed: (ticket: Ticket) => void;
  onCancel: () => void;
}) {
  const [state, fail] = useMutation(KitchenFailTicketMutation);
  return (
    <ReasonForm
      label={`Fail ticket ${label}`}
      question="Why can it not be made?"
      emptyHint="Say why, e.g. “out of dough”. The customer is told."
      submitLabel="Fail ticket"
      busyLabel="Failing…"
      cancelLabel="Keep it"
      busy={state.fetching}
      onSubmit={async (reason) => {
        const res = await fail({ ticketId, reason });
        if (res.data) onFailed(res.data.failTicket);
      }}
      onCancel={onCancel}
      className="kds-fail-form"
      inputClassName="form-control form-control-lg"
      invalidClassName="invalid-feedback d-block kds-invalid"
      maxLength={MAX_REASON + 50}
      actionsClassName="d-flex flex-wrap gap-2 mt-2"
      submitClassName="btn btn-lg btn-danger"
      cancelClassName="btn btn-lg btn-outline-light"
    >
      <Problem error={state.error} title="Could not fail the ticket" />
    </ReasonForm>
  );
}
