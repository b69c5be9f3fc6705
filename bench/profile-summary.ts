// Summarises a V8 CPU profile (node --cpu-prof): the functions with the most self time, and the project's own
// functions with the most total time (self + callees). Usage:
//   node dist/.bench/bench/profile-summary.js FILE.cpuprofile [TOP]
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const path = url.replace(/^file:\/\//, '');
  const file = path.includes('/node_modules/')
    ? path.replace(/^.*\/node_modules\//, '~/')
    : path.replace(/^.*\/dist\//, 'dist/');
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`;
}

const [path, topArg] = process.argv.slice(2);
if (!path) {
  console.error('usage: profile-summary.js FILE.cpuprofile [TOP]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(await readFile(path, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) {
  for (const child of node.children ?? []) {
    parent.set(child, node.id);
  }
}
// Self time per node from the samples and their time deltas (microseconds).
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalUs = profile.endTime - profile.startTime;

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) {
    continue;
  }
  self.set(label(node), (self.get(label(node)) ?? 0) + us);
  // Every distinct function on the stack gets the sample once (recursion is not counted twice).
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = label(byId.get(at) as ProfileNode);
    if (!seen.has(name)) {
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  }
}
const pct = (us: number): string => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%`;
const print = (title: string, entries: [string, number][]): void => {
  console.log(`\n${title}`);
  for (const [name, us] of entries.slice(0, top)) {
    console.log(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  }
};
console.log(`${path}: ${(totalUs / 1e6).toFixed(1)} s profiled`);
print(
  'self time',
  [...self].sort((a, b) => b[1] - a[1]),
);
print(
  'total time, project code (dist/)',
  [...inclusive]
    .filter(([name]) => name.includes(' dist/') && !name.includes(' dist/.bench/'))
    .sort((a, b) => b[1] - a[1]),
);
