/**
 * Standard normal quantiles at the fixed levels the statistics use, to 16 digits (scipy.stats.norm.ppf).
 * simple-statistics' `probit` is an approximation good to about 3 decimals (probit(0.975) = 1.9572, not 1.95996),
 * which would move a Wilson bound in the fourth decimal, so the two values used here are constants.
 */
/** z for a two-sided 95% interval: Φ⁻¹(0.975). */
export const Z_975 = 1.959963984540054;
/** z for 80% power: Φ⁻¹(0.8). */
export const Z_80 = 0.8416212335729143;
