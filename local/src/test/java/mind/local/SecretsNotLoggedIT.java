package mind.local;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.jwt.build.Jwt;
import mind.common.testing.JwtMinter;

/**
 * "Secrets never appear in a response, a log line or an error", checked across the running suite
 * through the front door. The test plants distinctive values through every place the suite takes a
 * secret:
 * <ul>
 * <li>bearer JWTs (valid, expired, signed with another key, for another audience, from another issuer),
 * each carrying a marker claim, sent to every service, as the Authorization header and as the
 * {@code connect.sid} cookie (reads, and writes from no trusted origin);</li>
 * <li>an API key issued by settings-svc, used on several services, altered, revoked and used again, and a
 * made-up one;</li>
 * <li>the secret setting {@code executorSecrets} (PUT, POST /settings, every masked read);</li>
 * <li>a subchannel's IMAP/SMTP passwords and OAuth client secret and refresh token (create, read, write
 * back masked, replace);</li>
 * <li>an AI agent's source-code executor secrets (create, read, patch, preview);</li>
 * <li>a softphone token from telephony-svc, then sent as a bearer;</li>
 * <li>secrets in rejected input: malformed JSON, wrong types, unknown enum values, unknown settings, bad
 * query values, query parameters named like secrets, the mailbox OAuth callback's code and state.</li>
 * </ul>
 * It then asserts that no planted value is in any response body or header seen (except the answer that
 * issues the API key and the one that issues the softphone token), nor in any line of any file the suite
 * writes under its data folder's {@code logs} (services, PostgreSQL) nor in what the launcher and the front
 * door print while the test runs; and, at rest, in no file of the database (sealed, hashed or not stored).
 */
class SecretsNotLoggedIT {

    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    /** Every marker of this run starts so. */
    private static final String MARKER_PREFIX = "S3cr3t_" + RUN + "_";

    static RunningSuite suite;
    static HttpClient http;
    static String base;
    static Console console;

    /** What a value is → the value; every one of them must stay out of answers and logs. */
    static final Map<String, String> planted = new LinkedHashMap<>();
    static final List<Seen> seen = new ArrayList<>();
    static int requests;

    /** One response: what it was, and the planted secrets (by name) it may legitimately show. */
    record Seen(String request, int status, String text, Set<String> mayShow) {
    }

