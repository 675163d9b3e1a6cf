package mind.ticket.service;

import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/**
 * Hands mail to SMTP (quarkus-mailer; {@code quarkus.mailer.mock=true} in dev and tests keeps it in
 * the MockMailbox). Never inside a transaction: no database connection waits for SMTP.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class TicketMailer {

    private static final Logger LOG = Logger.getLogger(TicketMailer.class);

    private final Mailer mailer;

    public TicketMailer(Mailer mailer) {
        this.mailer = mailer;
    }

    /** Sends the mail with an HTML part and its plain-text alternative; inline attachments are attached. */
    public void send(OutgoingMail m) {
        Mail mail = new Mail()
                .setFrom(m.from())
                .setTo(m.to())
                .setCc(m.cc())
                .setBcc(m.bcc())
                .setSubject(m.subject() == null ? "" : m.subject())
                .setHtml(m.html() == null ? "" : m.html())
                .setText(m.html() == null ? "" : TicketService.plainText(m.html()))
                .addHeader("X-Mind-Ticket-Id", Long.toString(m.ticketId()));
        for (var a : m.attachments()) {
            if (a.base64() != null) {
                mail.addAttachment(a.name(), Base64.getMimeDecoder().decode(a.base64()),
                        a.mimeType() == null ? "application/octet-stream" : a.mimeType());
            }
        }
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            // one line, no stack trace: during an SMTP outage every reply would log one
            LOG.warnf("mail of ticket %d not sent: %s", m.ticketId(),
                    e.getMessage() == null ? e.getClass().getName() : e.getMessage());
            throw new MailUnavailableException("The mail server did not accept the mail", e);
        }
    }
}
