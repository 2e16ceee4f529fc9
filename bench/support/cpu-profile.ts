import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a process's CPU went, from the .cpuprofile files `node --cpu-prof` writes when it exits:
 * self time summed by package (node_modules/<name>), by the bot's own folders (dist/<folder>), by
 * Node's internals, and the VM's own (GC, program). A native function (JSON.parse, a socket write)
 * has no file of its own, so its time goes to the JavaScript that called it, and the busiest native
 * functions are also listed by name. Idle time is left out of the shares.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  name: string;
  ms: number;
  share: number;
}

function ownerOf(url: string): string {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1] ?? url;
  const own = /\/dist\/([^/]+)\//.exec(url);
  if (own) return `bot: src/${own[1]}`;
  if (url.startsWith('node:')) {
    const parts = url.slice(5).split('/');
    return `node:${parts[0] === 'internal' ? (parts[1] ?? 'internal').replace(/\.js$/, '') : parts[0]}`;
  }
  return url;
}

export function summarizeProfiles(dir: string): { owners: Share[]; natives: Share[] } {
  const byOwner = new Map<string, number>();
  const byNative = new Map<string, number>();
  const add = (map: Map<string, number>, name: string, ms: number) =>
    map.set(name, (map.get(name) ?? 0) + ms);
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parentOf = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
    const owners = new Map<number, string>();
    const owner = (node: ProfileNode): string => {
      const known = owners.get(node.id);
      if (known) return known;
      const { url, functionName } = node.callFrame;
      const parent = byId.get(parentOf.get(node.id) ?? -1);
      // (garbage collector), (program), (idle) and (root) are the VM's own.
      const name = url
        ? ownerOf(url)
        : functionName.startsWith('(') || !parent
          ? functionName || '(native)'
          : owner(parent);
      owners.set(node.id, name);
      return name;
    };
    profile.samples.forEach((id, index) => {
      const node = byId.get(id);
      if (!node) return;
      const ms = (profile.timeDeltas[index] ?? 0) / 1000;
      add(byOwner, owner(node), ms);
      const { url, functionName } = node.callFrame;
      if (!url && !functionName.startsWith('(')) add(byNative, functionName || '(anonymous native)', ms);
    });
  }
  byOwner.delete('(idle)');
  const total = [...byOwner.values()].reduce((a, b) => a + b, 0);
  const shares = (map: Map<string, number>) =>
    [...map]
      .map(([name, ms]) => ({ name, ms, share: total > 0 ? ms / total : 0 }))
      .sort((a, b) => b.ms - a.ms);
  return { owners: shares(byOwner), natives: shares(byNative) };
}
