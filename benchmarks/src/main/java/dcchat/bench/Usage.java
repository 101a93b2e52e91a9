package dcchat.bench;

/**
 * CPU time and context switches of the server, of this load generator and of the whole machine: sampled
 * when the measured lines start and when they end, and reported as the difference. Any figure the OS does
 * not give is -1 (reported as {@code null}).
 *
 * @param serverCpu      CPU seconds of the spawned server (-1 if not spawned)
 * @param benchCpu       CPU seconds of this load generator
 * @param machineCpu     busy CPU seconds of the whole machine, every core (see {@link ProcStats})
 * @param serverSwitches context switches of the spawned server's threads (-1 if not spawned)
 * @param benchSwitches  context switches of this load generator's threads
 */
record Usage(double serverCpu, double benchCpu, double machineCpu, long serverSwitches, long benchSwitches) {

    /** Nothing known: a run that ended before it measured anything. */
    static final Usage UNKNOWN = new Usage(-1, -1, -1, -1, -1);

    /**
     * Samples the counters now. Reads one small file per server thread: about 50 ms at 2,000 clients, which is
     * why this is done outside the measured span.
     *
     * @param server the spawned server, or null
     * @return the counters so far
     */
    static Usage sample(SpawnedServer server) {
        long self = ProcessHandle.current().pid();
        double ownCpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
        return new Usage(server == null ? -1 : server.cpuSeconds(), ownCpu, ProcStats.machineBusySeconds(),
                server == null ? -1 : ProcStats.contextSwitches(server.pid()), ProcStats.contextSwitches(self));
    }

    /**
     * @param before an earlier sample
     * @return what was used between {@code before} and this sample (-1 where either is unknown)
     */
    Usage since(Usage before) {
        return new Usage(diff(serverCpu, before.serverCpu), diff(benchCpu, before.benchCpu),
                diff(machineCpu, before.machineCpu), diff(serverSwitches, before.serverSwitches),
                diff(benchSwitches, before.benchSwitches));
    }

    private static double diff(double after, double before) {
        return after < 0 || before < 0 ? -1 : after - before;
    }

    private static long diff(long after, long before) {
        return after < 0 || before < 0 ? -1 : after - before;
    }
}
