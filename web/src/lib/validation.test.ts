// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { luhnValid, validateEmail, validateName, validatePassword, validatePhone } from './validation';

describe('validateEmail', () => {
  it('accepts ordinary addresses, trimming around them', () => {
    expect(validateEmail('aigerim@example.kz')).toBeNull();
    expect(validateEmail('  first.last+tag@mail.example.com ')).toBeNull();
  });

  it('asks for an address when empty', () => {
    expect(validateEmail('')).toBe('Enter your e-mail.');
    expect(validateEmail('   ')).toBe('Enter your e-mail.');
  });

  it('rejects malformed addresses', () => {
    for (const bad of ['plain', '@example.com', 'a@example', 'a@.example.com', 'a@example.com.', 'a b@example.com', 'a@b@example.com']) {
      expect(validateEmail(bad), bad).toBe('E-mail must look like name@example.com.');
    }
  });
});

describe('validatePassword', () => {
  it('accepts 10+ characters with a letter and a digit', () => {
    expect(validatePassword('correcthorse1')).toBeNull();
    expect(validatePassword('пароль12345')).toBeNull(); // any script counts as a letter
  });

  it('asks for a password when empty', () => {
    expect(validatePassword('')).toBe('Enter a password.');
  });

  it('enforces 10 to 128 characters, counting code points', () => {
    expect(validatePassword('abc123456')).toBe('Password must be 10 to 128 characters.');
    expect(validatePassword('a1'.repeat(64) + 'x')).toBe('Password must be 10 to 128 characters.');
    expect(validatePassword('a1'.repeat(64))).toBeNull();
    // 9 emoji are 18 UTF-16 units but only 9 characters.
    expect(validatePassword('😀'.repeat(9))).toBe('Password must be 10 to 128 characters.');
  });

  it('needs both a letter and a digit', () => {
    expect(validatePassword('1234567890')).toBe('Password must contain a letter and a digit.');
    expect(validatePassword('abcdefghij')).toBe('Password must contain a letter and a digit.');
  });

  it('must differ from the e-mail, ignoring case', () => {
    expect(validatePassword('Bob1@example.com', ' bob1@EXAMPLE.com ')).toBe('Password must differ from the e-mail.');
    expect(validatePassword('Bob1@example.com', 'alice@example.com')).toBeNull();
  });
});

describe('validateName', () => {
  it('needs a non-blank name of at most 100 characters', () => {
    expect(validateName('Aigerim')).toBeNull();
    expect(validateName('  ')).toBe('Enter your name.');
    expect(validateName('x'.repeat(100))).toBeNull();
    expect(validateName('x'.repeat(101))).toBe('Name must be at most 100 characters.');
  });
});

describe('validatePhone', () => {
  it('is optional', () => {
    expect(validatePhone('')).toBeNull();
    expect(validatePhone('  ')).toBeNull();
  });

  it('accepts 7 to 15 digits with + - ( ) and spaces', () => {
    expect(validatePhone('+7 (701) 234-56-78')).toBeNull();
    expect(validatePhone('1234567')).toBeNull();
    expect(validatePhone('123456789012345')).toBeNull();
  });

  it('rejects too few or too many digits and other characters', () => {
    const message = 'Phone must be 7 to 15 digits (+ - ( ) and spaces allowed).';
    expect(validatePhone('123456')).toBe(message);
    expect(validatePhone('1234567890123456')).toBe(message);
    expect(validatePhone('+7 701 CALL ME')).toBe(message);
    expect(validatePhone('7012345678 ext. 2')).toBe(message);
  });
});

describe('luhnValid', () => {
  it('accepts valid card numbers with or without spaces', () => {
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('4242 4242 4242 4242')).toBe(true);
    expect(luhnValid('5555555555554444')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true); // 15-digit Amex
  });

  it('rejects a wrong check digit', () => {
    expect(luhnValid('4242424242424241')).toBe(false);
  });

  it('rejects too short, too long or non-digit input', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4242')).toBe(false);
    expect(luhnValid('0'.repeat(12))).toBe(false);
    expect(luhnValid('0'.repeat(20))).toBe(false);
    expect(luhnValid('4242-4242-4242-4242')).toBe(false);
    expect(luhnValid('4242a42424242424')).toBe(false);
  });

  it('accepts the extremes of 13 and 19 digits', () => {
    expect(luhnValid('0'.repeat(13))).toBe(true);
    expect(luhnValid('0'.repeat(19))).toBe(true);
  });
});
