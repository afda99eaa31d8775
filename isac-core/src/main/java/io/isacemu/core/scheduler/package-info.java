/**
 * Exactly optimal integer bandwidth and binary offloading scheduler.
 *
 * <p>Model: the uplink band B is split into {@code U = ⌊B/B_min⌋} OFDMA units ({@link
 * io.isacemu.core.scheduler.SchedulingProblem#unitsFor}). Every device of a {@link
 * io.isacemu.core.scheduler.SchedulingProblem} contributes: it gets {@code b_k ≥ 1} integer units,
 * {@code Σ b_k ≤ U}, rate {@code R_k = b_k·B_min·η_k} with {@code η_k = log2(1 + SNR_k)} for a
 * per-Hz SNR (independent of b_k), and one of its 1–2 {@link
 * io.isacemu.core.scheduler.PathOption}s (OFFLOAD raw data to the MEC, or encode LOCALly and send
 * the result). Several concurrent tasks are scheduled as the union of their devices; the
 * min-latency objective is then the makespan over all of them.
 *
 * <p>Entry point: {@link io.isacemu.core.scheduler.OptimalScheduler} — {@code minimizeLatency}
 * (min makespan, fewest units among optima) and {@code minimizeEnergy} (min Σ energy under a
 * per-device deadline). Results are {@link io.isacemu.core.scheduler.Schedule.Feasible} or {@link
 * io.isacemu.core.scheduler.Schedule.Infeasible} with the shortfall.
 */
package io.isacemu.core.scheduler;
