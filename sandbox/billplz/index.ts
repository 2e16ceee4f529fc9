/** The Billplz sandbox: a local HTTP stand-in for Billplz API v3 bills and X-Signature callbacks. */
export type { BillplzSandbox, BillplzSandboxOptions, SandboxBill, SandboxCall } from './server.js';
export { startBillplzSandbox } from './server.js';