    @BeforeAll
    static void start() {
        // before the suite starts (when this class is the first): then the launcher's output is caught too
        console = Console.capture();
        suite = RunningSuite.get();
        base = "http://localhost:" + suite.frontDoorPort();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void release() {
        if (console != null) {
            console.release();
        }
    }

    @Test
    void plantedSecretsAppearInNoAnswerAndNoLogLine() throws Exception {
        long started = System.nanoTime();
        String admin = suite.bearer("admin");
        String agent = suite.bearer("agent");
        plantToken("the suite's admin token", admin.substring("Bearer ".length()));
        plantToken("the suite's agent token", agent.substring("Bearer ".length()));

        Map<String, String> tokens = tokens();
        apiKeys(admin);
        executorSecretsSetting(admin, agent);
        subchannelSecrets(admin, agent);
        aiAgentExecutorSecrets(admin, agent);
        softphoneToken(agent);
        rejectedInput(admin);
        queryParameters(admin, tokens);

        List<String> leaks = new ArrayList<>();
        for (Seen response : seen) {
            for (Map.Entry<String, String> secret : planted.entrySet()) {
                int at = response.text().indexOf(secret.getValue());
                if (at >= 0 && !response.mayShow().contains(secret.getKey())) {
                    leaks.add("the answer " + response.status() + " to " + response.request() + " shows " + secret.getKey() + ": ..."
                            + response.text().substring(Math.max(0, at - 120), Math.min(response.text().length(), at + 80)) + "...");
                }
            }
        }
        Path logs = suite.config().dataDir().resolve("logs");
        LogScan scan = LogScan.of(logs, planted);
        leaks.addAll(scan.leaks());
        LogScan printed = LogScan.ofText("the launcher's and front door's output", console.text(), planted);
        leaks.addAll(printed.leaks());
        // at rest too: what was planted is stored sealed or hashed, or not at all, so the database's files (the
        // write-ahead log holds every row written) show none of it in plain text
        Path pgdata = suite.config().dataDir().resolve("pgdata");
        LogScan stored = Files.isDirectory(pgdata) ? LogScan.ofFiles(pgdata, planted) : new LogScan(List.of(), 0, 0);
        leaks.addAll(stored.leaks());

        System.out.printf("SecretsNotLoggedIT: %d requests, %d secrets planted, %d responses checked, %d log bytes scanned "
                + "in %d files, %d bytes of launcher and front door output, %d database bytes in %d files, %.1f s%n", requests,
                planted.size(), seen.size(), scan.bytes(), scan.files(), printed.bytes(), stored.bytes(), stored.files(),
                (System.nanoTime() - started) / 1e9);
        System.out.println("SecretsNotLoggedIT: statuses " + seen.stream().collect(java.util.stream.Collectors.groupingBy(
                Seen::status, java.util.TreeMap::new, java.util.stream.Collectors.counting())));
        assertTrue(scan.files() >= 5, "the services' log files are scanned: " + scan.files());
        assertAll(() -> assertEquals(List.of(), leaks, "planted secrets were shown or logged"),
                () -> assertEquals(List.of(), surprises, "answers other than expected"));
    }

    /** The scan itself: a planted value written into a copy of a real log file is found, with its line. */
    @Test
    void theLogScanFindsAPlantedValue(@TempDir Path copy) throws IOException {
        Path logs = suite.config().dataDir().resolve("logs");
        Path original = logs.resolve("settings-svc.log");
        List<String> lines = new ArrayList<>(Files.readAllLines(original));
        String secret = "S3cr3t_" + UUID.randomUUID();
        int at = lines.size() / 2;
        lines.add(at, "2026-01-01 00:00:00,000 INFO  [mind.settings] apiKey=" + secret + " (planted)");
        Files.write(copy.resolve("settings-svc.log"), lines);

        LogScan scan = LogScan.of(copy, Map.of("a planted secret", secret));
        assertEquals(1, scan.leaks().size(), scan.leaks().toString());
        assertTrue(scan.leaks().get(0).contains("settings-svc.log:" + (at + 1) + " "), scan.leaks().get(0));
        assertEquals(List.of(), LogScan.of(logs, Map.of("a planted secret", secret)).leaks());
    }

    // ---------------------------------------------------------------------------------------------
    // The places secrets go in

    /** Every kind of bearer JWT, each with a marker claim, to every service: header and cookie. */
    private static Map<String, String> tokens() throws Exception {
        PrivateKey key = suite.keys().signingKey();
        KeyPair otherKey = JwtMinter.generateKeyPair();
        long now = Instant.now().getEpochSecond();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("valid admin JWT", jwt("valid admin JWT", Jwt.issuer(JwtMinter.ISSUER).audience(JwtMinter.AUDIENCE)
                .subject("1").upn("user-1").groups(Set.of("admin")).expiresIn(Duration.ofMinutes(10)), key));
        tokens.put("expired JWT", jwt("expired JWT", Jwt.issuer(JwtMinter.ISSUER).audience(JwtMinter.AUDIENCE).subject("1")
                .groups(Set.of("admin")).issuedAt(now - 7200).expiresAt(now - 3600), key));
        tokens.put("JWT signed with another key", jwt("JWT signed with another key", Jwt.issuer(JwtMinter.ISSUER)
                .audience(JwtMinter.AUDIENCE).subject("1").groups(Set.of("admin")).expiresIn(Duration.ofMinutes(10)),
                otherKey.getPrivate()));
        tokens.put("JWT for another audience", jwt("JWT for another audience", Jwt.issuer(JwtMinter.ISSUER)
                .audience("another-service").subject("1").groups(Set.of("admin")).expiresIn(Duration.ofMinutes(10)), key));
        tokens.put("JWT from another issuer", jwt("JWT from another issuer", Jwt.issuer("someone-else")
                .audience(JwtMinter.AUDIENCE).subject("1").groups(Set.of("admin")).expiresIn(Duration.ofMinutes(10)), key));
        tokens.forEach(SecretsNotLoggedIT::plantToken);

        List<String> reads = List.of("/api/mind/ticket/search", "/api/mind/aiAgents", "/api/mind/aiQualityCheck/testRun",
                "/api/mind/settings?filterByName=executorSecrets", "/api/mind/telephony/acd/config");
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            boolean valid = token.getKey().startsWith("valid");
            for (String path : reads) {
                String method = path.endsWith("/search") ? "POST" : "GET";
                Response answer = send(method, path, "{}", "Authorization", "Bearer " + token.getValue());
                if (!valid) {
                    expect(401, answer);
                }
                Response cookie = send(method, path, "{}", "Cookie", "connect.sid=" + token.getValue());
                if (!valid) {
                    expect(401, cookie);
                }
            }
            // a write with the cookie from no trusted origin: the cookie is ignored, 401
            expect(401, send("POST", "/api/mind/ticket", "{\"channel\":\"email\",\"subject\":\"cookie\"}",
                    "Cookie", "connect.sid=" + token.getValue(), "Origin", "https://elsewhere.example"));
            // 404 with a credential
            send("GET", "/api/mind/ticket/987654321", null, "Authorization", "Bearer " + token.getValue());
            send("GET", "/api/mind/aiAgent/987654321", null, "Authorization", "Bearer " + token.getValue());
        }
        // 403: a valid agent token where admin is needed
        String agent = jwt("valid agent JWT", Jwt.issuer(JwtMinter.ISSUER).audience(JwtMinter.AUDIENCE).subject("2")
                .upn("user-2").groups(Set.of("agent")).expiresIn(Duration.ofMinutes(10)), key);
        plantToken("valid agent JWT", agent);
        for (String path : List.of("/api/mind/settings/subchannel/987654321", "/api/mind/aiAgent/987654321",
                "/api/mind/ticket/987654321")) {
            expect(403, send("DELETE", path, null, "Authorization", "Bearer " + agent));
        }
        expect(403, send("POST", "/api/mind/telephony/callReceived", "{\"channelId\":\"x\"}", "Authorization",
                "Bearer " + agent));
        return tokens;
    }

