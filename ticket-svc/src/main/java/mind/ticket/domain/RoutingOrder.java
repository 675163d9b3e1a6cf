package mind.ticket.domain;

/** The orders of the work queue, named as settings-svc's ticketRoutingOrder values. */
public enum RoutingOrder {
    /** dueBy ascending (overdue first); no SLA counts as 2099-12-31. */
    slaDue,
    /** urgent, high, medium, low; then as slaDue. */
    priorityThenSla,
    /** by priority; then the newest last customer message first (LIFO). */
    priorityThenNewestCustomerMessage,
    /** by priority; then the oldest last customer message first (FIFO). */
    priorityThenOldestCustomerMessage;

    /** The order for a setting value; null for a value this version does not know. */
    public static RoutingOrder parse(String value) {
        for (RoutingOrder order : values()) {
            if (order.name().equals(value)) {
                return order;
            }
        }
        return null;
    }
}
