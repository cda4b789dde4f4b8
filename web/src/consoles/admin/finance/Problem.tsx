import { Problem as SharedProblem, sentence, type ProblemProps, type Wording } from '../../../components/Problem';

/** What went wrong, in words a person acts on; the API's own explanation follows. */
const LEADS: Record<string, string> = {
  BAD_USER_INPUT: 'The request was not accepted.',
  NOT_FOUND: 'Nothing was found.',
  CONFLICT: 'This cannot be done in the current state.',
  FORBIDDEN: 'Your account is not allowed to do this.',
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  RATE_LIMITED: 'Too many requests at once. Wait a moment and try again.',
  INTERNAL: 'The server ran into a problem.',
  NETWORK: 'The server could not be reached.',
};

const withDetail = (lead: string) => (message: string) => (message ? `${lead} ${sentence(message)}` : lead);

/** The finance wording: a plain lead per code (`leads` override it) plus the API's explanation. */
export function financeWording(leads: Record<string, string> = {}): Wording {
  const wording: Wording = { OTHER: withDetail('Something went wrong.') };
  for (const [code, lead] of Object.entries({ ...LEADS, ...leads })) {
    // The network message is technical ("Failed to fetch"); the lead says it all.
    wording[code] = code === 'NETWORK' ? lead : withDetail(lead);
  }
  return wording;
}

const FINANCE_WORDING = financeWording();

/** The shared `Problem`, in the finance console's words; `leads` words codes for this place. */
export function Problem({ leads, ...props }: Omit<ProblemProps, 'wording'> & { leads?: Record<string, string> }) {
  return <SharedProblem wording={leads ? financeWording(leads) : FINANCE_WORDING} {...props} />;
}
