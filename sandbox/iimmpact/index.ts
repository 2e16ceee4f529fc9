/** The IIMMPACT sandbox: a local HTTP stand-in for the provider's staging API. */

export { sandboxFaultSchema } from '../kit/control.js';
export type { AccessLevel } from './auth.js';
export { BILL_MESSAGES } from './bill-presentment.js';
export type { CallbackTarget } from './callbacks.js';
export { buildGetCallbackUrl } from './callbacks.js';
export { CONTROL_PREFIX } from './control-plane.js';
export * as IIMMPACT_DOC_EXAMPLES from './doc-examples.js';
export type {
  AmountRule,
  CatalogGroup,
  JompayBiller,
  MobileDataPlan,
  PtptnAccount,
  SandboxProduct,
} from './fixtures.js';
export {
  CATALOG_GROUPS,
  findBiller,
  findProduct,
  HOLD_ACCOUNT,
  JOMPAY_BILLERS,
  MOBILE_DATA_PLANS,
  PTPTN_ACCOUNTS,
  plansForNumber,
  SANDBOX_FIXTURES,
  SANDBOX_PRODUCTS,
  TEST_ACCOUNT_OUTCOMES,
  TNB_INVALID_ACCOUNT,
  TNB_VALID_BILL,
} from './fixtures.js';
export type { TopupData } from './ledger.js';
export type { IimmpactSandbox, IimmpactSandboxOptions, SandboxFault, SandboxTransaction } from './server.js';
export { startIimmpactSandbox } from './server.js';
export {
  FAILURE_MEANINGS,
  STATUS_ACCEPTED,
  STATUS_PROCESSING,
  STATUS_REFUND,
  STATUS_SUCCESSFUL,
  STATUS_UNDOCUMENTED,
  statusTextFor,
} from './status-codes.js';
