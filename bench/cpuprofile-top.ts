// `npx tsx bench/cpuprofile-top.ts <file.cpuprofile> [N]`: the N (default 30) functions with the most
// self time in a V8 CPU profile (node --cpu-prof), and the same summed per file.
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, n = '30'] = process.argv.slice(2);
if (!file) throw new Error('usage: cpuprofile-top.ts <file.cpuprofile> [N]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<string, number>();
const perFile = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const frame = byId.get(id)?.callFrame;
  if (!frame) return;
  total += dt;
  const url = frame.url.replace(/^file:\/\//, '').replace(process.cwd(), '.');
  const key = `${frame.functionName || '(anonymous)'}  ${url}:${frame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  const fileKey = url.replace(/.*node_modules\//, 'node_modules/') || frame.functionName;
  perFile.set(fileKey, (perFile.get(fileKey) ?? 0) + dt);
});
const print = (title: string, map: Map<string, number>): void => {
  console.log(`\n${title} (total ${Math.round(total / 1000)} ms sampled)`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) {
    console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
};
print('self time by function', self);
print('self time by file', perFile);
