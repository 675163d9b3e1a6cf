package mind.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The whole suite on one machine: PostgreSQL (embedded, data kept under the data folder, or an
 * external one), the five services from their packaged jars, and the front door.
 */
final class Suite implements AutoCloseable {

    /** Service → REST client name the others use for it ({@code quarkus.rest-client.<name>.url}). */
    static final Map<String, String> CLIENT_NAMES = orderedMap(
            "ticket-svc", "ticket",
            "aiagent-svc", "aiagent",
            "qualitycheck-svc", "qualitycheck",
            "settings-svc", "settings",
            "telephony-svc", "telephony");

    /** The variable that gives a service its own token, and the roles in it, for the services that have one. */
    record ServiceToken(String variable, Set<String> roles) {
    }

    static final Map<String, ServiceToken> SERVICE_TOKENS = Map.of(
            "qualitycheck-svc", new ServiceToken("MIND_QUALITYCHECK_WORKER_SERVICE_TOKEN", Set.of("serviceWorker")),
            // the outbox also assigns the call's ticket (PATCH /ticket/{id})
            "telephony-svc", new ServiceToken("MIND_TELEPHONY_SERVICE_TOKEN", Set.of("serviceWorker", "updateTicket")),
            "aiagent-svc", new ServiceToken("MIND_AIAGENT_SERVICE_TOKEN", Set.of("serviceWorker")),
            // the hook relay reads settings-svc's event hooks and hands it ticket events
            "ticket-svc", new ServiceToken("MIND_TICKET_SERVICE_TOKEN", Set.of("serviceWorker")));

    record Database(String jdbcUrl, String user, String password) {
    }

    /** Where the front door and the services listen unless MIND_BIND says otherwise: this machine only. */
    static final String DEFAULT_BIND = "127.0.0.1";

    /**
     * @param bindHost the address the front door and the services listen on (MIND_BIND); embedded
     *        PostgreSQL always listens on localhost only
     */
    record Config(Path root, Path dataDir, int frontDoorPort, Map<String, Integer> servicePorts, int postgresPort,
            Database externalDatabase, Duration readyTimeout, String bindHost) {

        static Config fromEnvironment(Path root) {
            return fromEnvironment(root, System.getenv());
        }

        /** Ports as DESIGN.md gives them: front door 8080, services 8081..8085; overridable by environment. */
        static Config fromEnvironment(Path root, Map<String, String> env) {
            Path data = Path.of(env.getOrDefault("MIND_DATA", root.resolve(".mind").toString()));
            Map<String, Integer> ports = new LinkedHashMap<>();
            int base = Integer.parseInt(env.getOrDefault("MIND_SERVICE_PORT_BASE", "8081"));
            for (String service : CLIENT_NAMES.keySet()) {
                ports.put(service, base + ports.size());
            }
            Database external = env.containsKey("MIND_DB_URL")
                    ? new Database(env.get("MIND_DB_URL"), env.getOrDefault("MIND_DB_USER", "postgres"),
                            env.getOrDefault("MIND_DB_PASSWORD", ""))
                    : null;
            return new Config(root, data, Integer.parseInt(env.getOrDefault("MIND_PORT", "8080")), ports,
                    Integer.parseInt(env.getOrDefault("MIND_PG_PORT", "54329")), external,
                    Duration.ofSeconds(Long.parseLong(env.getOrDefault("MIND_READY_TIMEOUT", "120"))),
                    env.getOrDefault("MIND_BIND", DEFAULT_BIND));
        }

        /** The address to connect to the front door and the services: loopback when they listen on every interface. */
        String connectHost() {
            return isWildcard(bindHost) ? "127.0.0.1" : bindHost;
        }

        /** {@link #connectHost()} as it is written in a URL (IPv6 in brackets). */
        String urlHost() {
            String host = connectHost();
            return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        }

        private static boolean isWildcard(String host) {
            return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        }

        /** Every port the suite listens on, with what listens there and the variable that moves it. */
        Map<Integer, String> portOwners() {
            Map<Integer, String> owners = new LinkedHashMap<>();
            owners.put(frontDoorPort, "front door, MIND_PORT");
            servicePorts.forEach((service, port) -> owners.putIfAbsent(port, service + ", MIND_SERVICE_PORT_BASE"));
            if (externalDatabase == null) {
                owners.putIfAbsent(postgresPort, "embedded PostgreSQL, MIND_PG_PORT");
            }
            return owners;
        }
    }

