import { useMutation } from 'urql';
import { ReasonForm } from '../../components/ReasonForm';
import { CourierFailAttemptMutation } from './operations';
import { Problem } from './Problem';
import type { CourierDelivery } from './route';

const QUICK = ['Nobody opened the door', 'Customer not answering the phone', 'Wrong address'];

/** A failed attempt at the door, with what happened (the customer is told). */
export function FailAttemptForm({
  deliveryId,
  label,
  onDone,
  onCancel,
}: {
  deliveryId: string;
  label: string;
  onDone: (delivery: CourierDelivery) => void;
  onCancel: () => void;
}) {
  const [state, fail] = useMutation(CourierFailAttemptMutation);
  return (
    <ReasonForm
      label={`Failed attempt for ${label}`}
      question="What happened at the door?"
      emptyHint="Say what happened, e.g. “nobody opened the door”."
      suggestions={QUICK}
      submitLabel="Record failed attempt"
      busyLabel="Saving…"
      cancelLabel="Back"
      busy={state.fetching}
      onSubmit={async (reason) => {
        const res = await fail({ deliveryId, reason });
        if (res.data) onDone(res.data.failDeliveryAttempt);
      }}
      onCancel={onCancel}
      className="mt-2"
      actionsClassName="d-grid gap-2 mt-2"
      submitClassName="btn btn-danger btn-lg"
      cancelClassName="btn btn-outline-secondary"
    >
      <Problem error={state.error} title="Could not record the attempt" />
    </ReasonForm>
  );
}
