package org.samtal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SamtalTest
class EndingAndFeedbackTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	AbandonedConversations abandoned;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aConversationWhoseVisitorHasBeenGoneThirtyMinutesEndsAndIsDeleted() {
		Reception reception = fixtures.openReception();
		Http visitor = new Http(port);
		Conversations.Started gone = Conversations.start(visitor, reception);
		visitor.postJson(gone.path("/messages"), "{\"clientMessageId\": \"1\", \"text\": \"hej\"}", gone.auth());

		clock.advance(Duration.ofMinutes(29));
		Conversations.Started present = Conversations.start(visitor, reception);
		abandoned.endAbandoned();
		assertThat(count("conversation", "id", gone)).as("29 minutes is not yet gone").isEqualTo(1);

		clock.advance(Duration.ofMinutes(2));
		abandoned.endAbandoned();
		assertThat(count("conversation", "id", gone)).isZero();
		assertThat(count("chat_message", "conversation_id", gone)).isZero();
		assertThat(count("conversation", "id", present)).as("a visitor seen 2 minutes ago stays").isEqualTo(1);
		assertThat(jdbc.sql("SELECT ended_by FROM conversation_statistic WHERE reception_id = ?").param(reception.id())
			.query(String.class).list()).containsExactly("TIMEOUT");
	}

	@Test
	void afterTheEndTheVisitorRatesAndTheRatingKeepsOnlyReceptionAndDate() {
		Reception reception = fixtures.openReception();
		Http browser = new Http(port);
		assertThat(browser.postForm("/r/" + reception.slug() + "/chat", Map.of()).headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/chat"));
		String csrf = Http.csrfFrom(browser.get("/chat").body());
		assertThat(browser.postForm("/chat/end", Map.of("_csrf", csrf)).headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/chat/ended"));
		String feedbackPage = browser.get("/chat/ended").body();

		HttpResponse<String> noRating = browser.postForm("/chat/feedback",
				Map.of("_csrf", Http.csrfFrom(feedbackPage), "comment", "Bra <b>samtal</b>"));
		assertThat(noRating.statusCode()).isEqualTo(400);
		assertThat(noRating.body()).contains("Välj ett betyg från 1 till 5.").contains("Bra &lt;b&gt;samtal&lt;/b&gt;");

		HttpResponse<String> rated = browser.postForm("/chat/feedback",
				Map.of("_csrf", Http.csrfFrom(noRating.body()), "rating", "4", "comment", "Bra <b>samtal</b>"));
		assertThat(rated.statusCode()).isEqualTo(200);
		assertThat(jdbc.sql("SELECT rating, comment, given_on FROM feedback WHERE reception_id = ?").param(reception.id())
			.query((rs, n) -> rs.getInt("rating") + "|" + rs.getString("comment") + "|" + rs.getDate("given_on"))
			.list()).containsExactly("4|Bra <b>samtal</b>|" + java.sql.Date.valueOf(java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
		assertThat(jdbc.sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'feedback'")
			.query(String.class).list()).containsExactlyInAnyOrder("id", "reception_id", "given_on", "rating", "comment");
		assertThat(jdbc.sql("SELECT tableoid::regclass::text FROM feedback WHERE reception_id = ?").param(reception.id())
			.query(String.class).single()).as("the month's own partition, made for it")
			.isEqualTo("feedback_" + java.time.format.DateTimeFormatter.ofPattern("yyyy_MM")
				.format(java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)));

		assertThat(browser.postForm("/chat/feedback", Map.of("rating", "5")).statusCode())
			.as("one rating per conversation: the session is gone").isIn(302, 403);
		assertThat(jdbc.sql("SELECT count(*) FROM feedback WHERE reception_id = ?").param(reception.id())
			.query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void feedbackWrittenForAMonthWithoutItsPartitionWaitsInTheOtherPartitionAndMovesInWhenTheMonthIsMade() {
		Reception reception = fixtures.openReception();
		java.sql.Date longAgo = java.sql.Date.valueOf("2014-03-09");
		jdbc.sql("INSERT INTO feedback (reception_id, given_on, rating) VALUES (?, ?, 3)").params(reception.id(), longAgo)
			.update();
		assertThat(partitionOf(reception)).isEqualTo("feedback_other");

		assertThat(jdbc.sql("SELECT feedback_month(?)").param(longAgo).query(String.class).single())
			.isEqualTo("feedback_2014_03");
		assertThat(jdbc.sql("SELECT feedback_month(?)").param(longAgo).query(String.class).single())
			.as("made once").isEqualTo("feedback_2014_03");

		assertThat(partitionOf(reception)).isEqualTo("feedback_2014_03");
		assertThat(jdbc.sql("SELECT count(*) FROM feedback_other WHERE given_on = ?").param(longAgo)
			.query(Integer.class).single()).isZero();
	}

	private String partitionOf(Reception reception) {
		return jdbc.sql("SELECT tableoid::regclass::text FROM feedback WHERE reception_id = ?").param(reception.id())
			.query(String.class).single();
	}

	@Test
	void adminsSeeRatingsOnlyInAggregateAndOnlyOnceThereAreFive() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		Fixtures.Staff counselor = fixtures.counselor(reception);
		for (int rating : new int[] { 5, 4, 2, 5 }) {
			rate(reception, rating);
		}
		Http adminHttp = new Http(port);
		adminHttp.logIn(admin.username(), admin.password());
		String hidden = adminHttp.get("/admin/feedback").body();
		assertThat(hidden).contains("minst 5").contains("Just nu: 4").doesNotContain("Medelbetyg");

		rate(reception, 4);
		String shown = adminHttp.get("/admin/feedback").body();
		assertThat(shown).contains("Antal omdömen: 5").containsPattern("Medelbetyg: 4[,.]0");

		Http counselorHttp = new Http(port);
		counselorHttp.logIn(counselor.username(), counselor.password());
		assertThat(counselorHttp.get("/admin/feedback").statusCode()).isEqualTo(403);
	}

	@Autowired
	org.samtal.privacy.RetentionSweep retention;

	@Autowired
	org.samtal.privacy.ProcessingRegister register;

	@Test
	void feedbackIsDeletedAfterTheOrganisationsRetentionPeriod() {
		Reception keepsDefault = fixtures.openReception();
		Reception keepsLonger = fixtures.openReception();
		register.overrideRetention(keepsLonger.organisation().id(), org.samtal.privacy.DataCategory.FEEDBACK,
				java.time.Period.ofYears(3));
		rate(keepsDefault, 5);
		rate(keepsLonger, 4);

		clock.advance(Duration.ofDays(2 * 365 - 5));
		retention.run(false, "test");
		assertThat(feedbackAt(keepsDefault)).as("not yet two years").isEqualTo(1);

		clock.advance(Duration.ofDays(10));
		retention.run(false, "test");
		assertThat(feedbackAt(keepsDefault)).as("two years, the register's default").isZero();
		assertThat(feedbackAt(keepsLonger)).as("this organisation keeps feedback three years").isEqualTo(1);

		clock.advance(Duration.ofDays(366));
		retention.run(false, "test");
		assertThat(feedbackAt(keepsLonger)).isZero();
	}

	private int feedbackAt(Reception reception) {
		return jdbc.sql("SELECT count(*) FROM feedback WHERE reception_id = ?").param(reception.id())
			.query(Integer.class).single();
	}

	private void rate(Reception reception, int rating) {
		Http browser = new Http(port);
		browser.postForm("/r/" + reception.slug() + "/chat", Map.of());
		browser.postForm("/chat/end", Map.of("_csrf", Http.csrfFrom(browser.get("/chat").body())));
		HttpResponse<String> response = browser.postForm("/chat/feedback",
				Map.of("_csrf", Http.csrfFrom(browser.get("/chat/ended").body()), "rating", String.valueOf(rating)));
		assertThat(response.statusCode()).isEqualTo(200);
	}

	private int count(String table, String column, Conversations.Started conversation) {
		return jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + column + " = ?").param(conversation.id())
			.query(Integer.class).single();
	}

}