    /** One or more of the suite's ports are taken; nothing was started. */
    static final class PortsInUse extends IllegalStateException {
        PortsInUse(String message) {
            super(message);
        }
    }

    private final Config config;
    private final PrintStream out;
    private final Keys keys;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    /** Variables given to one service on top of the suite's own (tests: an endpoint of theirs for a service to call). */
    private final Map<String, Map<String, String>> serviceEnvironment = new LinkedHashMap<>();
    private EmbeddedPostgres postgres;
    private Database database;
    private FrontDoor frontDoor;
    /** Joined a suite started elsewhere ({@link #attach()}): its pid file is left alone. */
    private boolean attached;
    /** Set by {@link #close()}: a start still in progress stops launching things. */
    private volatile boolean closed;
    private boolean stopped;

    Suite(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.keys = new Keys(config.dataDir());
    }

    Suite start() throws IOException, InterruptedException {
        long started = System.nanoTime();
        checkPorts(config);
        Files.createDirectories(config.dataDir().resolve("logs"));
        keys.ensure();
        synchronized (this) {
            ensureOpen();
            // first, so that a client gets "starting" answers (503) instead of refused connections or 502s
            frontDoor = new FrontDoor(RouteTable.fromIngress(), config.servicePorts(), config.connectHost())
                    .start(config.bindHost(), config.frontDoorPort());
        }
        synchronized (this) {
            ensureOpen();
            database = startDatabase();
        }
        for (String service : CLIENT_NAMES.keySet()) {
            synchronized (this) {
                ensureOpen();
                processes.put(service, startService(service, database, config.servicePorts().get(service), service));
            }
        }
        synchronized (this) {
            ensureOpen();
            writePids();
        }
        awaitReady();
        out.printf("Mind is ready on %s (%.1f s)%n", baseUrl(), (System.nanoTime() - started) / 1e9);
        return this;
    }

    /**
     * Fails, naming each taken port and what holds it, before anything is started: a suite that
     * finds its port taken half-way would leave PostgreSQL or services behind.
     */
    static void checkPorts(Config config) {
        List<String> taken = new ArrayList<>();
        config.portOwners().forEach((port, owner) -> {
            String host = owner.startsWith("embedded PostgreSQL") ? "127.0.0.1" : config.bindHost();
            if (!isFree(host, port)) {
                taken.add("port " + port + " (" + owner + ") is in use" + listener(port).map(l -> " by " + l).orElse(""));
            }
        });
        if (!taken.isEmpty()) {
            throw new PortsInUse(String.join("; ", taken)
                    + ". Stop what holds a port, or set the variable named to another port.");
        }
    }

    private static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    private static final Pattern SS_USER = Pattern.compile("\\(\"([^\"]+)\",pid=(\\d+)");

