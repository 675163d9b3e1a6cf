package mind.ticket.api;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import mind.common.time.ApiTime;

/**
 * Writes a {@link TicketView} field by field, in the record's order, with the same names and values Jackson's bean
 * serializer writes. Every GET /ticket/{id} answers one: the bean serializer called each of the 45 accessors through
 * reflection and looked up a writer per property, about 5% of a GET's CPU (bench/RESULTS.md). Nested values with
 * a shape of their own (additionalData, rawData, attachments, workedOnBy) still go through the mapper.
 *
 * <p>Where the view is a property with {@code @JsonIgnoreProperties} (PATCH's answer nests it without its own
 * {@code success}), the names listed there are left out, as the bean serializer leaves them out.
 *
 * <p>{@code TicketViewSerializerTest} compares this with Jackson's own serializer of the record for a view with every
 * field filled, one with every nullable field empty, and PATCH's answer: a component added to the record and not
 * written here fails it.
 */
public final class TicketViewSerializer extends StdSerializer<TicketView> implements ContextualSerializer {

    /** Top-level names left out ({@code @JsonIgnoreProperties} on the property holding the view). */
    private final Set<String> ignored;

    public TicketViewSerializer() {
        this(Set.of());
    }

    private TicketViewSerializer(Set<String> ignored) {
        super(TicketView.class);
        this.ignored = ignored;
    }

    @Override
    public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property) {
        if (property == null || property.getMember() == null) {
            return this;
        }
        Set<String> names = provider.getAnnotationIntrospector()
                .findPropertyIgnoralByName(provider.getConfig(), property.getMember()).findIgnoredForSerialization();
        return names.isEmpty() ? this : new TicketViewSerializer(Set.copyOf(names));
    }

    @Override
    public void serialize(TicketView v, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeStartObject(v);
        if (written("success")) {
            gen.writeBooleanField("success", v.success());
        }
        if (written("id")) {
            gen.writeNumberField("id", v.id());
        }
        name(gen, "direction", v.direction());
        string(gen, "from", v.from());
        string(gen, "fromName", v.fromName());
        strings(gen, "to", v.to());
        strings(gen, "ccEmails", v.ccEmails());
        strings(gen, "bccEmails", v.bccEmails());
        strings(gen, "replyCcEmails", v.replyCcEmails());
        object(gen, "replyRecipients", v.replyRecipients(), (g, recipients) -> {
            writeStrings(g, "to", recipients.to());
            writeStrings(g, "cc", recipients.cc());
            writeStrings(g, "bcc", recipients.bcc());
        });
        number(gen, "subchannelId", v.subchannelId());
        string(gen, "externalTicketId", v.externalTicketId());
        string(gen, "sentiment", v.sentiment());
        string(gen, "language", v.language());
        string(gen, "languageCode", v.languageCode());
        string(gen, "autoExecuteAt", ApiTime.formatIso(v.autoExecuteAt()));
        name(gen, "spamStatus", v.spamStatus());
        name(gen, "aiSupportLevel", v.aiSupportLevel());
        if (written("isCustomerActive")) {
            gen.writeBooleanField("isCustomerActive", v.isCustomerActive());
        }
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
        if (written("isEscalated")) {
            gen.writeBooleanField("isEscalated", v.isEscalated());
        }
        string(gen, "createdAt", ApiTime.format(v.createdAt()));
        string(gen, "modifiedAt", ApiTime.format(v.modifiedAt()));
        string(gen, "firstResponseDueBy", ApiTime.format(v.firstResponseDueBy()));
        string(gen, "dueBy", ApiTime.format(v.dueBy()));
        string(gen, "closedAt", ApiTime.format(v.closedAt()));
        object(gen, "customer", v.customer(), (g, customer) -> g.writeStringField("id", customer.id()));
        string(gen, "customerId", v.customerId());
        string(gen, "contractId", v.contractId());
        number(gen, "agentId", v.agentId());
        mapped(gen, provider, "workedOnBy", v.workedOnBy());
        mapped(gen, provider, "additionalData", v.additionalData());
        mapped(gen, provider, "rawData", v.rawData());
        mapped(gen, provider, "attachments", v.attachments());
        numbers(gen, "tagIds", v.tagIds());
        if (written("tags")) {
            writeArray(gen, "tags", v.tags(), (g, tag) -> {
                g.writeStartObject();
                g.writeNumberField("id", tag.id());
                g.writeEndObject();
            });
        }
        numbers(gen, "assignedAgentIds", v.assignedAgentIds());
        number(gen, "customerLegitimation", v.customerLegitimation() == null ? null : v.customerLegitimation().longValue());
        number(gen, "intentId", v.intentId());
        gen.writeEndObject();
    }

    private boolean written(String field) {
        return ignored.isEmpty() || !ignored.contains(field);
    }

    private void string(JsonGenerator gen, String field, String value) throws IOException {
        if (!written(field)) {
            return;
        }
        if (value == null) {
            gen.writeNullField(field);
        } else {
            gen.writeStringField(field, value);
        }
    }

    private void name(JsonGenerator gen, String field, Enum<?> value) throws IOException {
        string(gen, field, value == null ? null : value.name());
    }

    private void number(JsonGenerator gen, String field, Long value) throws IOException {
        if (!written(field)) {
            return;
        }
        if (value == null) {
            gen.writeNullField(field);
        } else {
            gen.writeNumberField(field, value.longValue());
        }
    }

    private void strings(JsonGenerator gen, String field, List<String> values) throws IOException {
        if (written(field)) {
            writeStrings(gen, field, values);
        }
    }

    private void numbers(JsonGenerator gen, String field, List<Long> values) throws IOException {
        if (written(field)) {
            writeArray(gen, field, values, (g, value) -> g.writeNumber(value.longValue()));
        }
    }

    /** A value with a shape of its own, through the mapper. */
    private void mapped(JsonGenerator gen, SerializerProvider provider, String field, Object value) throws IOException {
        if (written(field)) {
            provider.defaultSerializeField(field, value, gen);
        }
    }

    /** A nested object whose fields {@code fields} writes, or null. */
    private <T> void object(JsonGenerator gen, String field, T value, Writer<T> fields) throws IOException {
        if (!written(field)) {
            return;
        }
        if (value == null) {
            gen.writeNullField(field);
            return;
        }
        gen.writeObjectFieldStart(field);
        fields.write(gen, value);
        gen.writeEndObject();
    }

    private static void writeStrings(JsonGenerator gen, String field, List<String> values) throws IOException {
        writeArray(gen, field, values, JsonGenerator::writeString);
    }

    /** Writes a value (an array's element, a nested object's fields). */
    private interface Writer<T> {
        void write(JsonGenerator gen, T value) throws IOException;
    }

    /** {@code field} as an array of {@code values} (a null list or element written as null). */
    private static <T> void writeArray(JsonGenerator gen, String field, List<T> values, Writer<T> item)
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
