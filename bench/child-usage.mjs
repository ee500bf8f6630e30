// Preloaded into a measured child process (`node --import ./bench/child-usage.mjs …`): when the process
// exits, writes what it used to the file named by SPOOL_USAGE_FILE — CPU time, peak resident memory,
// and bytes written to storage (/proc/self/io, Linux; the rusage block count elsewhere).
import { readFileSync, writeFileSync } from 'node:fs';

const target = process.env.SPOOL_USAGE_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const io = {};
    try {
      for (const line of readFileSync('/proc/self/io', 'utf8').split('\n')) {
        const [key, value] = line.split(':');
        if (key && value) io[key.trim()] = Number(value);
      }
    } catch {
      // not Linux: fall back on rusage below
    }
    const report = {
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      systemMs: usage.systemCPUTime / 1000,
      maxRssBytes: usage.maxRSS * 1024,
      writeBytes: io.write_bytes ?? usage.fsWrite * 512,
      writeCalls: io.wchar ?? null,
    };
    writeFileSync(target, JSON.stringify(report));
  });
}
