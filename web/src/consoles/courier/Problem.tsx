import { lowerFirst, Problem as SharedProblem, sentence, type ProblemProps, type Wording } from '../../components/Problem';

/** How the courier app words the codes it says differently. */
export const COURIER_WORDING: Wording = {
  CONFLICT: (message) => `This delivery has moved on: ${lowerFirst(sentence(message))} Your route catches up in a moment.`,
  NOT_FOUND: (message) => sentence(message) || 'Not found.',
  BAD_USER_INPUT: (message) => `Please check: ${lowerFirst(sentence(message))}`,
  FORBIDDEN: 'This delivery is not yours (it may have gone to another courier).',
  NETWORK: 'No connection to Vitrine. Check your mobile data and try again.',
};

/** The shared `Problem`, in the courier's words and sized for a phone. */
export function Problem(props: Omit<ProblemProps, 'wording'>) {
  return <SharedProblem wording={COURIER_WORDING} className="my-2" touch {...props} />;
}
