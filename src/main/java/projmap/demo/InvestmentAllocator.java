package projmap.demo;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Shares a money total (万元, whole numbers) out over projects in proportion to weights, within a
 * floor and a ceiling per project, so that the parts add up to the total exactly.
 *
 * <p>Used three times for the demo programme: total investment (Σ = 8,354,000), the year's planned
 * investment (Σ = 2,040,000, each ≤ its total) and investment completed so far (Σ = 304,000, each
 * ≤ its year plan). The method: scale the weights to the total, pinning any part that falls
 * outside its bounds and rescaling the rest (water-filling); round each part to a "plan-like"
 * figure (whole 100 万元 above 100,000, whole 10 above 10,000); then hand the rounding remainder
 * to the largest parts that still have room. Integer arithmetic from the rounding on, so the sum
 * is exact. Stateless.
 */
final class InvestmentAllocator {

    private InvestmentAllocator() {
    }

    static long[] allocate(double[] weights, long[] floor, long[] ceiling, long total) {
        int n = weights.length;
        long minSum = 0;
        long maxSum = 0;
        for (int k = 0; k < n; k++) {
            if (floor[k] > ceiling[k]) {
                throw new IllegalArgumentException("floor above ceiling at " + k);
            }
            minSum += floor[k];
            maxSum = ceiling[k] == Long.MAX_VALUE || maxSum == Long.MAX_VALUE ? Long.MAX_VALUE : maxSum + ceiling[k];
        }
        if (total < minSum || total > maxSum) {
            throw new IllegalArgumentException("total " + total + " outside [" + minSum + ", " + maxSum + "]");
        }

        double[] share = new double[n];
        boolean[] pinned = new boolean[n];
        boolean changed = true;
        while (changed) {
            changed = false;
            double rest = total;
            double w = 0;
            for (int k = 0; k < n; k++) {
                if (pinned[k]) {
                    rest -= share[k];
                } else {
                    w += weights[k];
                }
            }
            for (int k = 0; k < n; k++) {
                if (pinned[k]) {
                    continue;
                }
                double v = w > 0 ? weights[k] * rest / w : 0;
                if (v < floor[k]) {
                    share[k] = floor[k];
                    pinned[k] = true;
                    changed = true;
                } else if (v > ceiling[k]) {
                    share[k] = ceiling[k];
                    pinned[k] = true;
                    changed = true;
                } else {
                    share[k] = v;
                }
            }
        }

        long[] out = new long[n];
        long sum = 0;
        for (int k = 0; k < n; k++) {
            out[k] = Math.max(floor[k], Math.min(ceiling[k], planLike(share[k])));
            sum += out[k];
        }
        long residual = total - sum;
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -share[k]).thenComparingInt(k -> k));
        for (int k : order) {
            if (residual == 0) {
                break;
            }
            long room = residual > 0 ? ceiling[k] - out[k] : out[k] - floor[k];
            long step = Math.min(Math.abs(residual), room);
            out[k] += residual > 0 ? step : -step;
            residual += residual > 0 ? -step : step;
        }
        if (residual != 0) {
            throw new IllegalStateException("could not place a remainder of " + residual);
        }
        return out;
    }

    /** Rounded the way plan tables state money: to 100 above 100,000, to 10 above 10,000. */
    static long planLike(double v) {
        if (v >= 100_000) {
            return Math.round(v / 100) * 100;
        }
        if (v >= 10_000) {
            return Math.round(v / 10) * 10;
        }
        return Math.round(v);
    }
}
