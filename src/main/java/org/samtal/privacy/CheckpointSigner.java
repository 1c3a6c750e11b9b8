package org.samtal.privacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signs access-log checkpoints with Ed25519. The key pair lives in a file beside the data, never in the database: a
 * database administrator who rewrites the log cannot sign a matching checkpoint. Created on first start.
 */
@Component
class CheckpointSigner {

	private final PrivateKey privateKey;
	private final PublicKey publicKey;

	CheckpointSigner(@Value("${samtal.access-log.signing-key-file:./data/access-log-signing-key}") String keyFile)
			throws IOException, GeneralSecurityException {
		Path path = Path.of(keyFile).toAbsolutePath();
		if (!Files.exists(path)) {
			Files.createDirectories(path.getParent());
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			Files.write(path, pair.getPrivate().getEncoded());
			Files.write(publicKeyPath(path), pair.getPublic().getEncoded());
			// Only the app's user may read the private key (where the file system knows POSIX permissions).
			if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
			}
		}
		KeyFactory keys = KeyFactory.getInstance("Ed25519");
		this.privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(path)));
		this.publicKey = keys.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicKeyPath(path))));
	}

	private static Path publicKeyPath(Path privateKey) {
		return privateKey.resolveSibling(privateKey.getFileName() + ".pub");
	}

	byte[] publicKey() {
		return publicKey.getEncoded();
	}

	byte[] sign(long seq, byte[] hash, Instant signedAt) {
		return sign(signedBytes(seq, hash, signedAt));
	}

	/** Checks against this installation's public key, not the one stored beside the checkpoint. */
	boolean verifies(long seq, byte[] hash, Instant signedAt, byte[] signatureBytes) {
		return verifies(signedBytes(seq, hash, signedAt), signatureBytes);
	}

	/**
	 * Signs a purge warrant: the organisation's entries written before the cutoff were purged at that time, except
	 * the held ones, which were kept.
	 * @param held the sequence numbers a legal hold or a restriction kept, in ascending order
	 */
	byte[] signWarrant(UUID organisationId, Instant cutoff, Instant purgedAt, long[] held) {
		return sign(warrantBytes(organisationId, cutoff, purgedAt, held));
	}

	/** A warrant signed before held entries were named (version 1) names none, and verifies as it was signed. */
	boolean verifiesWarrant(UUID organisationId, Instant cutoff, Instant purgedAt, long[] held, byte[] signatureBytes) {
		return verifies(warrantBytes(organisationId, cutoff, purgedAt, held), signatureBytes)
				|| held.length == 0 && verifies(warrantBytesV1(organisationId, cutoff, purgedAt), signatureBytes);
	}

	private byte[] sign(byte[] signed) {
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initSign(privateKey);
			signature.update(signed);
			return signature.sign();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Could not sign for the access log", e);
		}
	}

	private boolean verifies(byte[] signed, byte[] signatureBytes) {
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initVerify(publicKey);
			signature.update(signed);
			return signature.verify(signatureBytes);
		}
		catch (GeneralSecurityException e) {
			return false;
		}
	}

	/**
	 * Prefixed, so that no warrant's bytes can pass for a checkpoint's or the other way round, nor a version 2
	 * warrant's for a version 1 one.
	 */
	private static byte[] warrantBytes(UUID organisationId, Instant cutoff, Instant purgedAt, long[] held) {
		byte[] kind = "samtal-purge-warrant-v2".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		ByteBuffer bytes = ByteBuffer.allocate(kind.length + 16 + 12 + 12 + 4 + 8 * held.length);
		warrant(bytes.put(kind), organisationId, cutoff, purgedAt).putInt(held.length);
		for (long seq : held) {
			bytes.putLong(seq);
		}
		return bytes.array();
	}

	private static byte[] warrantBytesV1(UUID organisationId, Instant cutoff, Instant purgedAt) {
		byte[] kind = "samtal-purge-warrant-v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		return warrant(ByteBuffer.allocate(kind.length + 16 + 12 + 12).put(kind), organisationId, cutoff, purgedAt)
			.array();
	}

	private static ByteBuffer warrant(ByteBuffer bytes, UUID organisationId, Instant cutoff, Instant purgedAt) {
		return bytes.putLong(organisationId.getMostSignificantBits())
			.putLong(organisationId.getLeastSignificantBits())
			.putLong(cutoff.getEpochSecond())
			.putInt(cutoff.getNano())
			.putLong(purgedAt.getEpochSecond())
			.putInt(purgedAt.getNano());
	}

	private static byte[] signedBytes(long seq, byte[] hash, Instant signedAt) {
		return ByteBuffer.allocate(8 + hash.length + 8 + 4)
			.putLong(seq)
			.put(hash)
			.putLong(signedAt.getEpochSecond())
			.putInt(signedAt.getNano())
			.array();
	}
}