    /** Signs the claims with a marker claim added, planted too: a log line that decodes the token shows it. */
    private static String jwt(String what, io.smallrye.jwt.build.JwtClaimsBuilder claims, PrivateKey key) {
        return claims.claim("sid", marker(what + " (marker claim)")).sign(key);
    }

    private static void plantToken(String what, String token) {
        planted.put(what, token);
        planted.put(what + " (signature)", token.substring(token.lastIndexOf('.') + 1));
    }

    /** An API key: issued, used on several services, altered, revoked, used again. */
    private static void apiKeys(String admin) throws Exception {
        Response profile = send("POST", "/api/mind/profile", "{\"email\":\"secrets-" + RUN + "@example.com\",\"firstName\":\"Secrets\","
                + "\"settings\":{\"role\":\"agent\"}}", "Authorization", admin);
        expect(200, profile);
        long profileId = Long.parseLong(field(profile.body(), "id"));
        // the one answer that shows the key
        String issuedBody = sendRaw("POST", "/api/mind/jwt/" + profileId, "{\"name\":\"Secrets IT\"}", "Authorization", admin).body();
        String key = field(issuedBody, "token");
        assertTrue(key.startsWith("mind_"), issuedBody);
        String keyId = key.split("_")[1];
        planted.put("API key", key);
        planted.put("API key (secret part)", key.substring(key.indexOf('_', 5) + 1));
        seen.add(new Seen("POST /api/mind/jwt/" + profileId, 200, issuedBody, Set.of("API key", "API key (secret part)")));

        String bearer = "Bearer " + key;
        for (String path : List.of("/api/mind/aiAgents", "/api/mind/settings/subchannel", "/api/mind/jwt/identity",
                "/api/mind/ticket/987654321", "/api/mind/telephony/acd/config")) {
            send("GET", path, null, "Authorization", bearer);
            send("GET", path, null, "Cookie", "connect.sid=" + key);
            expect(401, send("GET", path, null, "Authorization", bearer + "x"));
        }
        expect(200, send("POST", "/api/mind/ticket/search", "{}", "Authorization", bearer));
        // an agent's key is no admin (403), cannot issue keys (403)
        expect(403, send("DELETE", "/api/mind/ticket/987654321", null, "Authorization", bearer));
        expect(403, send("POST", "/api/mind/jwt/" + profileId, "{\"name\":\"successor\"}", "Authorization", bearer));
        String madeUp = "mind_" + keyId + "_" + marker("made-up API key") + "AAAAAAAA";
        planted.put("made-up API key", madeUp);
        expect(401, send("GET", "/api/mind/aiAgents", null, "Authorization", "Bearer " + madeUp));
        expect(401, send("GET", "/api/mind/tag", null, "Authorization", "Bearer " + madeUp));

        send("GET", "/api/mind/jwt/" + profileId + "/keys", null, "Authorization", admin);
        expect(200, send("DELETE", "/api/mind/jwt/" + profileId + "/keys/" + keyId, null, "Authorization", admin));
        expect(401, send("GET", "/api/mind/settings/subchannel", null, "Authorization", bearer));
        for (String path : List.of("/api/mind/aiAgents", "/api/mind/ticket/987654321", "/api/mind/telephony/acd/config")) {
            send("GET", path, null, "Authorization", bearer);
        }
    }

