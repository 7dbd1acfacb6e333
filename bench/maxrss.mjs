// Loaded with `node --import` by the benchmark when /usr/bin/time is missing: on exit, writes the
// process's peak resident set (KiB) to $CHO_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.CHO_BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
