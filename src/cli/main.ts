// The command line: runs the same engine under Node.
//   npm run --silent sim -- --list
//   npm run --silent sim -- ntlm-domain --set password=wrong --json
// Exit status: 0 when the simulation ran (a failed authentication included), 2 for bad input,
// 1 for a fault of the engine itself.
import { runCli } from './run';

const { code, stdout, stderr } = runCli(process.argv.slice(2));
if (stdout) process.stdout.write(stdout);
if (stderr) process.stderr.write(stderr);
process.exitCode = code;