    /** The secret setting: written, read masked in every way, written wrongly, read in clear by no one. */
    private static void executorSecretsSetting(String admin, String agent) throws Exception {
        String first = marker("executorSecrets value");
        String second = marker("executorSecrets value written by POST /settings");
        Response put = send("PUT", "/api/mind/settings/executorSecrets",
                "{\"crmApiKey\":\"" + first + "\",\"erpPassword\":\"" + first + "-erp\"}", "Authorization", admin);
        expect(200, put);
        Response post = send("POST", "/api/mind/settings", "{\"executorSecrets\":{\"crmApiKey\":\"" + second + "\"}}",
                "Authorization", admin);
        expect(200, post);
        for (String read : List.of("/api/mind/settings?filterByName=executorSecrets", "/api/mind/settings/compact",
                "/api/mind/settings/category/ai", "/api/mind/settings/search?q=executor%20secrets", "/api/mind/settings")) {
            expect(200, send("GET", read, null, "Authorization", agent));
            expect(200, send("GET", read, null, "Authorization", admin));
        }
        expect(403, send("GET", "/api/mind/settings?filterByName=executorSecrets&showSecrets=true", null,
                "Authorization", agent));
        // refused writes carrying a secret
        expect(403, send("PUT", "/api/mind/settings/executorSecrets", "{\"crmApiKey\":\"" + marker("refused executorSecrets") + "\"}",
                "Authorization", agent));
        expect(400, send("PUT", "/api/mind/settings/executorSecrets", "\"" + marker("executorSecrets of the wrong type") + "\"",
                "Authorization", admin));
        expect(400, send("PUT", "/api/mind/settings/executorSecrets", "{\"crmApiKey\":\"" + marker("executorSecrets in malformed JSON"),
                "Authorization", admin));
        expect(400, send("POST", "/api/mind/settings", "{\"executorSecrets\":[\"" + marker("executorSecrets as an array")
                + "\"],\"noSuchSetting\":\"" + marker("value of an unknown setting") + "\"}", "Authorization", admin));
        expect(400, send("PUT", "/api/mind/settings/acdEnabled", "\"" + marker("a secret where a boolean belongs") + "\"",
                "Authorization", admin));
        // back to no secrets (the other end-to-end tests of this JVM share the settings)
        send("PUT", "/api/mind/settings/executorSecrets", "{}", "Authorization", admin);
    }

