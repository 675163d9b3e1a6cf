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
 * serializer writes. Every GET /ticket/{id} answers one: the bean serializer called each of the accessors (45 then) through
 * reflection and looked up a writer per property, about 5% of a GET's CPU (bench/RESULTS.md). Nested values with
 * a shape of their own (additionalData, rawData, attachments, workedOnBy, template, contentTranslation, workitem,
 * intents) still go through the mapper.
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
        field(gen, "success", v.success(), BOOLEAN);
        field(gen, "id", v.id(), NUMBER);
        field(gen, "direction", name(v.direction()), STRING);
        field(gen, "from", v.from(), STRING);
        field(gen, "fromName", v.fromName(), STRING);
        field(gen, "to", v.to(), STRINGS);
        field(gen, "ccEmails", v.ccEmails(), STRINGS);
        field(gen, "bccEmails", v.bccEmails(), STRINGS);
        field(gen, "replyCcEmails", v.replyCcEmails(), STRINGS);
        field(gen, "replyRecipients", v.replyRecipients(), RECIPIENTS);
        field(gen, "subchannelId", v.subchannelId(), NUMBER);
        field(gen, "externalTicketId", v.externalTicketId(), STRING);
        field(gen, "sentiment", v.sentiment(), STRING);
        field(gen, "language", v.language(), STRING);
        field(gen, "languageCode", v.languageCode(), STRING);
        field(gen, "autoExecuteAt", ApiTime.formatIso(v.autoExecuteAt()), STRING);
        field(gen, "spamStatus", name(v.spamStatus()), STRING);
        field(gen, "aiSupportLevel", name(v.aiSupportLevel()), STRING);
        field(gen, "isCustomerActive", v.isCustomerActive(), BOOLEAN);
        field(gen, "interface", name(v.ticketInterface()), STRING);
        field(gen, "priority", name(v.priority()), STRING);
        field(gen, "channel", name(v.channel()), STRING);
        field(gen, "channelId", v.channelId(), STRING);
        field(gen, "status", name(v.status()), STRING);
        field(gen, "summary", v.summary(), STRING);
        field(gen, "subject", v.subject(), STRING);
        field(gen, "bodyPlain", v.bodyPlain(), STRING);
        field(gen, "body", v.body(), STRING);
        field(gen, "bodyClean", v.bodyClean(), STRING);
        field(gen, "isEscalated", v.isEscalated(), BOOLEAN);
        field(gen, "createdAt", ApiTime.format(v.createdAt()), STRING);
        field(gen, "modifiedAt", ApiTime.format(v.modifiedAt()), STRING);
        field(gen, "firstResponseDueBy", ApiTime.format(v.firstResponseDueBy()), STRING);
        field(gen, "dueBy", ApiTime.format(v.dueBy()), STRING);
        field(gen, "closedAt", ApiTime.format(v.closedAt()), STRING);
        field(gen, "customer", v.customer(), CUSTOMER);
        field(gen, "customerId", v.customerId(), STRING);
        field(gen, "contractId", v.contractId(), STRING);
        field(gen, "agentId", v.agentId(), NUMBER);
        // values with a shape of their own, through the mapper
        Writer<Object> mapped = (g, value) -> provider.defaultSerializeValue(value, g);
        field(gen, "workedOnBy", v.workedOnBy(), mapped);
        field(gen, "additionalData", v.additionalData(), mapped);
        field(gen, "rawData", v.rawData(), mapped);
        field(gen, "attachments", v.attachments(), mapped);
        field(gen, "tagIds", v.tagIds(), NUMBERS);
        field(gen, "tags", v.tags(), TAGS);
        field(gen, "assignedAgentIds", v.assignedAgentIds(), NUMBERS);
        field(gen, "customerLegitimation", v.customerLegitimation(), NUMBER);
        field(gen, "customerLegitimationMessage", v.customerLegitimationMessage(), STRING);
        field(gen, "intentId", v.intentId(), NUMBER);
        field(gen, "template", v.template(), mapped);
        field(gen, "contentTranslation", v.contentTranslation(), mapped);
        field(gen, "emailSubchannelId", v.emailSubchannelId(), NUMBER);
        field(gen, "workitem", v.workitem(), mapped);
        if (v.intents() != null) {
            // present only when asked for (includeIntents), as the record's @JsonInclude(NON_NULL) says
            field(gen, "intents", v.intents(), mapped);
        }
        gen.writeEndObject();
    }

    /** Writes a non-null value (a field's, an array element's). */
    private interface Writer<T> {
        void write(JsonGenerator gen, T value) throws IOException;
    }

    private static final Writer<String> STRING = JsonGenerator::writeString;
    private static final Writer<Boolean> BOOLEAN = (g, value) -> g.writeBoolean(value.booleanValue());
    private static final Writer<Number> NUMBER = (g, value) -> g.writeNumber(value.longValue());
    private static final Writer<List<String>> STRINGS = (g, values) -> array(g, values, STRING);
    private static final Writer<List<Long>> NUMBERS = (g, values) -> array(g, values, NUMBER);
    private static final Writer<List<TicketView.TagRef>> TAGS = (g, tags) -> array(g, tags, (t, tag) -> {
        t.writeStartObject();
        t.writeNumberField("id", tag.id());
        write(t, "name", tag.name(), STRING);
        t.writeEndObject();
    });
    private static final Writer<TicketView.Customer> CUSTOMER = (g, customer) -> {
        g.writeStartObject();
        write(g, "id", customer.id(), STRING);
        g.writeEndObject();
    };
    private static final Writer<TicketView.ReplyRecipients> RECIPIENTS = (g, recipients) -> {
        g.writeStartObject();
        write(g, "to", recipients.to(), STRINGS);
        write(g, "cc", recipients.cc(), STRINGS);
        write(g, "bcc", recipients.bcc(), STRINGS);
        g.writeEndObject();
    };

    /** {@code field} of the view, unless the property holding the view ignores it. */
    private <T> void field(JsonGenerator gen, String field, T value, Writer<? super T> writer) throws IOException {
        if (ignored.isEmpty() || !ignored.contains(field)) {
            write(gen, field, value, writer);
        }
    }

    /** {@code field} with {@code value} as {@code writer} writes it, or null. */
    private static <T> void write(JsonGenerator gen, String field, T value, Writer<? super T> writer)
            throws IOException {
        gen.writeFieldName(field);
        if (value == null) {
            gen.writeNull();
        } else {
            writer.write(gen, value);
        }
    }

    /** An array of {@code values}, a null element written as null. */
    private static <T> void array(JsonGenerator gen, List<T> values, Writer<? super T> item) throws IOException {
        gen.writeStartArray();
        for (T value : values) {
            if (value == null) {
                gen.writeNull();
            } else {
                item.write(gen, value);
            }
        }
        gen.writeEndArray();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
