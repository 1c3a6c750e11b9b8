package org.samtal.notification;

/**
 * SPI: whether a subject still consents to messages for a purpose. Beans in other modules implement it; if none
 * does, consent-based messages are never sent.
 * <p>
 * Each implementation answers for the subjects it knows (e.g. {@code client:<uuid>}) and false for any other; a
 * message is sent when one of them allows it. It is asked again before every attempt, so a withdrawal stops a message
 * that is still waiting or being retried.
 */
public interface NotificationConsent {

	boolean allows(String subject, String purpose);
}
