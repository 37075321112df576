// Small statistics the detector needs: robust location/scale and exact count tails turned into
// z-like scores. Tails are computed in log space so a huge surge scores a finite large number.

export function median(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median absolute deviation around the median (unscaled). */
export function mad(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = 0.99999999999980993;
  const t = y + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += LANCZOS[i]! / (y + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

/** ln P(X ≥ k) for X ~ Poisson(λ); only meaningful (and only computed exactly) for k > λ. */
export function logPoissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 0;
  if (lambda <= 0) return -Infinity;
  let term = k * Math.log(lambda) - lambda - logGamma(k + 1);
  let sum = term;
  // Terms fall once j > λ; stop when they no longer move the sum.
  for (let j = k + 1; j < k + 100_000; j++) {
    term += Math.log(lambda / j);
    const next = logSumExp(sum, term);
    if (next - sum < 1e-12) break;
    sum = next;
  }
  return Math.min(0, sum);
}

/** ln P(X ≥ k) for X ~ Binomial(n, p). */
export function logBinomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 0;
  if (k > n) return -Infinity;
  if (p <= 0) return -Infinity;
  if (p >= 1) return 0;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let sum = -Infinity;
  for (let j = k; j <= n; j++) {
    const term = logGamma(n + 1) - logGamma(j + 1) - logGamma(n - j + 1) + j * lp + (n - j) * lq;
    const next = logSumExp(sum, term);
    if (j > k && next - sum < 1e-12 && j > n * p) break;
    sum = next;
  }
  return Math.min(0, sum);
}

/** Inverse of the standard normal lower-tail CDF (Acklam's rational approximation). */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** The z with P(Z ≥ z) = exp(logP): tail probabilities on one scale with robust z-scores. */
export function zFromLogUpperTail(logP: number): number {
  if (logP >= 0) return -8;
  if (logP > -600) return -normalQuantile(Math.exp(logP));
  // Far tail: ln p ≈ -z²/2 - ln z - ½ ln 2π, solved by fixed-point iteration.
  let z = Math.sqrt(-2 * logP);
  for (let i = 0; i < 5; i++) z = Math.sqrt(-2 * (logP + Math.log(z) + 0.5 * Math.log(2 * Math.PI)));
  return z;
}
