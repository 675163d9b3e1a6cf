package mind.ticket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import mind.common.api.Channel;
import mind.common.testing.MindTestResource;
import mind.ticket.domain.Attachment;
import mind.ticket.domain.TicketEnums.AiSupportLevel;
import mind.ticket.domain.TicketEnums.Direction;
import mind.ticket.domain.TicketEnums.Interface;
import mind.ticket.domain.TicketEnums.Priority;
import mind.ticket.domain.TicketEnums.SpamStatus;
import mind.ticket.domain.TicketEnums.Status;

/**
 * The hand-written {@link TicketViewSerializer} writes exactly what Jackson's own serializer of the record writes,
 * with the service's mapper (its time formats and settings): the same names, values and order, for a view with every
 * field filled, for one with every nullable field empty, and for PATCH's answer, which nests the view without its own
 * {@code success} ({@code @JsonIgnoreProperties} on the property). A component added to the record and not to the
 * serializer, a renamed one, or a changed time format fails here.
 */
@QuarkusTest
@WithTestResource(MindTestResource.class)
class TicketViewSerializerTest {

    /** Takes the record's class annotation away, so that Jackson's bean serializer writes it. */
    @JsonSerialize(using = JsonSerializer.None.class)
    abstract static class BeanSerialized {
    }

    @Inject
    ObjectMapper mapper;

    @Test
    void writesWhatJacksonsOwnSerializerWritesForAFullView() throws Exception {
        TicketView full = full();
        String written = mapper.writeValueAsString(full);
        assertEquals(beanSerialized(full), written);
        assertTrue(written.contains("\"interface\":"), written);
    }

    @Test
    void leavesOutWhatThePropertyHoldingItIgnoresAsPatchAnswers() throws Exception {
        TicketChangeResponses.TicketUpdated updated = new TicketChangeResponses.TicketUpdated(true, full());
        String written = mapper.writeValueAsString(updated);
        assertEquals(beanSerialized(updated), written);
        assertTrue(written.startsWith("{\"success\":true,\"ticket\":{\"id\":42,"), written);
        assertEquals(beanSerialized(full()), mapper.writeValueAsString(full()), "and the view alone keeps its success");
    }

    private TicketView full() throws Exception {
        Map<String, Object> additional = new LinkedHashMap<>();
        additional.put("orderId", 4711);
        additional.put("nested", Map.of("a", List.of(1, "two", 3.5)));
        additional.put("nothing", null);
        TicketView full = new TicketView(true, 42, Direction.out, "anna@example.com", "Anna \"A\" Ü",
                List.of("b@example.com", "c@example.com"), List.of("cc@example.com"), List.of("bcc@example.com"),
                List.of("cc@example.com"),
                new TicketView.ReplyRecipients(List.of("b@example.com"), List.of("cc@example.com"), List.of()),
                7L, "ext-1", "positive", "German", "de", Instant.parse("2024-05-06T07:08:09.123456Z"),
                SpamStatus.values()[0], AiSupportLevel.values()[AiSupportLevel.values().length - 1], true,
                Interface.values()[0], Priority.values()[Priority.values().length - 1], Channel.values()[1], "chan-9",
                Status.values()[1], "summary", "subject \u2603", "plain\nline", "<p>body</p>", "plain\nline", true,
                Instant.parse("2024-01-02T03:04:05Z"), Instant.parse("2024-01-02T03:04:06.5Z"),
                Instant.parse("2024-02-29T23:59:59Z"), Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59Z"), new TicketView.Customer("cust-1"), "cust-1", "contract-1", 13L,
                List.of(Map.of("id", 1, "firstName", "A")), additional,
                mapper.readTree("{\"x\":[1,{\"y\":null}],\"z\":\"w\"}"),
                List.of(new Attachment(1L, "a.pdf", "https://files.example.com/a.pdf")), List.of(1L, 2L, 3L),
                List.of(new TicketView.TagRef(1, "Billing"), new TicketView.TagRef(2, "Zähler \"Strom\""),
                        new TicketView.TagRef(3, null)),
                new ArrayList<>(List.of(13L, 14L)), 2, "legitimated by contract number", 99L,
                mapper.readTree("{\"id\":5,\"data\":{\"name\":\"Anna\"}}"), mapper.readTree("{\"en\":\"text\"}"), 7L,
                mapper.readTree("{\"key\":\"WI-1\"}"), List.of(Map.of("aiAgentId", 3)));
        return full;
    }

    @Test
    void writesWhatJacksonsOwnSerializerWritesForAnEmptyView() throws Exception {
        TicketView empty = new TicketView(false, 1, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, false, null, null, null, null, null, null, null, null, null, null, false,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
        assertEquals(beanSerialized(empty), mapper.writeValueAsString(empty));
        TicketView emptyLists = new TicketView(true, 2, Direction.in, null, null, List.of(), List.of(), List.of(),
                List.of(), new TicketView.ReplyRecipients(List.of(), List.of(), List.of()), null, null, null, null,
                null, null, null, AiSupportLevel.values()[0], false, Interface.values()[0], Priority.values()[0],
                Channel.values()[0], null, Status.values()[0], null, null, null, null, null, false,
                Instant.EPOCH, null, null, null, null, null, null, null, null, List.of(), Map.of(), null, List.of(),
                List.of(), List.of(), List.of(), null, null, null, null, null, null, null, List.of());
        assertEquals(beanSerialized(emptyLists), mapper.writeValueAsString(emptyLists));
        assertTrue(mapper.writeValueAsString(emptyLists).endsWith("\"workitem\":null,\"intents\":[]}"));
        assertTrue(!mapper.writeValueAsString(empty).contains("\"intents\""), "without intents the key is left out");
    }

    private String beanSerialized(Object value) throws Exception {
        return mapper.copy().addMixIn(TicketView.class, BeanSerialized.class).writeValueAsString(value);
    }
}
