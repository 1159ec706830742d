// The shape of a CLI command, so main.ts can list, document and dispatch them uniformly.

export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full --help text: usage line, options, examples. */
  help: string;
  /** Runs the command; the number is the process exit code. */
  run(args: string[]): Promise<number>;
}

/** Minimal flag reader: `--name value`, `--name=value`, and boolean `--flag`. Unknown flags are reported. */
export function readFlags(
  args: string[],
  known: { boolean?: string[]; string?: string[] },
): { flags: Record<string, string | boolean>; rest: string[] } {
  const flags: Record<string, string | boolean> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      rest.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (known.boolean?.includes(name)) flags[name] = true;
    else if (known.string?.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value.`);
      flags[name] = value;
    } else throw new UsageError(`Unknown option --${name}.`);
  }
  return { flags, rest };
}

export class UsageError extends Error {}
