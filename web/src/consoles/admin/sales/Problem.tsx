import { Problem as SharedProblem, type ProblemProps, type Wording } from '../../../components/Problem';
import { humanizeStatuses } from './lifecycle';

/** How the sales console words a load failure (its actions are worded by `describeActionError`). */
export const SALES_WORDING: Wording = {
  NETWORK: 'The server could not be reached. Check the connection and try again.',
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  FORBIDDEN: 'This account is not allowed to see this.',
  NOT_FOUND: 'There is nothing here: it may have been removed, or the link is wrong.',
  CONFLICT: 'The list fell behind the live updates; reload it.',
  OTHER: (message) => `Something went wrong: ${humanizeStatuses(message)}`,
};

/** The shared `Problem`, in the sales console's words. */
export function Problem(props: Omit<ProblemProps, 'wording'>) {
  return <SharedProblem wording={SALES_WORDING} {...props} />;
}
