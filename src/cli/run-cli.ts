import { parseArgs } from 'node:util';
import { ConfigError, loadProviderConfig, type ProviderConfig } from '../config/env.js';
import { isPaymentError } from '../payments/errors.js';
import { money, parseDecimalToMinor } from '../payments/money.js';
import type { PaymentProvider } from '../payments/provider.js';
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
  bill <product> <account> [--biller CODE] [--ref2 REF2] [--amount AMOUNT]
                                          bill presentment for an account (JomPAY: account is Ref-1)
  subproducts <product> [account] [--limit N] [--page CURSOR]
                                          plans, PTPTN accounts or JomPAY billers; --page takes the
                                          cursor a previous page printed
  network <product>                       the product's network status

Configuration comes from the environment: PAYMENT_PROVIDER (iimmpact or iak, default iimmpact), then
IIMMPACT_BASE_URL, IIMMPACT_API_KEY, IIMMPACT_HMAC_SECRET, or IAK_BASE_URL, IAK_USERNAME, IAK_API_KEY.
IAK answers balance, products and bill (the PLN meter inquiry); it has no sub-products or network status.`;

export interface CliDeps {
  env: Record<string, string | undefined>;
  /** The provider PAYMENT_PROVIDER names, from its configuration. */
  createProvider(config: ProviderConfig): PaymentProvider;
  out(text: string): void;
  err(text: string): void;
}

/** Runs one command and returns the process exit code. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    deps.err(oneLine(`error: ${(error as Error).message}; run \`npm run cli -- help\` for usage`));
    return 2;
  }
  const { command, args, flags } = parsed;
  if (flags.help || command === undefined || command === 'help') {
    deps.out(CLI_USAGE);
    return command === undefined && !flags.help ? 2 : 0;
  }

  let provider: PaymentProvider | undefined;
  try {
    provider = deps.createProvider(loadProviderConfig(deps.env));
    const output = await runCommand(provider, command, args, flags);
    deps.out(flags.json ? toJson(output.data) : output.text);
    return 0;
  } catch (error) {
    deps.err(oneLine(`error: ${describeFailure(error)}`));
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await provider?.close();
  }
}

/** The README promises one line per failure: whatever the message, its line breaks are folded. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

class UsageError extends Error {}

interface Flags {
  json: boolean;
  all: boolean;
  help: boolean;
  biller: string | undefined;
  ref2: string | undefined;
  amount: string | undefined;
  limit: number | undefined;
  page: string | undefined;
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
      amount: { type: 'string' },
      limit: { type: 'string' },
      page: { type: 'string' },
    },
  });
  if (values.amount !== undefined && !/^\d+(\.\d{1,2})?$/.test(values.amount)) {
    throw new Error('--amount must be an amount such as 50 or 50.00');
  }
  if (values.page !== undefined && values.page.trim() === '') throw new Error('--page needs a cursor');
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
    amount: values.amount,
    limit,
    page: values.page,
  };
  const [command, ...args] = positionals;
  return { command, args, flags };
}

async function runCommand(
  provider: PaymentProvider,
  command: string,
  args: string[],
  flags: Flags,
): Promise<{ text: string; data: unknown }> {
  switch (command) {
    case 'balance': {
      expectArgs(command, args, 0, 0, '');
      const balance = await provider.getBalance();
      return { text: formatBalance(balance), data: balance };
    }
    case 'products': {
      expectArgs(command, args, 0, 0, '[--all]');
      const products = (await provider.listProducts()).filter((p) => flags.all || p.active);
      return { text: formatProducts(products), data: products };
    }
    case 'bill': {
      const [product = '', account = ''] = expectArgs(command, args, 2, 2, '<product> <account>');
      if (!provider.inquire) throw new UsageError(`${provider.id} has no bill presentment`);
      const amount =
        flags.amount === undefined ? undefined : parseDecimalToMinor(flags.amount, provider.currency);
      const bill = await provider.inquire({
        product,
        account,
        ...(flags.biller ? { billerCode: flags.biller } : {}),
        ...(flags.ref2 ? { ref2: flags.ref2 } : {}),
        ...(amount === undefined ? {} : { amount: money(amount, provider.currency) }),
      });
      return { text: formatBill(bill), data: bill };
    }
    case 'subproducts': {
      const [product = '', account] = expectArgs(command, args, 1, 2, '<product> [account]');
      if (!provider.listOptions) throw new UsageError(`${provider.id} has no sub-products`);
      const page = await provider.listOptions({
        product,
        ...(account ? { account } : {}),
        ...(flags.limit ? { limit: flags.limit } : {}),
        ...(flags.page ? { cursor: flags.page } : {}),
      });
      return { text: formatSubProducts(page, nextPageCommand(product, account, flags)), data: page };
    }
    case 'network': {
      const [product = ''] = expectArgs(command, args, 1, 1, '<product>');
      if (!provider.getNetworkStatus) throw new UsageError(`${provider.id} has no network status`);
      const status = await provider.getNetworkStatus(product);
      return { text: formatNetworkStatus(status), data: status };
    }
    default:
      throw new UsageError(`unknown command "${command}"; run \`npm run cli -- help\` for the list`);
  }
}

/** The command that shows the page after this one, given its cursor: what the "more" line suggests. */
function nextPageCommand(product: string, account: string | undefined, flags: Flags) {
  return (cursor: string) =>
    [
      'npm run cli -- subproducts',
      shellWord(product),
      account ? shellWord(account) : '',
      flags.limit ? `--limit ${flags.limit}` : '',
      `--page ${shellWord(cursor)}`,
    ]
      .filter(Boolean)
      .join(' ');
}

function shellWord(text: string): string {
  return /^[\w.,:/=@+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
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
