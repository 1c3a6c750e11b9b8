package org.samtal.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends queued messages: right after the transaction that queued one commits, and on a schedule for retries and for
 * whatever a node left behind. Each attempt first claims its message in the database ({@code FOR UPDATE SKIP LOCKED},
 * then a lease), so with several nodes a message is attempted by one at a time. Consent is asked again before every
 * attempt. A failure waits {@code samtal.notification.retry-delays} (1 min, 5 min, 30 min, 2 h) before the next try;
 * after the last, the message is FAILED and shown to admins. A refusal of the message itself fails it at once.
 * <p>
 * Delivery is at least once: a node that dies after handing a message over but before recording it leaves the
 * message to be tried again when its lease ({@code samtal.notification.lease}, 5 min) ends, so it may rarely arrive
 * twice. A message whose last attempt never reported back is marked FAILED.
 * <p>
 * Logs only ids, counts and error class names: never an address, a text or a subject.
 */
@Component
class Dispatcher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
	private static final int BATCH = 50;

	private final Messages messages;
	private final Deliveries deliveries;
	private final ObjectProvider<NotificationConsent> consents;
	private final Clock clock;
	private final List<Duration> retryDelays;
	private final Duration lease;
	private final Duration outboxKeepsContent;
	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	Dispatcher(Messages messages, Deliveries deliveries, ObjectProvider<NotificationConsent> consents, Clock clock,
			@Value("${samtal.notification.retry-delays:PT1M,PT5M,PT30M,PT2H}") String retryDelays,
			@Value("${samtal.notification.lease:PT5M}") Duration lease,
			@Value("${samtal.notification.outbox.keep-content:P1D}") Duration outboxKeepsContent) {
		this.messages = messages;
		this.deliveries = deliveries;
		this.consents = consents;
		this.clock = clock;
		this.retryDelays = Arrays.stream(retryDelays.split(","))
			.map(String::trim)
			.filter(s -> !s.isEmpty())
			.map(Duration::parse)
			.toList();
		this.lease = lease;
		this.outboxKeepsContent = outboxKeepsContent;
	}

	/** One first attempt plus one per retry delay. */
	int maxAttempts() {
		return retryDelays.size() + 1;
	}

	/** Attempts the message once the current transaction commits; never if it rolls back. */
	void afterCommit(UUID id) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					attemptSoon(id);
				}
			});
		}
		else {
			attemptSoon(id);
		}
	}

	private void attemptSoon(UUID id) {
		try {
			executor.execute(() -> {
				try {
					attempt(id);
				}
				catch (RuntimeException e) {
					// The scheduled run tries it again.
					log.warn("Notification {} not attempted now: {}", id, e.getClass().getSimpleName());
				}
			});
		}
		catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
			// The next node's (or next start's) scheduled run sends it.
		}
	}

	/** Attempts one message now, if it is due and no other node has it. */
	void attempt(UUID id) {
		Instant now = clock.instant();
		messages.claim(id, now, now.plus(lease), maxAttempts(), 1).forEach(this::process);
	}

	@Scheduled(fixedDelayString = "${samtal.notification.poll-interval:PT15S}",
			initialDelayString = "${samtal.notification.poll-initial-delay:PT15S}")
	void onSchedule() {
		try {
			dispatchDue();
		}
		catch (RuntimeException e) {
			log.warn("Notification run stopped: {}", e.getClass().getSimpleName());
		}
	}

	/**
	 * Attempts every due message, fails those whose last attempt never reported back, and erases what the development
	 * outbox has kept long enough.
	 * @return how many messages it attempted
	 */
	int dispatchDue() {
		int attempted = 0;
		int expired = messages.expireLeases(clock.instant(), maxAttempts());
		if (expired > 0) {
			log.warn("{} notification(s) failed: their last attempt never reported back", expired);
		}
		List<Pending> batch;
		do {
			Instant now = clock.instant();
			batch = messages.claim(null, now, now.plus(lease), maxAttempts(), BATCH);
			batch.forEach(this::process);
			attempted += batch.size();
		}
		while (batch.size() == BATCH);
		messages.eraseOutboxContent(clock.instant().minus(outboxKeepsContent));
		return attempted;
	}

	private void process(Pending message) {
		String error;
		boolean permanent = false;
		try {
			if (message.purpose() != null && !consented(message)) {
				messages.skipped(message.id(), clock.instant());
				return;
			}
			Delivery delivery = deliveries.of(message.channel());
			if (delivery == null) {
				messages.sent(message.id(), OutboxMode.OUTBOX, clock.instant(), true);
				return;
			}
			delivery.deliver(message);
			messages.sent(message.id(), delivery.via(), clock.instant(), false);
			return;
		}
		catch (Delivery.Failure failure) {
			error = failure.reason();
			permanent = failure.permanent();
		}
		catch (RuntimeException e) {
			error = e.getClass().getSimpleName();
		}
		Instant now = clock.instant();
		if (permanent || message.attempts() >= maxAttempts()) {
			messages.failed(message.id(), now, error);
			log.warn("Notification {} ({}) failed after {} attempt(s): {}", message.id(), message.channel(),
					message.attempts(), error);
		}
		else {
			Duration wait = retryDelays.get(message.attempts() - 1);
			messages.retryAt(message.id(), now.plus(wait), error);
			log.info("Notification {} ({}) attempt {} failed ({}); next try in {}", message.id(), message.channel(),
					message.attempts(), error, wait);
		}
	}

	private boolean consented(Pending message) {
		return consents.orderedStream().anyMatch(c -> c.allows(message.subject(), message.purpose()));
	}

	@Override
	public void destroy() throws InterruptedException {
		executor.shutdown();
		executor.awaitTermination(5, TimeUnit.SECONDS);
	}
}
