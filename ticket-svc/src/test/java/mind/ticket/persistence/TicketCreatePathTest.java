package mind.ticket.persistence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;
import mind.ticket.domain.Attachment;
import mind.ticket.domain.Ticket;
import mind.ticket.events.TicketEvents.NewEvent;
import mind.ticket.repository.TicketInsert;
import mind.ticket.search.StatementCounter;

/**
 * POST /ticket of a new ticket is one statement: the ticket's INSERT and its "created" event joined in one
 * data-modifying WITH, written without Hibernate ({@link TicketInsert}); no select before it, no update after it.
 * The answer is the ticket as stored, which a GET returns the same. And the hand-written INSERT cannot fall behind
 * the entity: a ticket with every persistent field set reads back through Hibernate field for field.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class TicketCreatePathTest {

    @Inject
    TicketInsert inserts;

    @Inject
    EntityManager em;

    @Test
    void aNewTicketIsOneStatementWithItsEvent() {
        String body = "{\"channel\":\"email\",\"subject\":\"one statement\",\"body\":\"<p>a</p>\",\"to\":[\"x@example.com\"],"
                + "\"rawData\":{\"k\":[1,2.5]},\"tags\":[4,2]}";
        StatementCounter.start();
        String created = given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON).body(body)
                .post("/api/mind/ticket").then().statusCode(200).body("subject", equalTo("one statement"))
                .extract().asString();
        List<String> statements = StatementCounter.statements();
        assertEquals(List.of(), statements, "nothing of a new ticket goes through Hibernate");

        long id = io.restassured.path.json.JsonPath.from(created).getLong("id");
        List<?> events = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select e.type, e.actor_id, e.technical, e.data ->> 'channel', e.created_at = t.created_at "
                        + "from ticket_event e join ticket t on t.id = e.ticket_id where e.ticket_id = ?1 order by e.id")
                .setParameter(1, id).getResultList());
        assertEquals(1, events.size(), "the created event, once");
        Object[] event = (Object[]) events.get(0);
        assertEquals(List.of("created", "7", false, "email", true), List.of(event));

        String read = given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"0\"")).extract().asString();
        // the answer of the POST is the ticket as stored
        assertEquals(created, read);
    }

    /**
     * A new ticket's one statement is atomic by itself: it runs without a transaction around it (no begin, no commit
     * round trip). An upsert by external id does need one (the id's lock, then a read and a write), and so does a
     * request with an Idempotency-Key (the stored answer commits with the ticket).
     */
    @Test
    void onlyAnUpsertOrAnIdempotencyKeyOpensATransaction() {
        int before = TransactionsBegun.COUNT.get();
        long id = given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                .body("{\"channel\":\"chat\",\"subject\":\"no transaction\"}").post("/api/mind/ticket")
                .then().statusCode(200).extract().jsonPath().getLong("id");
        assertEquals(before, TransactionsBegun.COUNT.get(), "a new ticket opens no transaction");
        given().header("Authorization", TestTokens.agent(7)).get("/api/mind/ticket/" + id).then().statusCode(200)
                .body("subject", equalTo("no transaction")).body("channel", equalTo("chat"));

        String external = "{\"channel\":\"chat\",\"subject\":\"upserted\",\"externalTicketId\":\"tx-" + System.nanoTime() + "\"}";
        given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON).body(external)
                .post("/api/mind/ticket").then().statusCode(200);
        assertTrue(TransactionsBegun.COUNT.get() > before, "an upsert runs in a transaction");

        int beforeKeyed = TransactionsBegun.COUNT.get();
        given().header("Authorization", TestTokens.agent(7)).header("Idempotency-Key", "tx-" + System.nanoTime())
                .contentType(ContentType.JSON).body("{\"channel\":\"chat\",\"subject\":\"keyed\"}")
                .post("/api/mind/ticket").then().statusCode(200);
        assertTrue(TransactionsBegun.COUNT.get() > beforeKeyed, "an Idempotency-Key's answer commits with the ticket");
    }

    /** A large request goes to a worker thread and JDBC: the same ticket, its plain text and its created event. */
    @Test
    void aLargeTicketIsWrittenTheSameWay() {
        String text = "line ".repeat(8000).strip();
        long id = given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                .body("{\"channel\":\"email\",\"subject\":\"large\",\"body\":\"<p>" + text + "</p>\","
                        + "\"dueBy\":\"2030-01-02T03:04:05.123456789Z\"}")
                .post("/api/mind/ticket").then().statusCode(200).body("bodyPlain", equalTo(text))
                .extract().jsonPath().getLong("id");
        List<?> row = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select t.body_plain = ?2, t.due_by = timestamptz '2030-01-02T03:04:05.123456Z', "
                        + "(select count(*) from ticket_event e where e.ticket_id = t.id and e.type = 'created') "
                        + "from ticket t where t.id = ?1").setParameter(1, id).setParameter(2, text).getResultList());
        assertEquals(List.of(true, true, 1L), List.of((Object[]) row.get(0)), "plain text, due time cut to microseconds, one created event");
    }

    /** A body past the REST layer's default input buffer (10k), still small enough for the event loop. */
    @Test
    void aMidSizedTicketIsReadWhole() {
        String text = "mid ".repeat(5000).strip();
        given().header("Authorization", TestTokens.agent(7)).contentType(ContentType.JSON)
                .body("{\"channel\":\"email\",\"subject\":\"mid-sized\",\"body\":\"<p>" + text + "</p>\"}")
                .post("/api/mind/ticket").then().statusCode(200).body("bodyPlain", equalTo(text));
    }

    @Test
    void aBlankIdempotencyKeyIs400NamingTheHeader() {
        given().header("Authorization", TestTokens.agent(7)).header("Idempotency-Key", " ").contentType(ContentType.JSON)
                .body("{\"channel\":\"email\"}").post("/api/mind/ticket").then().statusCode(400)
                .body("details[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void everyPersistentFieldOfATicketIsWritten() throws Exception {
        Ticket written = sampleTicket();
        Instant at = Instant.parse("2026-03-04T05:06:07.123456Z");
        QuarkusTransaction.requiringNew().run(() -> inserts.insert(written, "42", at, sampleEvents()));
        assertReadsBack(written);
    }

    /** The event loop's way of writing a new ticket binds the same values to the same statement. */
    @Test
    void everyPersistentFieldOfATicketIsWrittenWithoutBlocking() throws Exception {
        Ticket written = sampleTicket();
        written.externalTicketId = "non-blocking-" + System.nanoTime(); // unique, as the other test's
        Instant at = Instant.parse("2026-03-04T05:06:07.123456Z");
        Ticket returned = inserts.insertNonBlocking(written, "42", at, sampleEvents()).await().atMost(Duration.ofSeconds(10));
        assertSame(written, returned);
        assertReadsBack(written);
    }

    private static Ticket sampleTicket() throws Exception {
        Ticket written = new Ticket();
        List<Field> fields = persistentFields();
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            if (!field.getName().equals("id") && !field.getName().equals("version")) {
                field.set(written, sample(field, i));
            }
        }
        return written;
    }

    private static List<NewEvent> sampleEvents() {
        return List.of(new NewEvent("created", false, "{}"), new NewEvent("callReceived", true, "{\"q\":1}"));
    }

    private void assertReadsBack(Ticket written) throws Exception {
        assertNotNull(written.id);
        assertEquals(0, written.version);
        Ticket read = QuarkusTransaction.requiringNew().call(() -> em.find(Ticket.class, written.id));
        assertNotNull(read);
        for (Field field : persistentFields()) {
            assertEquals(field.get(written), field.get(read), field.getName());
        }
        List<?> events = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select type, technical, actor_id, data ->> 'q', created_at = timestamptz '2026-03-04T05:06:07.123456Z' "
                        + "from ticket_event where ticket_id = ?1 order by id")
                .setParameter(1, written.id).getResultList());
        assertEquals(2, events.size());
        assertEquals(Arrays.asList("created", false, "42", null, true), Arrays.asList((Object[]) events.get(0)));
        assertEquals(List.of("callReceived", true, "42", "1", true), List.of((Object[]) events.get(1)), "in the order given");
    }

    private static List<Field> persistentFields() {
        List<Field> fields = new ArrayList<>();
        for (Field field : Ticket.class.getDeclaredFields()) {
            // the build turns the entity's public fields protected and adds Hibernate's own ($$_hibernate_...)
            if (!field.getName().startsWith("$$_hibernate") && !Modifier.isStatic(field.getModifiers())
                    && !Modifier.isTransient(field.getModifiers())
                    && field.getAnnotation(jakarta.persistence.Transient.class) == null) {
                field.setAccessible(true);
                fields.add(field);
            }
        }
        assertTrue(fields.size() > 40, "the entity's fields: " + fields.size());
        return fields;
    }

    /** A value unlike the field's default and unlike every other field's, by the field's type. */
    private static Object sample(Field field, int i) {
        Class<?> type = field.getType();
        String name = field.getName();
        if (type == String.class) {
            return name + "-" + i;
        } else if (type == Long.class || type == long.class) {
            return 1000L + i;
        } else if (type == Integer.class || type == int.class) {
            return 10 + i;
        } else if (type == boolean.class || type == Boolean.class) {
            return true;
        } else if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[constants.length - 1];
        } else if (type == Instant.class) {
            return Instant.parse("2026-01-02T03:04:05.678901Z").plusSeconds(i);
        } else if (type == JsonNode.class) {
            return JsonNodeFactory.instance.objectNode().put("field", name).set("list",
                    JsonNodeFactory.instance.arrayNode().add(1).add(2.5).add("x"));
        } else if (type == Map.class) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("field", name);
            map.put("nested", Map.of("a", List.of("b")));
            return map;
        } else if (type == List.class) {
            Type element = ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
            if (element == String.class) {
                return new ArrayList<>(List.of(name + "@example.com", "second-" + i + "@example.com"));
            } else if (element == Long.class) {
                return new ArrayList<>(List.of(3L + i, 500L + i));
            } else if (element == Attachment.class) {
                return new ArrayList<>(List.of(new Attachment((long) i, "a-" + i + ".pdf", "https://files.example.com/" + i)));
            }
        }
        fail("no sample value for " + name + " of type " + field.getGenericType()
                + ": give it one here and write it in TicketInsert");
        return null;
    }
}
