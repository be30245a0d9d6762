/**
 * Where the CLI finds the control plane and how it authenticates, read from the
 * environment once (flags given on the command line win).
 */
export interface CliEnv {
  url: string | null;
  token: string | null;
  email: string | null;
  password: string | null;
  /** Colour the diff (a terminal, and NO_COLOR unset). */
  color: boolean;
}

export function readCliEnv(env: Readonly<Record<string, string | undefined>> = process.env, isTty = Boolean(process.stdout.isTTY)): CliEnv {
  const get = (name: string) => env[name]?.trim() || null;
  return {
    url: get('SWITCHYARD_URL'),
    token: get('SWITCHYARD_TOKEN'),
    email: get('SWITCHYARD_EMAIL'),
    password: get('SWITCHYARD_PASSWORD'),
    color: isTty && !get('NO_COLOR'),
  };
}
