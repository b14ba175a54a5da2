const SETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@!?'];

function pick(set: string): string {
  const [n] = crypto.getRandomValues(new Uint32Array(1));
  return set[(n ?? 0) % set.length]!;
}

/** An initial password with every character class, without look-alikes (0/O, 1/l/I) since it is read out to people. */
export function generatePassword(length = 12): string {
  const all = SETS.join('');
  const chars = [...SETS.map(pick), ...Array.from({ length: length - SETS.length }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = Number(crypto.getRandomValues(new Uint32Array(1))[0]) % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
