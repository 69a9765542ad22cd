// How every benchmark's main ends: a failure sets the exit code with its stack; after a clean
// finish everything should have been closed, so if a handle still holds the event loop open we
// say so and exit instead of hanging the run.
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => {
      setTimeout(() => {
        console.error('bench: something still holds the event loop open after cleanup; exiting');
        process.exit(0);
      }, 5000).unref();
    },
    (error: unknown) => {
      console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exitCode = 1;
    },
  );
}
