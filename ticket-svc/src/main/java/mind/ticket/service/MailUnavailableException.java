package mind.ticket.service;

/** SMTP refused the mail or could not be reached; nothing went out. */
public class MailUnavailableException extends RuntimeException {

    public MailUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