    /** A subchannel's mail passwords and OAuth secrets: created, read, written back masked, replaced, deleted. */
    private static void subchannelSecrets(String admin, String agent) throws Exception {
        String data = """
                {"imap":{"host":"imap.example.com","user":"support","password":"%s"},
                 "smtpPass":"%s","oauth":{"clientId":"mind","clientSecret":"%s"},"refreshToken":"%s"}"""
                .formatted(marker("subchannel IMAP password"), marker("subchannel SMTP password"),
                        marker("subchannel OAuth client secret"), marker("subchannel refresh token"));
        Response created = send("POST", "/api/mind/settings/subchannel",
                "{\"channel\":\"email\",\"name\":\"Secrets " + RUN + "\",\"data\":" + data + "}", "Authorization", admin);
        expect(200, created);
        String id = field(created.body(), "id");
        String one = "/api/mind/settings/subchannel/" + id;
        Response read = send("GET", one, null, "Authorization", admin);
        assertEquals(200, read.status());
        send("GET", one, null, "Authorization", agent);
        send("GET", "/api/mind/settings/subchannel", null, "Authorization", agent);
        send("GET", "/api/mind/settings/subchannel?id=" + id, null, "Authorization", admin);
        expect(403, send("GET", "/api/mind/settings/subchannel?id=" + id + "&showSecrets=true", null, "Authorization", agent));
        // written back as read (masked): the stored secrets stay
        String subchannel = read.body().replaceFirst("^\\{\"success\":true,\"subchannel\":", "").replaceFirst("}$", "");
        expect(200, send("PUT", one, subchannel, "Authorization", admin));
        expect(200, send("PUT", one, "{\"channel\":\"email\",\"name\":\"Secrets " + RUN + "\",\"data\":{\"imap\":{\"password\":\""
                + marker("subchannel IMAP password, replaced") + "\"}}}", "Authorization", admin));
        expect(403, send("PUT", one, "{\"channel\":\"email\",\"name\":\"x\",\"data\":{\"password\":\""
                + marker("subchannel password from an agent") + "\"}}", "Authorization", agent));
        // refused: wrong types and unknown values around secrets
        expect(400, send("POST", "/api/mind/settings/subchannel", "{\"channel\":\"email\",\"name\":\"x\",\"data\":\""
                + marker("subchannel data as a string") + "\"}", "Authorization", admin));
        expect(400, send("POST", "/api/mind/settings/subchannel", "{\"channel\":\"" + marker("subchannel channel")
                + "\",\"name\":\"x\",\"data\":{\"password\":\"" + marker("subchannel password of a refused body") + "\"}}",
                "Authorization", admin));
        expect(400, send("POST", "/api/mind/settings/subchannel", "{\"channel\":\"email\",\"name\":\"x\",\"data\":{\"password\":\""
                + marker("subchannel password in malformed JSON") + "\"", "Authorization", admin));
        // the mailbox OAuth flow around it (not configured in the local suite) and its public callback
        send("GET", "/api/mind/settings/mailbox/microsoft/authorization?subchannelId=" + id, null, "Authorization", admin);
        send("GET", "/api/mind/settings/mailbox/microsoft/status?subchannelId=" + id, null, "Authorization", admin);
        send("GET", "/api/mind/settings/mailbox/microsoft/callback?code=" + marker("OAuth authorization code") + "&state="
                + marker("OAuth state"), null);
        send("GET", "/api/mind/settings/mailbox/microsoft/callback?error=access_denied&error_description="
                + marker("Microsoft error description") + "&state=" + marker("OAuth state of a declined authorization"), null);
        expect(200, send("DELETE", one, null, "Authorization", admin));
    }

