package mind.ticket.api;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import mind.common.time.ApiTime;

/**
 * Writes a {@link TicketView} field by field, in the record's order, with the same names and values Jackson's bean
 * serializer writes. Every GET /ticket/{id} answers one: the bean serializer called each of the 45 accessors through
 * reflection and looked up a writer per property, about 5% of a GET's CPU (bench/RESULTS.md). Nested values with
 * a shape of their own (additionalData, rawData, attachments, workedOnBy) still go through the mapper.
 *
 * <p>{@code TicketViewSerializerTest} compares this with Jackson's own serializer of the record for a view with every
 * field filled and one with every nullable field empty: a component added to the record and not written here fails
 * it.
 */
public final class TicketViewSerializer extends StdSerializer<TicketView> {

    public TicketViewSerializer() {
        super(TicketView.class);
    }

    @Override
    public void serialize(TicketView v, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeStartObject(v);
        gen.writeBooleanField("success", v.success());
        gen.writeNumberField("id", v.id());
        name(gen, "direction", v.direction());
        string(gen, "from", v.from());
        string(gen, "fromName", v.fromName());
        strings(gen, "to", v.to());
        strings(gen, "ccEmails", v.ccEmails());
        strings(gen, "bccEmails", v.bccEmails());
        strings(gen, "replyCcEmails", v.replyCcEmails());
        TicketView.ReplyRecipients recipients = v.replyRecipients();
        if (recipients == null) {
            gen.writeNullField("replyRecipients");
        } else {
            gen.writeObjectFieldStart("replyRecipients");
            strings(gen, "to", recipients.to());
            strings(gen, "cc", recipients.cc());
            strings(gen, "bcc", recipients.bcc());
            gen.writeEndObject();
        }
        number(gen, "subchannelId", v.subchannelId());
        string(gen, "externalTicketId", v.externalTicketId());
        string(gen, "sentiment", v.sentiment());
        string(gen, "language", v.language());
        string(gen, "languageCode", v.languageCode());
        string(gen, "autoExecuteAt", ApiTime.formatIso(v.autoExecuteAt()));
        name(gen, "spamStatus", v.spamStatus());
        name(gen, "aiSupportLevel", v.aiSupportLevel());
        gen.writeBooleanField("isCustomerActive", v.isCustomerActive());
        name(gen, "interface", v.ticketInterface());
        name(gen, "priority", v.priority());
        name(gen, "channel", v.channel());
        string(gen, "channelId", v.channelId());
        name(gen, "status", v.status());
        string(gen, "summary", v.summary());
        string(gen, "subject", v.subject());
        string(gen, "bodyPlain", v.bodyPlain());
        string(gen, "body", v.body());
        string(gen, "bodyClean", v.bodyClean());
        gen.writeBooleanField("isEscalated", v.isEscalated());
        time(gen, "createdAt", v.createdAt());
        time(gen, "modifiedAt", v.modifiedAt());
        time(gen, "firstResponseDueBy", v.firstResponseDueBy());
        time(gen, "dueBy", v.dueBy());
        time(gen, "closedAt", v.closedAt());
        if (v.customer() == null) {
            gen.writeNullField("customer");
        } else {
            gen.writeObjectFieldStart("customer");
            string(gen, "id", v.customer().id());
            gen.writeEndObject();
        }
        string(gen, "customerId", v.customerId());
        string(gen, "contractId", v.contractId());
        number(gen, "agentId", v.agentId());
        provider.defaultSerializeField("workedOnBy", v.workedOnBy(), gen);
        provider.defaultSerializeField("additionalData", v.additionalData(), gen);
        provider.defaultSerializeField("rawData", v.rawData(), gen);
        provider.defaultSerializeField("attachments", v.attachments(), gen);
        numbers(gen, "tagIds", v.tagIds());
        array(gen, "tags", v.tags(), (g, tag) -> {
            g.writeStartObject();
            g.writeNumberField("id", tag.id());
            g.writeEndObject();
        });
        numbers(gen, "assignedAgentIds", v.assignedAgentIds());
        if (v.customerLegitimation() == null) {
            gen.writeNullField("customerLegitimation");
        } else {
            gen.writeNumberField("customerLegitimation", v.customerLegitimation().intValue());
        }
        number(gen, "intentId", v.intentId());
        gen.writeEndObject();
    }

    private static void string(JsonGenerator gen, String field, String value) throws IOException {
        if (value == null) {
            gen.writeNullField(field);
        } else {
            gen.writeStringField(field, value);
        }
    }

    private static void name(JsonGenerator gen, String field, Enum<?> value) throws IOException {
        string(gen, field, value == null ? null : value.name());
    }

    private static void time(JsonGenerator gen, String field, Instant value) throws IOException {
        string(gen, field, ApiTime.format(value));
    }

    private static void number(JsonGenerator gen, String field, Long value) throws IOException {
        if (value == null) {
            gen.writeNullField(field);
        } else {
            gen.writeNumberField(field, value.longValue());
        }
    }

    private static void strings(JsonGenerator gen, String field, List<String> values) throws IOException {
        array(gen, field, values, JsonGenerator::writeString);
    }

    private static void numbers(JsonGenerator gen, String field, List<Long> values) throws IOException {
        array(gen, field, values, (g, value) -> g.writeNumber(value.longValue()));
    }

    /** Writes one element of an array. */
    private interface ItemWriter<T> {
        void write(JsonGenerator gen, T value) throws IOException;
    }

    /** {@code field} as an array of {@code values} (a null list or element written as null). */
    private static <T> void array(JsonGenerator gen, String field, List<T> values, ItemWriter<T> item)
            throws IOException {
        if (values == null) {
            gen.writeNullField(field);
            return;
        }
        gen.writeArrayFieldStart(field);
        for (T value : values) {
            if (value == null) {
                gen.writeNull();
            } else {
                item.write(gen, value);
            }
        }
        gen.writeEndArray();
    }
}
