package mind.ticket.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A file attached to a ticket, referenced by URL. {@code id} is the attachment's number on its ticket
 * ({@code DELETE /ticket/{id}/attachment/{attachmentId}}): numbered from 1 in the order sent when the
 * ticket is made, never reused while the attachment is on the ticket.
 */
public record Attachment(Long id, String name, String url) {

    /**
     * {@code sent} numbered after the highest id of {@code current} (an upsert that sends attachments
     * replaces the list; the new ones do not take the ids of those still referenced by a client).
     */
    public static List<Attachment> numbered(List<Attachment> sent, List<Attachment> current) {
        long next = current == null ? 1
                : current.stream().map(Attachment::id).filter(java.util.Objects::nonNull).mapToLong(Long::longValue).max().orElse(0) + 1;
        List<Attachment> numbered = new ArrayList<>(sent.size());
        for (Attachment a : sent) {
            numbered.add(new Attachment(next++, a.name(), a.url()));
        }
        return numbered;
    }
}
