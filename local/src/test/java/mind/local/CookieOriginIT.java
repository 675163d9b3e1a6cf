package mind.local;

import static mind.local.DocumentedApi.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * "A cookie alone never authorises a state change from a foreign origin", across the whole suite: every
 * POST, PUT, PATCH and DELETE of the merged OpenAPI document (so a new endpoint is covered the moment it is
 * documented), through the front door, with no Authorization header but a {@code connect.sid} cookie holding
 * a valid token the operation admits, sent
 * <ul>
 * <li>with {@code Origin: https://evil.example},</li>
 * <li>with no Origin but {@code Referer: https://evil.example/x},</li>
 * <li>with neither,</li>
 * <li>with {@code Origin: null} (a sandboxed frame, a {@code data:} page) and a Referer of the trusted origin,</li>
 * </ul>
 * each with a plausible request (real ids in the path, the documented example as body, see
 * {@link DocumentedApi}). Each must be refused with 401 or 403 in the error shape, and no table of any
 * service may have changed.
 *
 * <p>The controls show that these refusals are the origin rule's and not a broken request's: the same
 * cookie (in each form common's {@code ConnectSidBridge} reads: the plain JWT, express-style {@code s:} and
 * its URL-encoded {@code s%3A}) does authorise the documented creates from the front door's own origin
 * (which {@code Suite} trusts, as {@code ./mind up} does), by {@code Origin} and by {@code Referer}; the
 * Authorization header needs no origin at all; and a GET is authorised by the cookie from its own site (no
 * Origin, or fetch metadata saying same-origin) and from the trusted origin, but not when another site makes
 * the browser send it (a foreign Origin, {@code Sec-Fetch-Site: cross-site}): a few GETs change state (a
 * ticket's ping), so every GET sent so is refused and leaves every table as it was.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CookieOriginIT {

    static final String FOREIGN = "https://evil.example";

    /** The three forms of the cookie's value the bridge reads, used in turn. */
    enum CookieForm {
        PLAIN(""), EXPRESS("s:"), EXPRESS_ENCODED("s%3A");

        final String prefix;

        CookieForm(String prefix) {
            this.prefix = prefix;
        }

        String cookie(String jwt) {
            return "connect.sid=" + prefix + jwt;
        }
    }

    record Variant(String what, Map<String, String> headers) {
    }

    /** A page of the front door's own origin, resolved when the suite runs (see {@link #ownOrigin}). */
    static final String TRUSTED_REFERER = "{own}/app/page";

    static final List<Variant> FOREIGN_VARIANTS = List.of(
            new Variant("Origin " + FOREIGN, Map.of("Origin", FOREIGN)),
            new Variant("Referer " + FOREIGN + "/x, no Origin", Map.of("Referer", FOREIGN + "/x")),
            new Variant("neither Origin nor Referer", Map.of()),
            // what a sandboxed frame, a data: page or a cross-origin redirect sends; the trusted Referer must not rescue it
            new Variant("Origin null, trusted Referer", Map.of("Origin", "null", "Referer", TRUSTED_REFERER)));

    static final AtomicInteger operationsCovered = new AtomicInteger();
    static final AtomicInteger readsCovered = new AtomicInteger();
    static final AtomicInteger requestsSent = new AtomicInteger();
    static final AtomicInteger refusals = new AtomicInteger();
    static final AtomicInteger controlsAccepted = new AtomicInteger();
    static final AtomicInteger fingerprintsCompared = new AtomicInteger();
    static final Map<String, Integer> perService = new TreeMap<>();
    static final List<String> publicSkipped = new ArrayList<>();
    static long startedAt;

    @BeforeAll
    static void start() throws Exception {
        DocumentedApi.open();
        startedAt = System.nanoTime();
        // work the seed left behind (events, outbox) must not be blamed on the first operation
        database.settled();
    }

    @AfterAll
    static void report() {
        System.out.printf("CookieOriginIT: %d state-changing operations covered %s, %d GETs covered, %d requests,"
                + " %d refusals, %d controls accepted, %d fingerprint comparisons, %d public skipped %s, %.1f s%n",
                operationsCovered.get(), perService, readsCovered.get(), requestsSent.get(), refusals.get(), controlsAccepted.get(),
                fingerprintsCompared.get(), publicSkipped.size(), publicSkipped, (System.nanoTime() - startedAt) / 1e9);
    }

    static boolean changesState(Operation operation) {
        return Set.of("post", "put", "patch", "delete").contains(operation.method());
    }

    /** The token the operation admits, bare: what a browser holds in its cookie. */
    static String jwtFor(Operation operation) throws Exception {
        return bearerFor(operation).substring("Bearer ".length());
    }

    static Answer send(Operation operation, Map<String, String> headers) throws Exception {
        requestsSent.incrementAndGet();
        byte[] body = operation.hasJsonBody() ? JSON.writeValueAsBytes(example(operation)) : null;
        return exchange(operation.method(), path(operation, Map.of()), headers, body, false);
    }

    static Map<String, String> headers(Map<String, String> base, String... more) {
        Map<String, String> headers = new LinkedHashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            headers.put(more[i], more[i + 1]);
        }
        return headers;
    }

    // ---------------------------------------------------------------------------------------------
    // Every state change, by cookie, from a foreign origin or none

    @TestFactory
    @Order(1)
    Stream<DynamicTest> noStateChangeByCookieFromAForeignOrigin() {
        List<Operation> writes = operations().stream().filter(CookieOriginIT::changesState).toList();
        assertFalse(writes.isEmpty(), "the merged document lists no state-changing operation");
        AtomicInteger turn = new AtomicInteger();
        return writes.stream().map(operation -> DynamicTest.dynamicTest(operation.name(),
                () -> checkAndConfirm(operation, CookieForm.values()[turn.getAndIncrement() % CookieForm.values().length])));
    }

    /**
     * A change of data seen once is checked again after the database settled: work left behind by an earlier
     * request (an outbox delivery) may write meanwhile, but a refused request that really writes writes again.
     */
    static void checkAndConfirm(Operation operation, CookieForm form) throws Exception {
        if (operation.isPublic()) {
            publicSkipped.add(operation.name());
            return;
        }
        operationsCovered.incrementAndGet();
        perService.merge(operation.service(), 1, Integer::sum);
        List<String> problems = check(operation, form);
        if (!problems.isEmpty() && problems.stream().allMatch(p -> p.startsWith("data changed"))) {
            System.out.println("CookieOriginIT: " + operation.name() + ": checking again after the database settled: " + problems);
            database.settled();
            problems = check(operation, form);
        }
        assertTrue(problems.isEmpty(), operation.name() + " (cookie " + form + "):\n  " + String.join("\n  ", problems));
    }

    static List<String> check(Operation operation, CookieForm form) throws Exception {
        List<String> problems = new ArrayList<>();
        String cookie = form.cookie(jwtFor(operation));
        Map<String, String> before = database.fingerprint();
        for (Variant variant : FOREIGN_VARIANTS) {
            Map<String, String> sent = new LinkedHashMap<>();
            variant.headers().forEach((name, value) -> sent.put(name, value.replace("{own}", ownOrigin("localhost"))));
            Answer answer = send(operation, headers(sent, "Cookie", cookie));
            String label = variant.what() + " -> " + answer.status() + " " + abbreviate(answer.body());
            if (answer.status() == 401 || answer.status() == 403) {
                refusals.incrementAndGet();
                if (errorShape(answer) == null) {
                    problems.add("refused, but not in the error shape: " + label);
                }
            } else if (answer.accepted()) {
                problems.add("ACCEPTED by cookie: " + label);
            } else {
                problems.add("expected 401 or 403: " + label);
            }
        }
        fingerprintsCompared.incrementAndGet();
        Map<String, String> after = database.fingerprint();
        List<String> changed = before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t))).toList();
        if (!changed.isEmpty()) {
            problems.add("data changed: " + changed);
        }
        return problems;
    }

    /**
     * A GET that another site makes the browser send is not authorised by the cookie either (some GETs change
     * state: a ticket's ping records presence and renews a claim): each GET, sent by cookie with a foreign
     * Origin, is refused (401) and leaves every table as it was.
     */
    @TestFactory
    @Order(5)
    Stream<DynamicTest> noReadChangesStateByCookieFromAForeignOrigin() {
        List<Operation> reads = operations().stream().filter(o -> o.isRead() && !o.isPublic() && !o.streams()).toList();
        return reads.stream().map(operation -> DynamicTest.dynamicTest(operation.name(), () -> {
            readsCovered.incrementAndGet();
            List<String> problems = checkRead(operation);
            if (!problems.isEmpty() && problems.stream().allMatch(p -> p.startsWith("data changed"))) {
                System.out.println("CookieOriginIT: " + operation.name() + ": checking again after the database settled: " + problems);
                database.settled();
                problems = checkRead(operation);
            }
            assertTrue(problems.isEmpty(), operation.name() + ":\n  " + String.join("\n  ", problems));
        }));
    }

    static List<String> checkRead(Operation operation) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, String> before = database.fingerprint();
        Answer answer = send(operation, Map.of("Origin", FOREIGN, "Cookie", CookieForm.EXPRESS.cookie(jwtFor(operation))));
        if (answer.status() != 401) {
            problems.add("not refused: " + answer.status() + " " + abbreviate(answer.body()));
        }
        fingerprintsCompared.incrementAndGet();
        Map<String, String> after = database.fingerprint();
        List<String> changed = before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t))).toList();
        if (!changed.isEmpty()) {
            problems.add("data changed by a GET (" + answer.status() + "): " + changed);
        }
        return problems;
    }

    // ---------------------------------------------------------------------------------------------
    // The controls: what the cookie may do

    /** The documented creates (a POST to a collection named like a table, with an example body). */
    static List<Operation> creates() {
        return operations().stream().filter(o -> o.creates() && o.hasJsonBody() && !o.isPublic()).toList();
    }

    static String ownOrigin(String host) {
        return "http://" + host + ":" + suite.frontDoorPort();
    }

    @Test
    @Order(2)
    void theCookieAuthorisesStateChangesFromTheTrustedOrigin() throws Exception {
        List<Operation> creates = creates();
        assertFalse(creates.isEmpty(), "the merged document lists no create");
        Map<CookieForm, Integer> acceptedByForm = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Operation accepted = null;
        int turn = 0;
        for (Operation operation : creates) {
            // the next form once one was accepted: a create refused for its own reasons (409, a missing
            // object) says nothing about the cookie, so that form is tried again on the next create
            CookieForm form = CookieForm.values()[turn % CookieForm.values().length];
            newestIds.clear();
            Map<String, String> before = database.settled();
            Answer answer = send(operation, Map.of("Origin", ownOrigin("localhost"), "Cookie", form.cookie(jwtFor(operation))));
            String label = operation.name() + " (cookie " + form + ") -> " + answer.status() + " " + abbreviate(answer.body());
            System.out.println("CookieOriginIT: from the trusted origin: " + label);
            if (answer.status() == 401 || answer.status() == 403 || answer.status() >= 500) {
                problems.add(label);
            } else if (answer.accepted()) {
                turn++;
                controlsAccepted.incrementAndGet();
                acceptedByForm.merge(form, 1, Integer::sum);
                assertNotEquals(before, database.settled(), "accepted, yet nothing written: " + label);
                if (accepted == null) {
                    accepted = operation;
                }
            }
        }
        assertTrue(problems.isEmpty(), "the cookie from the trusted origin was not honoured:\n  " + String.join("\n  ", problems));
        for (CookieForm form : CookieForm.values()) {
            assertTrue(acceptedByForm.getOrDefault(form, 0) > 0, "no create accepted with the cookie as " + form + ": " + acceptedByForm);
        }

        // the Referer names the trusted origin when the browser sent no Origin (here by its other host name)
        newestIds.clear();
        Map<String, String> before = database.settled();
        Answer byReferer = send(accepted, Map.of("Referer", ownOrigin("127.0.0.1") + "/app/page?x=1",
                "Cookie", CookieForm.EXPRESS_ENCODED.cookie(jwtFor(accepted))));
        assertTrue(byReferer.accepted(), "cookie with the trusted Referer: " + byReferer.status() + " " + byReferer.body());
        controlsAccepted.incrementAndGet();
        assertNotEquals(before, database.settled(), "accepted by Referer, yet nothing written");
    }

    @Test
    @Order(3)
    void theAuthorizationHeaderNeedsNoOrigin() throws Exception {
        Operation create = creates().get(0);
        newestIds.clear();
        Map<String, String> before = database.settled();
        Answer answer = send(create, Map.of("Origin", FOREIGN, "Authorization", bearerFor(create)));
        assertTrue(answer.accepted(), create.name() + " with the header from " + FOREIGN + ": " + answer.status() + " " + answer.body());
        controlsAccepted.incrementAndGet();
        assertNotEquals(before, database.settled(), "accepted, yet nothing written");
    }

    @Test
    @Order(4)
    void theCookieAuthorisesReadsOfItsOwnSiteAndTheTrustedOrigin() throws Exception {
        // the collections any admin may list: no path parameter, not public, not a stream
        List<Operation> reads = operations().stream()
                .filter(o -> o.isRead() && !o.path().contains("{") && !o.isPublic() && !o.streams()
                        && (o.roles().isEmpty() || o.roles().contains("admin")))
                .limit(3).toList();
        assertEquals(3, reads.size(), "fewer than three plain reads documented");
        String jwt = suite.bearer("admin").substring("Bearer ".length());
        for (Operation read : reads) {
            // a same-origin read: no Origin at all, or fetch metadata saying so; the trusted origin from its own site
            for (Map<String, String> origin : List.of(Map.<String, String>of(), Map.of("Sec-Fetch-Site", "same-origin"),
                    Map.of("Sec-Fetch-Site", "cross-site", "Origin", ownOrigin("localhost")))) {
                Answer answer = exchange("get", read.path(), headers(origin, "Cookie", CookieForm.PLAIN.cookie(jwt)), null, false);
                requestsSent.incrementAndGet();
                assertTrue(answer.accepted(), read.name() + " by cookie " + origin + ": " + answer.status() + " " + answer.body());
                controlsAccepted.incrementAndGet();
            }
            // another site's page making the browser read: the cookie does not count
            for (Map<String, String> foreign : List.of(Map.of("Origin", FOREIGN), Map.of("Sec-Fetch-Site", "cross-site"))) {
                Answer answer = exchange("get", read.path(), headers(foreign, "Cookie", CookieForm.PLAIN.cookie(jwt)), null, false);
                requestsSent.incrementAndGet();
                assertEquals(401, answer.status(), read.name() + " by cookie " + foreign + ": " + answer.body());
            }
            // and without the cookie the same read is refused: the cookie is what authorised it
            Answer none = exchange("get", read.path(), Map.of(), null, false);
            requestsSent.incrementAndGet();
            assertEquals(401, none.status(), read.name() + " with no credentials: " + none.body());
        }
    }
}
