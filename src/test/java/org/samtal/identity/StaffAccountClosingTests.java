package org.samtal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.TestClock;
import org.samtal.platform.Problems;
import org.samtal.privacy.Access;
import org.samtal.privacy.AccessAction;
import org.samtal.privacy.AccessLog;
import org.samtal.privacy.DataCategory;
import org.samtal.privacy.RetentionSweep;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

@SamtalTest
class StaffAccountClosingTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	StaffRepository repository;

	@Autowired
	AccessLog accessLog;

	@Autowired
	RetentionSweep sweep;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@AfterEach
	void reset() {
		clock.reset();
		SecurityContextHolder.clearContext();
	}

	@Test
	void closingAnAccountEndsItsSessionRefusesItsPasswordAndRemovesItFromItsReceptions() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Http counselorsBrowser = new Http(port);
		counselorsBrowser.logIn(counselor.username(), counselor.password());
		assertThat(counselorsBrowser.get("/console").statusCode()).isEqualTo(200);

		Http adminsBrowser = new Http(port);
		adminsBrowser.logIn(admin.username(), admin.password());
		HttpResponse<String> closed = closeThroughThePage(adminsBrowser, counselor.id());
		assertThat(closed.headers().firstValue("Location").orElse("")).endsWith("/admin/staff");
		assertThat(adminsBrowser.get("/admin/staff").body())
			.contains("Kontot för Staff " + counselor.username() + " är avslutat.")
			.contains("Avslutat ");

		HttpResponse<String> next = counselorsBrowser.get("/console");
		assertThat(next.statusCode()).as("the open session ended at its next request").isEqualTo(302);
		assertThat(next.headers().firstValue("Location").orElse("")).endsWith("/login");
		assertThatThrownBy(() -> new Http(port).logIn(counselor.username(), counselor.password()))
			.as("the right password no longer opens it").hasMessageContaining("Login failed");
		assertThat(jdbc.sql("SELECT password_hash FROM staff_account WHERE id = ?").param(counselor.id())
			.query(String.class).optional()).as("the password hash is gone, the row stays").isEmpty();
		assertThat(jdbc.sql("SELECT count(*) FROM staff_reception WHERE staff_id = ?").param(counselor.id())
			.query(Integer.class).single()).isZero();
	}

	@Test
	void anAccountClosedOnAnotherNodeEndsItsSessionsHereWithinTheCheckInterval() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Http counselorsBrowser = new Http(port);
		counselorsBrowser.logIn(counselor.username(), counselor.password());
		// Closed the way another node would leave it: in the database, with no event on this node.
		repository.close(counselor.id(), clock.instant());

		assertThat(counselorsBrowser.get("/console").statusCode()).as("checked a moment ago, at login").isEqualTo(200);
		clock.advance(Duration.ofSeconds(6));
		assertThat(counselorsBrowser.get("/console").statusCode()).isEqualTo(302);
		assertThat(counselorsBrowser.get("/console").statusCode()).as("the session is gone for good").isEqualTo(302);
	}

	@Test
	void anAdminCannotCloseTheirOwnAccountNorSeeAnotherOrganisationsAccounts() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		Fixtures.Staff elsewhere = fixtures.counselor(fixtures.openReception());
		Http browser = new Http(port);
		browser.logIn(admin.username(), admin.password());

		closeThroughThePage(browser, admin.id());
		assertThat(browser.get("/admin/staff").body())
			.contains("Du kan inte avsluta ditt eget konto.")
			.doesNotContain(elsewhere.username());
		assertThat(repository.isOpen(admin.id())).isTrue();

		assertThat(closeThroughThePage(browser, elsewhere.id()).statusCode()).isEqualTo(404);
		assertThat(browser.get("/admin/staff/" + elsewhere.id() + "/close").statusCode()).isEqualTo(404);
		assertThat(repository.isOpen(elsewhere.id())).as("another organisation's account is untouched").isTrue();
	}

	@Test
	void onlyAdminsMayCloseAccountsEvenWhenCallingTheServiceDirectly() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Fixtures.Staff colleague = fixtures.counselor(reception);
		Http browser = new Http(port);
		String csrf = browser.logIn(counselor.username(), counselor.password());
		assertThat(browser.postForm("/admin/staff/" + colleague.id() + "/close", Map.of("_csrf", csrf)).statusCode())
			.isEqualTo(403);

		StaffMember asCounselor = signedIn(counselor, StaffRole.COUNSELOR, reception, "ROLE_COUNSELOR");
		assertThatThrownBy(() -> accounts.close(asCounselor, colleague.id()))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(repository.isOpen(colleague.id())).isTrue();
	}

	@Test
	void closingAClosedAccountAgainChangesNothing() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		Fixtures.Staff counselor = fixtures.counselor(reception);
		StaffMember asAdmin = signedInAsAdmin(admin, reception);
		assertThat(accounts.close(asAdmin, counselor.id())).isTrue();
		Timestamp firstClosing = closedAt(counselor.id());
		clock.advance(Duration.ofHours(1));
		assertThat(accounts.close(asAdmin, counselor.id())).isFalse();
		assertThat(closedAt(counselor.id())).isEqualTo(firstClosing);
		assertThatThrownBy(() -> accounts.close(asAdmin, UUID.randomUUID())).isInstanceOf(Problems.class)
			.hasMessageContaining("No such staff account");
	}

	@Test
	void theUsernameOfAClosedAccountIsNotGivenANewPassword() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		Fixtures.Staff counselor = fixtures.counselor(reception);
		accounts.close(signedInAsAdmin(admin, reception), counselor.id());
		assertThatThrownBy(() -> accounts.createOrResetPassword(counselor.username(), "Anyone", StaffRole.COUNSELOR,
				reception.organisation().id(), Set.of(reception.id()), "another-long-password"))
			.isInstanceOf(IllegalStateException.class);
		assertThat(repository.isOpen(counselor.id())).isFalse();
	}

	@Test
	void aClosedAccountStaysWhileTheAccessLogNamesItsHolderAndIsDeletedOnceNoEntryDoes() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff admin = fixtures.admin(reception);
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Fixtures.Staff stillWorking = fixtures.counselor(reception);
		String subject = "visitor:STAFF" + counselor.id().toString().substring(0, 4);
		accessLog.record(Access.of(counselor.id(), "COUNSELOR", reception.organisation().id(), reception.id(),
				subject, DataCategory.CHAT_CONTENT, AccessAction.READ, "console: conversation opened"));
		Fixtures.Staff neverLogged = fixtures.counselor(reception);
		StaffMember asAdmin = signedInAsAdmin(admin, reception);
		accounts.close(asAdmin, counselor.id());
		accounts.close(asAdmin, neverLogged.id());

		sweep.run(false, "schedule");
		assertThat(exists(counselor.id())).as("an entry still names them as the one who read").isTrue();
		assertThat(exists(neverLogged.id())).as("nothing names them: gone at the first run").isFalse();
		assertThat(accounts.displayName(counselor.id())).contains("Staff " + counselor.username());
		Http adminsBrowser = new Http(port);
		adminsBrowser.logIn(admin.username(), admin.password());
		assertThat(adminsBrowser.get("/admin/access-log?staffName=" + counselor.username()).body())
			.as("the log review still finds who read, by the closed account's username").contains(subject);

		clock.advance(Duration.ofDays(5 * 365 + 2));
		// The first run purges the expired entry's actor; the account goes once nothing names its holder.
		sweep.run(false, "schedule");
		sweep.run(false, "schedule");
		assertThat(exists(counselor.id())).isFalse();
		assertThat(exists(stillWorking.id())).as("an open account is never due").isTrue();
		assertThat(exists(admin.id())).isTrue();
	}

	private HttpResponse<String> closeThroughThePage(Http browser, UUID staffId) {
		String csrf = Http.csrfFrom(browser.get("/admin/staff").body());
		return browser.postForm("/admin/staff/" + staffId + "/close", Map.of("_csrf", csrf));
	}

	private StaffMember signedInAsAdmin(Fixtures.Staff admin, Reception reception) {
		return signedIn(admin, StaffRole.ADMIN, reception, "ROLE_ADMIN", "ROLE_COUNSELOR");
	}

	/** Signs the staff member in on this thread, as a web request would, and returns them. */
	private StaffMember signedIn(Fixtures.Staff staff, StaffRole role, Reception reception, String... roles) {
		StaffMember member = new StaffMember(staff.id(), staff.username(), "Staff " + staff.username(), role,
				reception.organisation().id(), Set.of(reception.id()));
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken(new StaffPrincipal(member, "n/a"), null, roles));
		return member;
	}

	private Timestamp closedAt(UUID staffId) {
		return jdbc.sql("SELECT closed_at FROM staff_account WHERE id = ?").param(staffId).query(Timestamp.class)
			.single();
	}

	private boolean exists(UUID staffId) {
		return jdbc.sql("SELECT count(*) FROM staff_account WHERE id = ?").param(staffId).query(Integer.class)
			.single() == 1;
	}
}
