import type { OrderStatus } from '../gql/graphql';
import { timelineSteps, type StepState } from '../lib/orderStatus';
import { formatTime } from '../lib/time';

const ICON: Record<StepState, string> = {
  done: '✓',
  current: '●',
  upcoming: '○',
  skipped: '–',
  failed: '✕',
};

const STATE_TEXT: Record<StepState, string> = {
  done: 'done',
  current: 'in progress',
  upcoming: 'not yet',
  skipped: 'skipped',
  failed: 'stopped',
};

export function StatusTimeline({
  status,
  history,
}: {
  status: OrderStatus;
  history: ReadonlyArray<{ to: OrderStatus | string; at: string }>;
}) {
  const steps = timelineSteps(status, history);
  return (
    <ol className="status-timeline list-unstyled mb-0" aria-label="Order progress">
      {steps.map((step) => (
        <li
          key={step.status}
          className={`status-step status-${step.state}`}
          data-status={step.status}
          data-state={step.state}
          aria-current={step.state === 'current' ? 'step' : undefined}
        >
          <span className="status-icon" aria-hidden="true">
            {ICON[step.state]}
          </span>
          <span className="status-label">{step.label}</span>
          <span className="visually-hidden">: {STATE_TEXT[step.state]}</span>
          {step.at && <time className="status-time text-secondary small ms-auto" dateTime={step.at}>{formatTime(step.at)}</time>}
        </li>
      ))}
    </ol>
  );
}
