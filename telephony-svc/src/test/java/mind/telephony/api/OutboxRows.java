package mind.telephony.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import mind.telephony.repository.QueueEntryRepository;

/** The outbox emptied before a test: deliveries an earlier test left queued are not counted by the next one. */
final class OutboxRows {

    private OutboxRows() {
    }

    static void clear(QueueEntryRepository anyRepository) {
        QuarkusTransaction.requiringNew().run(() -> anyRepository.getEntityManager()
                .createNativeQuery("delete from outbox").executeUpdate());
    }
}
