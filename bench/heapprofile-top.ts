// `npx tsx bench/heapprofile-top.ts <file.heapprofile> [N]`: the N (default 30) functions that
// allocated the most bytes in a V8 sampling heap profile (bench/profile-collect.ts --heap-profile),
// and the same summed per file.
import { readFileSync } from 'node:fs';

interface Node {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: Node[];
}

const [file, n = '30'] = process.argv.slice(2);
if (!file) throw new Error('usage: heapprofile-top.ts <file.heapprofile> [N]');
const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: Node };
const self = new Map<string, number>();
const perFile = new Map<string, number>();
let total = 0;
const add = (map: Map<string, number>, key: string, bytes: number): void => void map.set(key, (map.get(key) ?? 0) + bytes);
const where = (frame: Node['callFrame'], url: string): string => `${frame.functionName || '(anonymous)'}  ${url}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
/** a built-in (no url: Map.set, Object.entries …) is shown with the function that called it */
const visit = (node: Node, caller: string): void => {
  const frame = node.callFrame;
  const url = frame.url.replace(/^file:\/\//, '').replace(process.cwd(), '.');
  const here = url ? where(frame, url) : `${frame.functionName} ← ${caller}`;
  total += node.selfSize;
  add(self, here, node.selfSize);
  add(perFile, url.replace(/.*node_modules\//, 'node_modules/') || `(built-ins) ← ${caller.split('  ')[1]?.split(':')[0] ?? caller}`, node.selfSize);
  for (const child of node.children) visit(child, url ? here : caller);
};
visit(head, '');
const print = (title: string, map: Map<string, number>): void => {
  console.log(`\n${title} (total ${(total / 2 ** 20).toFixed(1)} MB sampled)`);
  for (const [key, bytes] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) {
    console.log(`${(bytes / 2 ** 20).toFixed(2).padStart(8)} MB ${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
};
print('allocated by function', self);
print('allocated by file', perFile);
