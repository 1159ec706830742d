export function formatElapsed(ms: number): string;
export function tailLines(file: string, count?: number): string[];
export interface StepOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}
export function createStepRunner(options: {
  logFile: string;
  out?: StepOutput;
  cwd?: string;
  shell?: boolean;
  now?: () => number;
  tickMs?: number;
}): { step(label: string, command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<boolean> };
