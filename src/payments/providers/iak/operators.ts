/**
 * Indonesian operators and their number prefixes (IAK spec §5.11, "Operator prefix list"), and which
 * price-list codes belong to each. IAK refuses a number of another operator with rc 16 ("number not
 * match with operator"); knowing the prefixes lets the shop refuse it before the buyer confirms.
 */

export type IakOperator = 'INDOSAT' | 'XL' | 'AXIS' | 'TELKOMSEL' | 'SMARTFREN' | 'THREE' | 'by.U';

/** As documented. by.U's six-digit prefixes lie inside Telkomsel's 0851. */
export const IAK_OPERATOR_PREFIXES: Readonly<Record<IakOperator, readonly string[]>> = {
  INDOSAT: ['0814', '0815', '0816', '0855', '0856', '0857', '0858'],
  XL: ['0817', '0818', '0819', '0859', '0878', '0877'],
  AXIS: ['0838', '0837', '0831', '0832'],
  TELKOMSEL: ['0812', '0813', '0852', '0853', '0821', '0823', '0822', '0851'],
  SMARTFREN: ['0881', '0882', '0883', '0884', '0885', '0886', '0887', '0888'],
  THREE: ['0896', '0897', '0898', '0899', '0895'],
  'by.U': ['085154', '085155', '085156', '085157', '085158'],
};

/** Product-code stems per operator (spec §5.11), longest first so `xldata` wins over `xld`. */
const CODE_STEMS: ReadonlyArray<[stem: string, operator: IakOperator]> = (
  [
    ['hindosat', 'INDOSAT'],
    ['isatdata', 'INDOSAT'],
    ['xldata', 'XL'],
    ['xld', 'XL'],
    ['haxis', 'AXIS'],
    ['axisdata', 'AXIS'],
    ['htelkomsel', 'TELKOMSEL'],
    ['tseldata', 'TELKOMSEL'],
    ['hsmart', 'SMARTFREN'],
    ['hthree', 'THREE'],
    ['threedata', 'THREE'],
    ['hbyu', 'by.U'],
  ] as Array<[string, IakOperator]>
).sort((a, b) => b[0].length - a[0].length);

/** The operator a pulsa or data product code belongs to, when the docs name its code stem. */
export function operatorOfProductCode(code: string): IakOperator | undefined {
  const lower = code.trim().toLowerCase();
  return CODE_STEMS.find(([stem]) => lower.startsWith(stem))?.[1];
}

/**
 * The prefixes that are this operator's alone: a prefix that contains another operator's longer one
 * (Telkomsel's 0851 contains by.U's 085154) is split into the digits around it, so "starts with one
 * of these" is the whole check.
 */
export function exclusivePrefixes(operator: IakOperator): string[] {
  const others = (Object.entries(IAK_OPERATOR_PREFIXES) as Array<[IakOperator, readonly string[]]>)
    .filter(([name]) => name !== operator)
    .flatMap(([, prefixes]) => prefixes);
  const split = (prefix: string): string[] => {
    const inside = others.filter((other) => other.length > prefix.length && other.startsWith(prefix));
    if (inside.length === 0) return others.includes(prefix) ? [] : [prefix];
    return '0123456789'
      .split('')
      .flatMap((digit) => split(prefix + digit))
      .filter((p) => !others.includes(p));
  };
  return IAK_OPERATOR_PREFIXES[operator].flatMap(split);
}