    /** "name (pid N)" of the process listening on the port, from {@code ss -ltnp} where it exists and may tell. */
    static Optional<String> listener(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).redirectErrorStream(true).start();
            String output = new String(ss.getInputStream().readAllBytes());
            if (!ss.waitFor(2, TimeUnit.SECONDS) || ss.exitValue() != 0) {
                return Optional.empty();
            }
            Matcher user = SS_USER.matcher(output);
            return user.find() ? Optional.of(user.group(1) + " (pid " + user.group(2) + ")") : Optional.empty();
        } catch (IOException noSs) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    String baseUrl() {
        String host = config.urlHost().equals("127.0.0.1") ? "localhost" : config.urlHost();
        return "http://" + host + ":" + frontDoor.port() + "/api/mind";
    }
    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("stopped while starting");
        }
    }

    int frontDoorPort() {
        return frontDoor.port();
    }

    Keys keys() {
        return keys;
    }

    Config config() {
        return config;
    }

    /** The database the services use (set once started). */
    synchronized Database database() {
        return database;
    }

    private Database startDatabase() throws IOException {
        if (config.externalDatabase() != null) {
            out.println("PostgreSQL: external, " + config.externalDatabase().jdbcUrl());
            return config.externalDatabase();
        }
        Path pgData = config.dataDir().resolve("pgdata");
        Files.createDirectories(pgData);
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(config.postgresPort())
                // PostgreSQL's default, said explicitly: the database is for the services on this machine only
                .setServerConfig("listen_addresses", "localhost")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(config.dataDir().resolve("logs/postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(config.dataDir().resolve("logs/postgres.log").toFile()))
                .start();
        out.printf("PostgreSQL: embedded on port %d, data in %s%n", postgres.getPort(), pgData);
        return new Database("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "postgres");
    }

    /**
     * Joins the database of a suite started elsewhere (by {@code ./mind up}: the embedded PostgreSQL on
     * its port, or the external one) without starting anything, so that {@link #startReplica} can start
     * single services against it. Closing it stops only what it started.
     */
    Suite attach() throws IOException {
        attached = true;
        keys.ensure();
        database = config.externalDatabase() != null ? config.externalDatabase()
                : new Database("jdbc:postgresql://localhost:" + config.postgresPort() + "/postgres", "postgres", "postgres");
        return this;
    }

    /** Stops one process this suite started (a replica by its name, service-port), waiting up to 10 s. */
    void stop(String name) throws InterruptedException {
        stop(name, Duration.ofSeconds(10));
    }

    /** Stops one process this suite started, waiting up to {@code patience} for it to exit before killing it. */
    void stop(String name, Duration patience) throws InterruptedException {
        Process process;
        synchronized (this) {
            process = processes.remove(name);
        }
        process.destroy();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
    }

    /**
     * Starts one more instance of a started suite's service on {@code port}: same jar, database and
     * configuration, as a second replica behind a load balancer would run (the front door keeps routing to
     * the first). Stopped with the suite. Used by tests of behaviour across replicas.
     */
    Process startReplica(String service, int port) throws IOException, InterruptedException {
        return startReplica(service, port, defaultJvmOptions(service));
    }

    /** {@link #startReplica(String, int)} with JVM options of the caller's (a training run's). */
    Process startReplica(String service, int port, List<String> jvmOptions) throws IOException, InterruptedException {
        String name = service + "-" + port;
        Process process;
        synchronized (this) {
            ensureOpen();
            if (database == null) {
                throw new IllegalStateException("start the suite first");
            }
            process = startService(service, database, port, name, jvmOptions);
            processes.put(name, process);
            writePids();
        }
        awaitReady(name, process, port);
        return process;
    }

    /** How often a single starting service is asked whether it is ready. */
    static final long READY_POLL_MILLIS = 20;

    /** Waits until one started process answers ready on its port; fails when it exits or takes too long. */
    private void awaitReady(String name, Process process, int port) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + config.readyTimeout().toNanos();
        while (!isReady(http, config.urlHost(), port)) {
            ensureOpen();
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; last log lines:\n"
                        + tail(config.dataDir().resolve("logs/" + name + ".log"), 30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready within " + config.readyTimeout().toSeconds() + " s");
            }
            // ./mind startup times this wait: a quarter-second step added 0.125 s to each reading on average (a
            // refused connection or a 503 costs this process microseconds, the starting service nothing)
            Thread.sleep(READY_POLL_MILLIS);
        }
        out.printf("%-17s ready%n", name);
    }

    /** The process id of one of the suite's services (tests check that a service was not restarted). */
    synchronized long pid(String service) {
        return processes.get(service).pid();
    }

    /** Kills one of the suite's services the hard way (SIGKILL): no shutdown, open connections cut, as in a crash. */
    void kill(String service) throws InterruptedException {
        Process process;
        synchronized (this) {
            process = processes.get(service);
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts a killed service again on its port with the same configuration, and waits until it is ready. */
    void restart(String service) throws IOException, InterruptedException {
        Process process;
        synchronized (this) {
            ensureOpen();
            if (processes.get(service).isAlive()) {
                throw new IllegalStateException(service + " is still running");
            }
            process = startService(service, database, config.servicePorts().get(service), service);
            processes.put(service, process);
            writePids();
        }
        awaitReady(service, process, config.servicePorts().get(service));
    }

    /**
     * Freezes a service (SIGSTOP) or thaws it (SIGCONT): frozen, it still accepts connections but answers
     * nothing, as a hung or overloaded service does.
     */
    void freeze(String service, boolean frozen) throws IOException, InterruptedException {
        long pid;
        synchronized (this) {
            pid = processes.get(service).pid();
        }
        Process kill = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("could not " + (frozen ? "freeze " : "thaw ") + service);
        }
    }

    /**
     * Stops the embedded PostgreSQL (fast shutdown: every open connection is cut) and starts it again on the
     * same data and port: what a database failover or restart looks like to the services.
     */
    void restartDatabase() throws IOException {
        synchronized (this) {
            ensureOpen();
            if (postgres == null) {
                throw new IllegalStateException("the database is external: restart it yourself");
            }
            postgres.close();
            postgres = null;
            database = startDatabase();
        }
    }

    /**
     * The JVM options every service runs with (README "Start-up and memory"), for the JDK of this launcher
     * (the services run on the same {@code java}). SerialGC and a 256 MB ceiling suit a service on a core or
     * two; the heap starts at 64 MB and grows only as far as the live data needs (left to itself it would
     * start, and stay, at the ceiling: an initial size of 1/64 of a large machine's memory). The young
     * generation is fixed at 32 MB with survivor spaces of 8 MB each (instead of about 2 MB): when requests
     * pile up in an overload, what they hold survives a young collection or two and then dies; with small
     * survivor spaces it was promoted instead, the old generation grew towards the ceiling, and SerialGC
     * never gave that memory back (bench/RESULTS.md: ticket-svc 420 MB after a burst, 242 MB with these
     * settings, the same CPU per request). The heap and the compiled code sit on transparent huge pages where the
     * kernel offers them on request ({@code madvise}, the usual default): a start touches its heap for the first
     * time page by page, and with 2 MB pages its young collections took 7-15 ms instead of 43-66 (ready 0.15 s
     * sooner; 8 MB more RSS after a load; where the kernel has them off, the JVM says so once and uses small
     * pages). From JDK 22 the C heap that JIT compilation leaves behind is handed back to the system every 5 s. From
     * JDK 25, the AOT cache the build recorded beside the jar ({@code app.aot}, see the pom's aot-cache profile) is used
     * when it is there: classes come loaded and linked from it. The JDK checks at start that the cache comes from its
     * own build and uses nothing recorded for a class path that no longer matches; a cache it cannot map at all is
     * reported as an {@code [aot]} error in the service's log, and the service starts without it. A cache that
     * {@code ./mind train} recorded from a whole start and some requests ({@value #TRAINED_CACHE}) is preferred to the
     * build's while it is newer than the build (README "Start-up and memory").
     */
    static List<String> jvmOptions(Path appDir, int javaFeature) {
        List<String> options = baseJvmOptions(javaFeature);
        if (javaFeature >= 25) {
            aotCache(appDir).ifPresent(cache -> options.add("-XX:AOTCache=" + cache));
        }
        return options;
    }

    /**
     * The options of a training run ({@code ./mind train}): those of {@link #jvmOptions} with no cache to
     * read, and the JDK told to write one to {@code output} when the service exits (JDK 25+, JEP 514/515).
     */
    static List<String> trainingJvmOptions(Path output) {
        List<String> options = baseJvmOptions(25);
        options.add("-XX:AOTCacheOutput=" + output);
        return options;
    }

    private static List<String> baseJvmOptions(int javaFeature) {
        List<String> options = new ArrayList<>(List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-Xmn32m", "-XX:SurvivorRatio=2", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseTransparentHugePages"));
        if (javaFeature >= 22) {
            options.add("-XX:TrimNativeHeapInterval=5000");
        }
        return options;
    }

    /** The cache {@code ./mind train} writes beside the build's {@code app.aot}. */
    static final String TRAINED_CACHE = "app-trained.aot";

    /**
     * The AOT cache a service starts with: the trained one while it is newer than everything the build
     * wrote (a rebuilt jar makes it stale: the JDK would refuse it), else the build's, else none.
     */
    static Optional<Path> aotCache(Path appDir) {
        Path built = appDir.resolve("app.aot");
        Path trained = appDir.resolve(TRAINED_CACHE);
        try {
            if (Files.isRegularFile(trained)) {
                FileTime at = Files.getLastModifiedTime(trained);
                boolean current = true;
                for (Path buildOutput : List.of(built, appDir.resolve("quarkus-run.jar"))) {
                    if (Files.exists(buildOutput) && Files.getLastModifiedTime(buildOutput).compareTo(at) >= 0) {
                        current = false;
                    }
                }
                if (current) {
                    return Optional.of(trained);
                }
            }
        } catch (IOException e) {
            // unreadable: fall back to the build's cache
        }
        return Files.isRegularFile(built) ? Optional.of(built) : Optional.empty();
    }

    /** Every port {@link #freePort()} has returned (or found taken) in this JVM. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A free port below Linux's ephemeral range (32768-60999), for a service started on its own
     * ({@code ./mind startup}, {@code ./mind train}, tests): a port the kernel hands out for ephemeral use
     * could be taken by some outgoing connection (the services' own JDBC sockets) between this check and
     * the service binding it. Never the same port twice in one JVM: ports picked for several services
     * before any of them binds its own would otherwise be free to be picked again.
     */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + ThreadLocalRandom.current().nextInt(12000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port between 20000 and 32000");
    }

    /** The JVM options a service of this suite runs with (see {@link #jvmOptions(Path, int)}). */
    private List<String> defaultJvmOptions(String service) {
        return jvmOptions(appDir(service), Runtime.version().feature());
    }

    /** Gives {@code service} these environment variables, over the suite's, from its next start on. */
    synchronized void environment(String service, Map<String, String> variables) {
        serviceEnvironment.computeIfAbsent(service, s -> new LinkedHashMap<>()).putAll(variables);
    }

    /** Where the build leaves a service's runnable application (jar, libraries, AOT cache). */
    Path appDir(String service) {
        return config.root().resolve(service).resolve("target/quarkus-app");
    }

    private Process startService(String service, Database database, int port, String name) throws IOException {
        return startService(service, database, port, name, defaultJvmOptions(service));
    }

    private Process startService(String service, Database database, int port, String name, List<String> jvmOptions)
            throws IOException {
        Path jar = appDir(service).resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; build with ./mvnw package -DskipTests");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", config.bindHost());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        // Five services and PostgreSQL start at once on a laptop's or build machine's few cores: opening
        // the first connections can take longer than the 3 s a request waits in production (a start that
        // gives up there fails the whole suite). The local suite waits longer; set it to override.
        env.putIfAbsent("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "30S");
        env.put("QUARKUS_OIDC_PUBLIC_KEY", keys.publicKeyBody());
        if (service.equals("settings-svc")) {
            env.put("MIND_SETTINGS_ENCRYPTION_KEYSET", keys.secretsKeyset());
        }
        if (service.equals("aiagent-svc")) {
            env.put("MIND_AIAGENT_ENCRYPTION_KEYSET", keys.aiagentKeyset());
        }
        if (service.equals("telephony-svc")) {
            env.putIfAbsent("MIND_TELEPHONY_SOFTPHONE_SIGNING_KEY", keys.softphoneKey());
        }
        ServiceToken serviceToken = SERVICE_TOKENS.get(service);
        if (serviceToken != null) {
            // work done with no user's token to pass on: qualitycheck's test run worker, telephony's outbox
            // (ticket creation and call events when ticket-svc was down), aiagent's activity events, ticket's
            // relay of ticket events to settings-svc's event hooks
            env.putIfAbsent(serviceToken.variable(), keys.token(serviceToken.roles(), 900, Duration.ofDays(365)));
        }
        if (service.equals("ticket-svc") && System.getenv("QUARKUS_MAILER_HOST") == null) {
            // no SMTP server named: replies and forwards are kept in the mock mailbox (logged), not sent
            env.putIfAbsent("QUARKUS_MAILER_MOCK", "true");
        }
        // a browser page served through the front door may send cookie-authorised writes
        env.putIfAbsent("MIND_AUTH_COOKIE_ORIGINS",
                "http://localhost:" + config.frontDoorPort() + ",http://127.0.0.1:" + config.frontDoorPort());
        CLIENT_NAMES.forEach((other, client) -> env.put("QUARKUS_REST_CLIENT_" + client.toUpperCase() + "_URL",
                "http://" + config.urlHost() + ":" + config.servicePorts().get(other)));
        synchronized (this) {
            env.putAll(serviceEnvironment.getOrDefault(service, Map.of()));
        }
        Path log = config.dataDir().resolve("logs/" + name + ".log");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Process process = builder.start();
        out.printf("%-17s starting on port %d, log %s%n", name, port, log);
        return process;
    }

    private void awaitReady() throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + config.readyTimeout().toNanos();
        List<String> pending = new ArrayList<>(CLIENT_NAMES.keySet());
        while (!pending.isEmpty()) {
            ensureOpen();
            for (int i = 0; i < pending.size(); i++) {
                String service = pending.get(i);
                Process process = processes.get(service);
                if (!process.isAlive()) {
                    throw new IllegalStateException(service + " exited with " + process.exitValue() + "; last log lines:\n"
                            + tail(config.dataDir().resolve("logs/" + service + ".log"), 30));
                }
                if (isReady(http, config.urlHost(), config.servicePorts().get(service))) {
                    frontDoor.markReady(service);
                    out.printf("%-17s ready%n", service);
                    pending.remove(i--);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not ready within " + config.readyTimeout().toSeconds() + " s: " + pending);
            }
            Thread.sleep(250);
        }
    }

    private static boolean isReady(HttpClient http, String host, int port) throws InterruptedException {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private void writePids() throws IOException {
        if (attached) {
            return; // the pid file is the running suite's
        }
        String pids = processes.values().stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining("\n"));
        Files.writeString(config.dataDir().resolve("services.pids"), pids + "\n");
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops everything this suite started: front door, services (SIGTERM, then kill after 10 s), PostgreSQL. */
    @Override
    public void close() {
        // set before taking the lock, so that a start holding it stops at its next step
        closed = true;
        synchronized (this) {
            stopAll();
        }
    }

    private void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (frontDoor != null) {
            frontDoor.close();
        }
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                out.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
        try {
            if (!attached) {
                Files.deleteIfExists(config.dataDir().resolve("services.pids"));
            }
        } catch (IOException ignored) {
            // nothing left to stop
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
