import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a process's CPU went, from the .cpuprofile files `node --cpu-prof` writes when it exits.
 * Each sample counts for the nearest package (node_modules/<name>) or folder of the bot
 * (dist/<folder>/<folder>) on its stack, so a socket write or a JSON.parse counts for whoever asked
 * for it (ioredis, node-fetch, the bot's session store); what no package called (the HTTP server's
 * parser, microtasks, timers) counts as Node's, by module; the VM's own time (GC, program) stands
 * alone. Idle time is left out of the shares. The busiest native functions are listed by name too.
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

/** The package or bot folder a script belongs to; undefined for Node's own modules. */
function packageOf(url: string): string | undefined {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  const own = /\/dist\/(.+)\.js$/.exec(url);
  if (own) return `bot: src/${(own[1] ?? '').split('/').slice(0, 2).join('/')}`;
  return undefined;
}

function nodeModuleOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : `node: native ${functionName}`;
  return `node: ${url.replace(/^node:(internal\/)?/, '')}`;
}

export function summarizeProfiles(dir: string): { owners: Share[]; natives: Share[] } {
  const byOwner = new Map<string, number>();
  const byNative = new Map<string, number>();
  const add = (map: Map<string, number>, name: string, ms: number) =>
    map.set(name, (map.get(name) ?? 0) + ms);
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parentOf = new Map<number, ProfileNode>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
    const owners = new Map<number, string>();
    const ownerOf = (node: ProfileNode): string => {
      const known = owners.get(node.id);
      if (known) return known;
      const parent = parentOf.get(node.id);
      const owner =
        packageOf(node.callFrame.url) ??
        (parent && parent.callFrame.functionName !== '(root)' ? callerPackage(parent) : undefined) ??
        nodeModuleOf(node);
      owners.set(node.id, owner);
      return owner;
    };
    /** The nearest package on the stack from `node` up, or undefined when there is none. */
    const callerPackage = (node: ProfileNode): string | undefined => {
      const owner = ownerOf(node);
      return owner.startsWith('node: ') || owner.startsWith('(') ? undefined : owner;
    };
    profile.samples.forEach((id, index) => {
      const node = byId.get(id);
      if (!node) return;
      const ms = (profile.timeDeltas[index] ?? 0) / 1000;
      add(byOwner, ownerOf(node), ms);
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
