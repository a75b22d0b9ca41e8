// `npm run hash-password [-- <password>]`: prints an scrypt hash for auth.users[].passwordHash.
// Without an argument it reads the password from stdin (so it stays out of shell history).
import { hashPassword } from '../server/auth/password';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    if (process.stdin.isTTY && c.toString().includes('\n')) break;
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const password = process.argv[2] ?? (await readStdin());
if (password.length < 8) {
  process.stderr.write('hash-password: use at least 8 characters\n');
  process.exit(2);
}
process.stdout.write(`${await hashPassword(password)}\n`);
