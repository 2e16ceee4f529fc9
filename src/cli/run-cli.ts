import { parseArgs } from 'node:util';
import { ConfigError, loadIimmpactConfig } from '../config/env.js';
import { isPaymentError } from '../payments/errors.js';
import type { IimmpactClient } from '../payments/providers/iimmpact/client.js';
import {
  formatBalance,
  formatBill,
  formatNetworkStatus,
  formatProducts,
  formatSubProducts,
  toJson,
} from './format.js';

/**
 * The operator CLI: a few read-only questions to the provider, with the same configuration and
 * client the bot uses. Human output by default, `--json` for scripts. Every failure is one line on
 * stderr and a non-zero exit code.
 */
export const CLI_USAGE = `Usage: npm run cli -- <command> [arguments] [--json]

Commands:
  balance                                 wallet balance and account name
  products [--all]                        products on sale (--all includes inactive ones)
  bill <product> <account> [--biller CODE] [--ref2 REF2]
                                          bill presentment for an account (JomPAY: account is Ref-1)
  subproducts <product> [account] [--limit N]
                                          plans, PTPTN accounts or JomPAY billers
  network <product>                       the product's network status

Configuration comes from the environment: IIMMPACT_BASE_URL, IIMMPACT_API_KEY, IIMMPACT_HMAC_SECRET.`;

export interface CliDeps {
  env: Record<string, string | undefined>;
  createClient(config: ReturnType<typeof loadIimmpactConfig>): IimmpactClient;
  out(text: string): void;
  err(text: string): void;
}

/** Runs one command and returns the process exit code. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    deps.err(`error: ${(error as Error).message}\n\n${CLI_USAGE}`);
    return 2;
  }
  const { command, args, flags } = parsed;
  if (flags.help || command === undefined || command === 'help') {
    deps.out(CLI_USAGE);
    return command === undefined && !flags.help ? 2 : 0;
  }

  let client: IimmpactClient | undefined;
  try {
    client = deps.createClient(loadIimmpactConfig(deps.env));
    const output = await runCommand(client, command, args, flags);
    deps.out(flags.json ? toJson(output.data) : output.text);
    return 0;
  } catch (error) {
    deps.err(`error: ${describeFailure(error)}`);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await client?.close();
  }
}

class UsageError extends Error {}

interface Flags {
  json: boolean;
  all: boolean;
  help: boolean;
  biller: string | undefined;
  ref2: string | undefined;
  limit: number | undefined;
}

function parseCliArgs(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      biller: { type: 'string' },
      ref2: { type: 'string' },
      limit: { type: 'string' },
    },
  });
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new Error('--limit must be a positive whole number');
  }
  const flags: Flags = {
    json: values.json ?? false,
    all: values.all ?? false,
    help: values.help ?? false,
    biller: values.biller,
    ref2: values.ref2,
    limit,
  };
  const [command, ...args] = positionals;
  return { command, args, flags };
}

async function runCommand(
  client: IimmpactClient,
  command: string,
  args: string[],
  flags: Flags,
): Promise<{ text: string; data: unknown }> {
  switch (command) {
    case 'balance': {
      expectArgs(command, args, 0, 0, '');
      const balance = await client.getBalance();
      return { text: formatBalance(balance), data: balance };
    }
    case 'products': {
      expectArgs(command, args, 0, 0, '[--all]');
      const products = (await client.listProducts()).filter((p) => flags.all || p.active);
      return { text: formatProducts(products), data: products };
    }
    case 'bill': {
      const [product = '', account = ''] = expectArgs(command, args, 2, 2, '<product> <account>');
      const bill = await client.getBill({
        product,
        account,
        ...(flags.biller ? { billerCode: flags.biller } : {}),
        ...(flags.ref2 ? { ref2: flags.ref2 } : {}),
      });
      return { text: formatBill(bill), data: bill };
    }
    case 'subproducts': {
      const [product = '', account] = expectArgs(command, args, 1, 2, '<product> [account]');
      const page = await client.getSubProducts({
        product,
        ...(account ? { account } : {}),
        ...(flags.limit ? { limit: flags.limit } : {}),
      });
      return { text: formatSubProducts(page), data: page };
    }
    case 'network': {
      const [product = ''] = expectArgs(command, args, 1, 1, '<product>');
      const status = await client.getNetworkStatus(product);
      return { text: formatNetworkStatus(status), data: status };
    }
    default:
      throw new UsageError(`unknown command "${command}"; run \`npm run cli -- help\` for the list`);
  }
}

function expectArgs(command: string, args: string[], min: number, max: number, usage: string): string[] {
  if (args.length < min || args.length > max) {
    throw new UsageError(`usage: npm run cli -- ${command} ${usage}`.trimEnd());
  }
  return args;
}

function describeFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message.replace(/\n\s*/g, ' ').replace(':  - ', ': ');
  if (isPaymentError(error)) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
