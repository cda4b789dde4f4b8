/** Client-side checks mirroring the accounts subgraph's rules (the server checks again). */
export function validateEmail(email: string): string | null {
  const e = email.trim();
  if (!e) return 'Enter your e-mail.';
  const at = e.indexOf('@');
  const domain = e.slice(at + 1);
  if (at < 1 || !domain.includes('.') || domain.startsWith('.') || domain.endsWith('.') || /\s/.test(e) || domain.includes('@')) {
    return 'E-mail must look like name@example.com.';
  }
  return null;
}

export const PASSWORD_HINT = '10 to 128 characters, with a letter and a digit.';

export function validatePassword(password: string, email = ''): string | null {
  if (!password) return 'Enter a password.';
  const length = [...password].length;
  if (length < 10 || length > 128) return 'Password must be 10 to 128 characters.';
  if (!/\p{L}/u.test(password) || !/[0-9]/.test(password)) return 'Password must contain a letter and a digit.';
  if (email && password.toLowerCase() === email.trim().toLowerCase()) return 'Password must differ from the e-mail.';
  return null;
}

export function validateName(name: string): string | null {
  const n = name.trim();
  if (!n) return 'Enter your name.';
  if ([...n].length > 100) return 'Name must be at most 100 characters.';
  return null;
}

export function validatePhone(phone: string): string | null {
  const p = phone.trim();
  if (!p) return null;
  const digits = p.replace(/\D/g, '').length;
  if (!/^[0-9 +\-()]+$/.test(p) || digits < 7 || digits > 15) {
    return 'Phone must be 7 to 15 digits (+ - ( ) and spaces allowed).';
  }
  return null;
}

/** Luhn check for a card number typed with or without spaces. */
export function luhnValid(number: string): boolean {
  const digits = number.replace(/\s+/g, '');
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