    /** An AI agent whose source-code executor carries secrets: created, read, patched, previewed, deleted. */
    private static void aiAgentExecutorSecrets(String admin, String agent) throws Exception {
        String settings = """
                {"executor":[{"type":"sourceCode","language":"python311","code":"def run(p, t, s):\\n    return {'success': True}",
                  "password":"%s","secrets":{"apiKey":"%s"},"settings":{"token":"%s","url":"https://crm.example"}}]}"""
                .formatted(marker("executor password"), marker("executor secrets.apiKey"), marker("executor settings.token"));
        Response created = send("POST", "/api/mind/aiAgent", "{\"name\":\"Secrets " + RUN + "\",\"slug\":\"secrets_" + RUN
                + "\",\"settings\":" + settings + "}", "Authorization", admin);
        expect(200, created);
        String id = field(created.body(), "id");
        String one = "/api/mind/aiAgent/" + id;
        send("GET", one, null, "Authorization", admin);
        send("GET", one, null, "Authorization", agent);
        send("GET", "/api/mind/aiAgents", null, "Authorization", agent);
        // unlike settings-svc (403), aiagent-svc answers an agent's showSecrets=true masked
        send("GET", one + "?showSecrets=true", null, "Authorization", agent);
        expect(200, send("PATCH", one, "{\"settings.executor[0].password\":\"" + marker("executor password, patched") + "\"}",
                "Authorization", admin));
        Response ticket = send("POST", "/api/mind/ticket", "{\"channel\":\"email\",\"subject\":\"Secrets " + RUN
                + "\",\"from\":\"kunde@example.com\",\"body\":\"<p>Hallo</p>\"}", "Authorization", admin);
        expect(200, ticket);
        send("POST", one + "/preview?ticketId=" + field(ticket.body(), "id"), "{}", "Authorization", admin);
        send("POST", one + "/preview?ticketId=" + field(ticket.body(), "id"), "{\"settings\":{\"executor\":[{\"type\":\"sourceCode\","
                + "\"language\":\"python311\",\"code\":\"print(1)\",\"password\":\"" + marker("executor password in a preview body")
                + "\",\"secrets\":{\"apiKey\":\"" + marker("executor apiKey in a preview body") + "\"}}]}}", "Authorization", admin);
        // refused: an agent may not create one; wrong types around secrets
        expect(403, send("POST", "/api/mind/aiAgent", "{\"name\":\"x\",\"settings\":{\"executor\":[{\"type\":\"sourceCode\","
                + "\"password\":\"" + marker("executor password from an agent") + "\"}]}}", "Authorization", agent));
        expect(400, send("POST", "/api/mind/aiAgent", "{\"name\":\"x\",\"settings\":\"" + marker("agent settings as a string")
                + "\"}", "Authorization", admin));
        expect(400, send("PATCH", one, "{\"settings\":{\"executor\":\"" + marker("executor as a string") + "\"}}",
                "Authorization", admin));
        expect(400, send("POST", "/api/mind/aiAgent", "{\"name\":\"x\",\"settings\":{\"executor\":[{\"password\":\""
                + marker("executor password in malformed JSON") + "\"}]", "Authorization", admin));
        send("DELETE", one, null, "Authorization", admin);
    }

    /** The softphone token: issued (the one answer that shows it), then tried as a bearer everywhere. */
    private static void softphoneToken(String agent) throws Exception {
        String body = sendRaw("GET", "/api/mind/telephony/getToken", null, "Authorization", agent).body();
        String token = field(body, "token");
        plantToken("softphone token", token);
        seen.add(new Seen("GET /api/mind/telephony/getToken", 200, body, Set.of("softphone token", "softphone token (signature)")));
        for (String path : List.of("/api/mind/telephony/acd/config", "/api/mind/ticket/987654321", "/api/mind/tag")) {
            expect(401, send("GET", path, null, "Authorization", "Bearer " + token));
        }
    }

