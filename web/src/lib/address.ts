/** An address on one line, as lists show it: "Gogol St 1, flat 5, Almaty 050000". */
export function addressLine(a: { line1: string; line2?: string | null; city: string; postalCode?: string | null }): string {
  return [a.line1, a.line2, [a.city, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}
