package org.samtal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.samtal.Fixtures;
import org.samtal.Http;
import org.samtal.SamtalTest;
import org.samtal.tenancy.Reception;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SamtalTest
class ChatFileTests {

	static final byte[] PDF = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
	static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F' };
	static final byte[] EXE = { 'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0 };

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void pdfPngJpegAndTextAreAcceptedByTheirContent() {
		Conversations.Started conversation = Conversations.start(new Http(port), fixtures.openReception());
		Http http = new Http(port);
		assertThat(upload(http, conversation, "plan.pdf", "application/pdf", PDF).statusCode()).isEqualTo(201);
		assertThat(upload(http, conversation, "bild.png", "image/png", PNG).statusCode()).isEqualTo(201);
		assertThat(upload(http, conversation, "foto.JPG", "image/jpeg", JPEG).statusCode()).isEqualTo(201);
		HttpResponse<String> text = upload(http, conversation, "anteckning.txt", "text/plain", "Hej då\n".getBytes());
		assertThat(text.statusCode()).isEqualTo(201);
		JsonNode message = Conversations.json.readTree(text.body());
		assertThat(message.path("file").path("mediaType").asString()).isEqualTo("text/plain");
		assertThat(message.path("file").path("name").asString()).isEqualTo("anteckning.txt");
		assertThat(message.path("author").asString()).isEqualTo("VISITOR");
	}

	@Test
	void aFileIsJudgedByItsContentNotItsNameOrDeclaredType() {
		Conversations.Started conversation = Conversations.start(new Http(port), fixtures.openReception());
		Http http = new Http(port);
		assertThat(problem(upload(http, conversation, "invoice.pdf", "application/pdf", EXE)))
			.isEqualTo("urn:samtal:problem:file-type-not-allowed");
		assertThat(problem(upload(http, conversation, "cat.png", "image/png",
				"<html><script>alert(1)</script></html>".getBytes())))
			.as("HTML disguised as an image").isEqualTo("urn:samtal:problem:file-type-mismatch");
		assertThat(problem(upload(http, conversation, "notes.txt", "text/plain", PNG)))
			.isEqualTo("urn:samtal:problem:file-type-mismatch");
		assertThat(problem(upload(http, conversation, "plan.pdf", "image/png", PDF)))
			.as("declared type contradicts content").isEqualTo("urn:samtal:problem:file-type-mismatch");
		assertThat(problem(upload(http, conversation, "empty.txt", "text/plain", new byte[0])))
			.isEqualTo("urn:samtal:problem:file-empty");
		assertThat(jdbc.sql("SELECT count(*) FROM chat_file WHERE conversation_id = ?").param(conversation.id())
			.query(Integer.class).single()).as("nothing half-saved").isZero();
	}

	@Test
	void filesUpToTenMegabytesAreAcceptedAndLargerOnesRefusedClearly() {
		Conversations.Started conversation = Conversations.start(new Http(port), fixtures.openReception());
		Http http = new Http(port);
		byte[] tenMegabytes = new byte[10 * 1024 * 1024];
		Arrays.fill(tenMegabytes, (byte) 'a');
		assertThat(upload(http, conversation, "big.txt", "text/plain", tenMegabytes).statusCode()).isEqualTo(201);
		byte[] tooBig = Arrays.copyOf(tenMegabytes, tenMegabytes.length + 1);
		tooBig[tooBig.length - 1] = 'a';
		HttpResponse<String> refused = upload(http, conversation, "bigger.txt", "text/plain", tooBig);
		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(Conversations.json.readTree(refused.body()).path("detail").asString()).contains("10 MB");
	}

	@Test
	void onlyTheTwoParticipantsCanDownloadAFile() {
		Reception reception = fixtures.openReception();
		Fixtures.Staff counselor = fixtures.counselor(reception);
		Fixtures.Staff colleague = fixtures.counselor(reception);
		Conversations.Started conversation = Conversations.start(new Http(port), reception);
		Http staff = new Http(port);
		String csrf = staff.logIn(counselor.username(), counselor.password());
		staff.post("/console/api/conversations/" + conversation.id() + "/take", "X-CSRF-TOKEN", csrf);
		HttpResponse<String> uploaded = staff.postFile("/console/api/conversations/" + conversation.id() + "/files",
				"svar.pdf", "application/pdf", PDF, "X-CSRF-TOKEN", csrf);
		assertThat(uploaded.statusCode()).isEqualTo(201);
		String fileId = Conversations.json.readTree(uploaded.body()).path("file").path("id").asString();

		HttpResponse<byte[]> byVisitor = new Http(port).getBytes(conversation.path("/files/" + fileId), conversation.auth());
		assertThat(byVisitor.statusCode()).isEqualTo(200);
		assertThat(byVisitor.body()).isEqualTo(PDF);
		assertThat(byVisitor.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
		assertThat(byVisitor.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

		assertThat(staff.getBytes("/console/files/" + conversation.id() + "/" + fileId).statusCode()).isEqualTo(200);

		Conversations.Started other = Conversations.start(new Http(port), reception);
		assertThat(new Http(port).getBytes(other.path("/files/" + fileId), other.auth()).statusCode())
			.as("another visitor").isEqualTo(404);
		Http colleagueHttp = new Http(port);
		colleagueHttp.logIn(colleague.username(), colleague.password());
		assertThat(colleagueHttp.getBytes("/console/files/" + conversation.id() + "/" + fileId).statusCode())
			.as("a colleague at the same reception who does not hold the conversation").isEqualTo(403);
		assertThat(new Http(port).getBytes("/console/files/" + conversation.id() + "/" + fileId).statusCode())
			.as("nobody logged in").isEqualTo(302);
	}

	private static HttpResponse<String> upload(Http http, Conversations.Started conversation, String name, String type,
			byte[] content) {
		return http.postFile(conversation.path("/files"), name, type, content, conversation.auth());
	}

	private static String problem(HttpResponse<String> response) {
		assertThat(response.statusCode()).isBetween(400, 499);
		return Conversations.json.readTree(response.body()).path("type").asString();
	}
}