    /** Secrets in fields that are refused, in bodies of every service. */
    private static void rejectedInput(String admin) throws Exception {
        expect(400, send("POST", "/api/mind/ticket", "{\"channel\":\"" + marker("ticket channel") + "\",\"subject\":\"x\"}",
                "Authorization", admin));
        expect(400, send("POST", "/api/mind/ticket", "{\"channel\":\"email\",\"subject\":{\"password\":\""
                + marker("ticket subject as an object") + "\"}}", "Authorization", admin));
        expect(400, send("POST", "/api/mind/ticket/search", "{\"password\":\"" + marker("ticket search, malformed"),
                "Authorization", admin));
        // a secret that is no JSON value (unquoted): the parser's complaint must not quote it
        expect(400, send("POST", "/api/mind/ticket/search", "{\"password\":" + marker("unquoted password in ticket search") + "}",
                "Authorization", admin));
        expect(400, send("PUT", "/api/mind/settings/executorSecrets", "{\"apiKey\":" + marker("unquoted executor secret") + "}",
                "Authorization", admin));
        expect(400, send("POST", "/api/mind/settings/subchannel", "{\"channel\":\"email\",\"name\":\"x\",\"data\":"
                + "{\"password\":" + marker("unquoted subchannel password") + "}}", "Authorization", admin));
        expect(400, send("POST", "/api/mind/aiAgent", "{\"name\":\"x\",\"settings\":{\"executor\":[{\"apiKey\":"
                + marker("unquoted executor apiKey") + "}]}}", "Authorization", admin));
        expect(400, send("POST", "/api/mind/telephony/callReceived", "{\"token\":" + marker("unquoted token in callReceived")
                + "}", "Authorization", admin));
        expect(400, send("POST", "/api/mind/telephony/callReceived", "{\"channelId\":{\"token\":\""
                + marker("callReceived channelId as an object") + "\"}}", "Authorization", admin));
        // not planted: an id or a time that is refused is quoted back on purpose ("AI agent 7 not found", "'x' is not a
        // time"); those are no places for secrets
        expect(400, send("POST", "/api/mind/profile", "{\"email\":\"" + marker("profile email") + "\",\"firstName\":\"x\"}",
                "Authorization", admin));
    }

    /** Query parameters named like secrets, and secrets in query parameters that are refused. */
    private static void queryParameters(String admin, Map<String, String> tokens) throws Exception {
        for (String path : List.of("/api/mind/ticket/987654321", "/api/mind/aiAgents", "/api/mind/aiQualityCheck/testRun",
                "/api/mind/tag", "/api/mind/telephony/acd/config")) {
            String sep = path.contains("?") ? "&" : "?";
            send("GET", path + sep + "password=" + marker("password query parameter " + path) + "&token="
                    + marker("token query parameter " + path) + "&access_token=" + encode(tokens.get("valid admin JWT")), null,
                    "Authorization", admin);
        }
        expect(400, send("GET", "/api/mind/settings?showSecrets=" + marker("showSecrets value"), null,
                "Authorization", admin));
        expect(400, send("GET", "/api/mind/aiAgents?limit=" + marker("limit value"), null, "Authorization", admin));
        send("GET", "/api/mind/settings/subchannel/" + marker("subchannel id in the path"), null, "Authorization", admin);
    }

    // ---------------------------------------------------------------------------------------------
    // Requests and what they answered

    record Response(String request, int status, String body, String text) {
    }

    /** Statuses other than the one expected, reported together at the end (one run shows them all). */
    static final List<String> surprises = new ArrayList<>();

    private static Response expect(int status, Response response) {
        if (response.status() != status) {
            surprises.add(response.request() + " answered " + response.status() + " instead of " + status + ": "
                    + response.body());
        }
        return response;
    }

    /** A distinctive secret value, planted under this name. */
    private static String marker(String what) {
        // letters, digits and underscores only: a JSON parser quotes such a word whole when it is not a JSON value
        String value = MARKER_PREFIX + UUID.randomUUID().toString().substring(0, 8);
        planted.put(what, value);
        return value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Sends and keeps the answer for the scan. */
    private static Response send(String method, String path, String body, String... headers) throws Exception {
        Response response = sendRaw(method, path, body, headers);
        seen.add(new Seen(response.request(), response.status(), response.text(), Set.of()));
        return response;
    }

    /** Sends without keeping the answer: for the answers that show a secret on purpose (kept by the caller). */
    private static Response sendRaw(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        requests++;
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        StringBuilder text = new StringBuilder();
        response.headers().map().forEach((name, values) -> values.forEach(v -> text.append(name).append(": ").append(v).append('\n')));
        text.append('\n').append(response.body());
        return new Response(method + " " + path.replaceAll("\\?.*", "?...") + " (" + String.join(" ", headers).replaceAll(
                "(Bearer |connect\\.sid=)\\S+", "$1...") + ")", response.statusCode(), response.body(), text.toString());
    }

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"([^\"]*)\"|(-?\\d+))");

