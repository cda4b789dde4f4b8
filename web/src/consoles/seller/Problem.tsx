import { plainMessage as sharedPlainMessage, Problem as SharedProblem, type ProblemProps, type Wording } from '../../components/Problem';

export type { Wording };

/** How the seller console words the codes it says differently from the general wording. */
const SELLER_WORDING: Wording = {
  FORBIDDEN: 'This account may not do that: sellers change only their own shops, offers and products.',
};

/** Plain words for one API error in the seller console; `wording` (for one place) comes first. */
export function plainMessage(code: string | null, message: string, wording: Wording = {}): string {
  return sharedPlainMessage(code, message, { ...SELLER_WORDING, ...wording });
}

/** The shared `Problem`, in the seller console's words (and `wording` for this place). */
export function Problem({ wording, ...props }: ProblemProps) {
  return <SharedProblem wording={{ ...SELLER_WORDING, ...wording }} {...props} />;
}
