package org.samtal.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** E-mail over SMTP through Spring's {@link JavaMailSender}: plain text, UTF-8, from the configured address. */
class MailDelivery implements Delivery {

	private final JavaMailSender mail;
	private final InternetAddress from;

	MailDelivery(JavaMailSender mail, InternetAddress from) {
		this.mail = mail;
		this.from = from;
	}

	@Override
	public String via() {
		return "smtp";
	}

	@Override
	public void deliver(Pending message) throws Failure {
		try {
			MimeMessage mime = mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
			helper.setFrom(from);
			helper.setTo(new InternetAddress(message.recipient(), true));
			helper.setSubject(message.mailSubject());
			helper.setText(message.body(), false);
			// RFC 3834: no auto-replies to this.
			mime.setHeader("Auto-Submitted", "auto-generated");
			mail.send(mime);
		}
		catch (MailException | MessagingException e) {
			// The class name only: a mail exception's message can hold the address.
			throw new Failure(e.getClass().getSimpleName(), false);
		}
	}
}
