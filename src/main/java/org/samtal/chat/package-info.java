/**
 * Anonymous chat: conversations, the queue, messages, pre-chat form answers, files and feedback.
 * <p>
 * Personal data kept: a conversation's messages, files and form answers, and the visitor's pseudonymous handle, only
 * while the conversation lasts. Ending it (by either side, or when the visitor has been gone for
 * {@code samtal.chat.visitor-timeout}) hard-deletes all of it in one transaction. What remains is non-personal
 * statistics (reception, date, duration) and feedback (reception, date, rating, comment) with no link to the
 * conversation, the counselor or the visitor, kept for each organisation's period for feedback (two years unless it
 * chose otherwise). Feedback is kept in one partition per month, so that a month past every organisation's period is
 * dropped whole. No IP address is stored.
 */
@ApplicationModule(displayName = "Chat")
package org.samtal.chat;

import org.springframework.modulith.ApplicationModule;