    /** A top-level string or number field of a JSON answer (the first with that name). */
    private static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(3) != null ? m.group(3) : m.group(4);
            }
        }
        throw new AssertionError("no " + name + " in " + json);
    }

    // ---------------------------------------------------------------------------------------------
    // Scanning

    /** Every line of every file under a folder (recursively), searched for every planted value. */
    record LogScan(List<String> leaks, long bytes, int files) {

        static LogScan of(Path folder, Map<String, String> secrets) throws IOException {
            List<String> leaks = new ArrayList<>();
            long bytes = 0;
            int files = 0;
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    byte[] content = Files.readAllBytes(file);
                    bytes += content.length;
                    files++;
                    leaks.addAll(ofText(folder.relativize(file).toString(), new String(content, StandardCharsets.UTF_8), secrets)
                            .leaks());
                }
            }
            return new LogScan(leaks, bytes, files);
        }

        /** Binary files (the database's): each file searched whole, by bytes. */
        static LogScan ofFiles(Path folder, Map<String, String> secrets) throws IOException {
            List<String> leaks = new ArrayList<>();
            long bytes = 0;
            int files = 0;
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String content;
                    try {
                        // one char per byte: the planted values are ASCII
                        content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    } catch (java.nio.file.NoSuchFileException removed) {
                        continue; // PostgreSQL removed it meanwhile (a recycled WAL segment, a temporary file)
                    }
                    bytes += content.length();
                    files++;
                    boolean markers = content.contains(MARKER_PREFIX);
                    for (Map.Entry<String, String> secret : secrets.entrySet()) {
                        // the common prefix first: hundreds of megabytes are searched once for it, not once per marker
                        if ((markers || !secret.getValue().startsWith(MARKER_PREFIX)) && content.contains(secret.getValue())) {
                            leaks.add(folder.getFileName() + "/" + folder.relativize(file) + " holds " + secret.getKey()
                                    + " in plain text");
                        }
                    }
                }
            }
            return new LogScan(leaks, bytes, files);
        }

        static LogScan ofText(String source, String text, Map<String, String> secrets) {
            List<String> leaks = new ArrayList<>();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (Map.Entry<String, String> secret : secrets.entrySet()) {
                    if (lines[i].contains(secret.getValue())) {
                        leaks.add(source + ":" + (i + 1) + " shows " + secret.getKey() + ": " + abbreviate(lines[i]));
                    }
                }
            }
            return new LogScan(leaks, text.getBytes(StandardCharsets.UTF_8).length, 1);
        }

        private static String abbreviate(String line) {
            return line.length() > 300 ? line.substring(0, 300) + "..." : line;
        }
    }

    /**
     * What this JVM prints while the test runs (the launcher and the in-process front door write to
     * System.out and System.err), copied aside and still printed.
     */
    static final class Console {

        private final PrintStream out = System.out;
        private final PrintStream err = System.err;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        static Console capture() {
            Console console = new Console();
            System.setOut(new PrintStream(console.tee(console.out), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(console.tee(console.err), true, StandardCharsets.UTF_8));
            return console;
        }

        private OutputStream tee(PrintStream original) {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    original.write(b);
                    synchronized (copy) {
                        copy.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    original.write(b, off, len);
                    synchronized (copy) {
                        copy.write(b, off, len);
                    }
                }

                @Override
                public void flush() {
                    original.flush();
                }
            };
        }

        String text() {
            synchronized (copy) {
                return copy.toString(StandardCharsets.UTF_8);
            }
        }

        void release() {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
