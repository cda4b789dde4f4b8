import { lowerFirst, Problem as SharedProblem, sentence, type ProblemProps, type Wording } from '../../components/Problem';

/** How the kitchen display words the codes it says differently. */
export const KITCHEN_WORDING: Wording = {
  CONFLICT: (message) => `This ticket has moved on: ${lowerFirst(sentence(message))}`,
  NOT_FOUND: 'That ticket or station is gone. The board will catch up.',
  BAD_USER_INPUT: (message) => `Please check: ${lowerFirst(sentence(message))}`,
  FORBIDDEN: 'This account may not run the kitchen.',
  NETWORK: 'Cannot reach Vitrine. Check the connection; the board retries on its own.',
};

/** The shared `Problem`, in the kitchen's words and sized for its touch screen. */
export function Problem(props: Omit<ProblemProps, 'wording'>) {
  return <SharedProblem wording={KITCHEN_WORDING} className="kds-problem" touch {...props} />;
}
