// `npm run experiment -- [--config FILE.json] [--backend wasm|cpu] [--seeds 1,2,3 | 1-10 | 3] [--sweep sigma=0.1,0.2]
//   [--cell I --of N --json OUT.json] [--merge DIR] [--csv PREFIX] [--data DIR] [--quiet]`
// Runs the same engine as the browser worker, in Node, and prints a results table with clean accuracy and PGD
// robust accuracy at the config's ε. Real data sets come from official files in --data DIR, or else from the
// shards npm run data:prepare wrote to public/data. With several seeds (or a sweep) it adds the study summary:
// mean ± sd, Δ vs reference paired by seed with a 95 % t-interval, and the paper's claims (docs/study.md).
import { main } from './main';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
