package org.samtal.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.samtal.platform.Problems;

class FileTypesTests {

	@Test
	void detectsTypesByMagicBytes() {
		assertThat(FileTypes.detect(ChatFileTests.PDF)).isEqualTo(FileTypes.PDF);
		assertThat(FileTypes.detect(ChatFileTests.PNG)).isEqualTo(FileTypes.PNG);
		assertThat(FileTypes.detect(ChatFileTests.JPEG)).isEqualTo(FileTypes.JPEG);
		assertThat(FileTypes.detect("Hej\r\n\tdå".getBytes(StandardCharsets.UTF_8))).isEqualTo(FileTypes.TEXT);
		assertThat(FileTypes.detect(ChatFileTests.EXE)).isNull();
		assertThat(FileTypes.detect(new byte[] { 'a', 0, 'b' })).as("NUL byte").isNull();
		assertThat(FileTypes.detect(new byte[] { (byte) 0xC3, (byte) 0x28 })).as("invalid UTF-8").isNull();
	}

	@Test
	void namesAreStrippedOfPathsAndControlCharacters() {
		assertThat(FileTypes.safeName("../../etc/passwd.txt")).isEqualTo("passwd.txt");
		assertThat(FileTypes.safeName("C:\\Users\\x\\bild.png")).isEqualTo("bild.png");
		assertThat(FileTypes.safeName("a\u0000b\nc\".pdf")).isEqualTo("abc.pdf");
		assertThat(FileTypes.safeName("   ")).isEqualTo("file");
		assertThat(FileTypes.safeName("x".repeat(300) + ".pdf")).hasSize(200).endsWith(".pdf");
	}

	@Test
	void aTypeThatContradictsTheNameIsRefused() {
		assertThatThrownBy(() -> FileTypes.check("bild.pdf", "application/pdf", ChatFileTests.PNG))
			.isInstanceOfSatisfying(Problems.class, p -> assertThat(p.slug()).isEqualTo("file-type-mismatch"));
		assertThat(FileTypes.check("bild.png", "application/octet-stream", ChatFileTests.PNG)).isEqualTo(FileTypes.PNG);
	}

	@Test
	void messagesHoldOneToFourThousandCharactersCountedAsCharactersNotBytes() {
		assertThat(MessageText.validText("😀".repeat(4000))).hasSize(8000);
		assertThatThrownBy(() -> MessageText.validText("😀".repeat(4001))).isInstanceOf(Problems.class);
		assertThatThrownBy(() -> MessageText.validText(" \t\n")).isInstanceOf(Problems.class);
		assertThatThrownBy(() -> MessageText.validClientId("x".repeat(65))).isInstanceOf(Problems.class);
		assertThat(MessageText.validClientId("0e9d0c7a-1b2c-4d5e-8f90-a1b2c3d4e5f6")).isNotNull();
	}
}
