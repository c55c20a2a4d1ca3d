import { buildCliBundle, CLI_BUNDLE } from './cli-bundle';

buildCliBundle().then(
  () => console.log(`Wrote ${CLI_BUNDLE}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
