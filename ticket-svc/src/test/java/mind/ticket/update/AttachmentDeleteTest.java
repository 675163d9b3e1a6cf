package mind.ticket.update;

import static mind.ticket.update.Tickets.as;
import static mind.ticket.update.Tickets.asAdmin;
import static mind.ticket.update.Tickets.asAgent;
import static mind.ticket.update.Tickets.create;
import static mind.ticket.update.Tickets.etag;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import mind.common.testing.Concurrently;
import mind.common.testing.MindTestResource;
import mind.common.testing.TestTokens;

/** DELETE /ticket/{id}/attachment/{attachmentId}: ids, the answer, the event, If-Match, 404s, roles and a race. */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class AttachmentDeleteTest {

    private static final String THREE = "\"attachments\":[{\"name\":\"a.pdf\",\"url\":\"https://files.example.com/a.pdf\"},"
            + "{\"name\":\"b.png\",\"url\":\"https://files.example.com/b.png\"},{\"name\":\"c.txt\",\"url\":\"https://files.example.com/c.txt\"}]";

    private static String path(long ticketId, long attachmentId) {
        return "/api/mind/ticket/" + ticketId + "/attachment/" + attachmentId;
    }

    private static JsonPath ticket(long id) {
        return asAdmin().get("/api/mind/ticket/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void attachmentsAreNumberedOnTheTicketInTheOrderSent() {
        long id = create(THREE);
        JsonPath t = ticket(id);
        assertEquals(List.of(1, 2, 3), t.getList("attachments.id"));
        assertEquals(List.of("a.pdf", "b.png", "c.txt"), t.getList("attachments.name"));
    }

    @Test
    void anUpsertThatSendsAttachmentsNumbersThemAfterTheHighestOnTheTicket() {
        String external = "\"externalTicketId\":\"attach-" + System.nanoTime() + "\"";
        long id = create(external + "," + THREE);
        asAgent(7).delete(path(id, 1)).then().statusCode(200);
        assertEquals(id, create(external + ",\"attachments\":[{\"name\":\"d.pdf\",\"url\":\"https://files.example.com/d.pdf\"}]"));
        JsonPath t = ticket(id);
        assertEquals(List.of(4), t.getList("attachments.id"));
        assertEquals(List.of("d.pdf"), t.getList("attachments.name"));
    }

    @Test
    void deletingOneKeepsTheOthersMovesTheVersionAndRecordsWhoAndWhich() {
        long id = create(THREE);
        String before = etag(id);
        String after = asAgent(7).delete(path(id, 2)).then().statusCode(200)
                .body("success", is(true))
                .extract().header("ETag");
        assertNotEquals(before, after);
        assertEquals(after, etag(id), "the answer's ETag is the ticket's new version");
        JsonPath t = ticket(id);
        assertEquals(List.of(1, 3), t.getList("attachments.id"));
        assertEquals(List.of("a.pdf", "c.txt"), t.getList("attachments.name"));

        JsonPath activity = asAdmin().get("/api/mind/ticket/" + id + "/activity").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> deleted = activity.getList("activity.findAll { it.type == 'attachmentDeleted' }");
        assertEquals(1, deleted.size(), activity.prettify());
        assertEquals("7", deleted.get(0).get("actorId"));
        assertEquals(Map.of("attachmentId", 2, "name", "b.png", "url", "https://files.example.com/b.png"),
                deleted.get(0).get("data"));
    }

    @Test
    void unknownTicketOrAttachmentIs404AndChangesNothing() {
        long id = create(THREE);
        String version = etag(id);
        asAgent(7).delete(path(id, 9)).then().statusCode(404).body("code", equalTo("not_found"))
                .body("error", containsString("Attachment 9"));
        asAgent(7).delete(path(999_999_999L, 1)).then().statusCode(404).body("error", containsString("Ticket 999999999"));
        long none = create();
        asAgent(7).delete(path(none, 1)).then().statusCode(404);
        assertEquals(version, etag(id));
        assertEquals(List.of(1, 2, 3), ticket(id).getList("attachments.id"));
    }

    @Test
    void ifMatchWithAnotherVersionIs412AndWritesNothing() {
        long id = create(THREE);
        String version = etag(id);
        asAgent(7).header("If-Match", "\"999\"").delete(path(id, 1)).then().statusCode(412)
                .body("code", equalTo("precondition_failed"));
        assertEquals(version, etag(id));
        assertEquals(List.of(1, 2, 3), ticket(id).getList("attachments.id"));
        assertTrue(ticket(id).getList("attachments").size() == 3);
        asAgent(7).header("If-Match", version).delete(path(id, 1)).then().statusCode(200);
        asAdmin().get("/api/mind/ticket/" + id + "/activity").then()
                .body("activity.type", contains("created", "attachmentDeleted"));
    }

    @Test
    void rolesAsForPatch() {
        long id = create(THREE);
        as(TestTokens.serviceWorker()).delete(path(id, 1)).then().statusCode(403).body("code", equalTo("forbidden"));
        as("Bearer nonsense").delete(path(id, 1)).then().statusCode(401);
        assertEquals(List.of(1, 2, 3), ticket(id).getList("attachments.id"));
        as(TestTokens.bearer(900, "serviceWorker", "updateTicket")).delete(path(id, 1)).then().statusCode(200);
        asAdmin().delete(path(id, 2)).then().statusCode(200);
        assertEquals(List.of(3), ticket(id).getList("attachments.id"));
    }

    @Test
    void otherServicesCannotReportAnAttachmentDeletion() {
        long id = create(THREE);
        as(TestTokens.serviceWorker()).body("{\"type\":\"attachmentDeleted\",\"data\":{}}")
                .post("/api/mind/ticket/" + id + "/events").then().statusCode(400).body("details[0].field", equalTo("type"));
    }

    @Test
    void twoDeletesOfOneAttachmentRace() throws Exception {
        long id = create(THREE);
        List<Integer> statuses = Concurrently.run(2, () -> asAgent(7).delete(path(id, 2)).then().extract().statusCode());
        assertEquals(List.of(200, 404), statuses.stream().sorted().toList());
        assertEquals(List.of(1, 3), ticket(id).getList("attachments.id"));
        JsonPath activity = asAdmin().get("/api/mind/ticket/" + id + "/activity").then().statusCode(200).extract().jsonPath();
        assertEquals(1, activity.getList("activity.findAll { it.type == 'attachmentDeleted' }").size());

        // two different attachments at once: both go, neither undoes the other
        long other = create(THREE);
        List<Integer> both = Concurrently.run(2, new java.util.concurrent.Callable<Integer>() {
            private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(1);

            @Override
            public Integer call() {
                return asAgent(7).delete(path(other, next.getAndIncrement())).then().extract().statusCode();
            }
        });
        assertEquals(List.of(200, 200), both);
        assertEquals(List.of(3), ticket(other).getList("attachments.id"));
    }
}
