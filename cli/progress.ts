/** How long a call may take before the user is told it is still working. */
export const PROGRESS_AFTER_MS = 1_000;

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Runs `work`, and if it takes longer than a second says so on stderr: a spinner on a terminal
 * (erased when done), one line otherwise, so redirected output stays clean and logs stay readable.
 */
export async function withProgress<T>(
  label: string,
  work: () => Promise<T>,
  err: NodeJS.WritableStream & { isTTY?: boolean },
): Promise<T> {
  let spinner: NodeJS.Timeout | undefined;
  const start = setTimeout(() => {
    if (!err.isTTY) {
      err.write(`${label}…\n`);
      return;
    }
    let frame = 0;
    spinner = setInterval(() => err.write(`\r${FRAMES[frame++ % FRAMES.length]} ${label}…`), 80);
  }, PROGRESS_AFTER_MS);
  try {
    return await work();
  } finally {
    clearTimeout(start);
    if (spinner) {
      clearInterval(spinner);
      err.write('\r\u001b[2K');
    }
  }
}
