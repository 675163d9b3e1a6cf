package mind.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of {@code ./mind}: {@code up} runs the suite in the foreground until Ctrl-C (or
 * {@code ./mind down}); {@code token ROLE [--user ID]} prints a JWT the running suite accepts;
 * {@code openapi [FILE]} writes the merged OpenAPI document of the built services (for a cluster);
 * {@code startup} measures each service started alone; {@code train} records each service's AOT cache from a
 * training run against the running suite ({@link Training}).
 */
public final class Mind {

    private Mind() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path root = Path.of(System.getProperty("mind.root", ".")).toAbsolutePath().normalize();
        Suite.Config config = Suite.Config.fromEnvironment(root);
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "up" -> up(config, System.out);
            case "token" -> token(config, args);
            case "openapi" -> openApi(root, args);
            case "startup" -> startup(config, rounds(args), System.out);
            case "train" -> {
                try {
                    Training.run(config, System.out);
                } catch (IllegalStateException e) {
                    System.err.println("mind train: " + e.getMessage());
                    System.exit(1);
                }
            }
            default -> {
                System.err.println("usage: mind up | mind token admin|agent|telephony [--user ID] | mind openapi [FILE]"
                        + " | mind startup [ROUNDS] | mind train");
                System.exit(2);
            }
        }
    }

    private static void up(Suite.Config config, PrintStream out) throws Exception {
        Suite suite = new Suite(config, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping Mind ...");
            suite.close();
            out.println("Mind stopped.");
            stopped.countDown();
        }));
        try {
            suite.start();
        } catch (Exception e) {
            out.println("Mind did not start: " + e.getMessage());
            System.exit(1);
        }
        String base = suite.baseUrl();
        out.println();
        out.println("Tokens (valid 12 h; more with ./mind token admin|agent|telephony [--user ID]):");
        for (String role : new String[] { "admin", "agent", "telephony" }) {
            out.printf("  %-9s %s%n", role, suite.keys().token(role, null, Duration.ofHours(12)));
        }
        out.println();
        out.println("Try:");
        out.println("  curl -H \"Authorization: Bearer $(./mind token agent)\" " + base + "/settings/subchannel");
        out.println("  OpenAPI: " + base + "/docs/open-api   API reference: " + base + "/docs");
        out.println("Logs: " + config.dataDir().resolve("logs") + "   Stop: Ctrl-C or ./mind down");
        stopped.await();
    }

    private static void token(Suite.Config config, String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: mind token admin|agent|telephony [--user ID]");
            System.exit(2);
        }
        Long user = null;
        for (int i = 2; i < args.length; i++) {
            if ("--user".equals(args[i]) && i + 1 < args.length) {
                user = Long.parseLong(args[++i]);
            } else {
                System.err.println("unknown option " + args[i]);
                System.exit(2);
            }
        }
        try {
            System.out.println(new Keys(config.dataDir()).ensure().token(args[1], user, Duration.ofHours(12)));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Starts each service alone, one after the other, against the database of the suite that runs (its
     * migrations done), on a free port, and prints its start-to-ready time and resident memory once ready:
     * {@code startup <service> <seconds> <MB>} per start, for bench/run. With more than one round the services
     * take turns (every service once, then again), so that a noisy minute spreads over all of them.
     */
    private static void startup(Suite.Config config, int rounds, PrintStream out) throws Exception {
        try (Suite attached = new Suite(config, new PrintStream(java.io.OutputStream.nullOutputStream())).attach()) {
            for (int round = 0; round < rounds; round++) {
                for (String service : Suite.CLIENT_NAMES.keySet()) {
                    int port = Suite.freePort();
                    long started = System.nanoTime();
                    Process process = attached.startReplica(service, port);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    long rssKb = java.nio.file.Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                            .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst()
                            .orElse(0L);
                    out.printf(java.util.Locale.ROOT, "startup %s %.2f %d%n", service, seconds, rssKb / 1024);
                    attached.stop(service + "-" + port);
                }
            }
        }
    }

    /** {@code startup [ROUNDS]}: how many times each service is started (1 to 20; 1 when not given). */
    static int rounds(String[] args) {
        if (args.length < 2) {
            return 1;
        }
        try {
            int rounds = Integer.parseInt(args[1]);
            if (rounds >= 1 && rounds <= 20) {
                return rounds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println("mind startup: ROUNDS must be a whole number from 1 to 20, not '" + args[1] + "'");
        System.exit(2);
        return 0;
    }

    /**
     * The five services' OpenAPI documents as the build stored them ({@code target/openapi}),
     * merged as the front door merges the running ones: the document a cluster serves at
     * {@code /api/mind/docs/open-api} (README, "API reference"). No service needs to run.
     */
    private static void openApi(Path root, String[] args) throws Exception {
        String merged = OpenApiBundle.merge(root);
        if (args.length > 1) {
            java.nio.file.Files.writeString(Path.of(args[1]), merged);
            System.err.println("Wrote " + Path.of(args[1]).toAbsolutePath());
        } else {
            System.out.println(merged);
        }
    }
}
