package org.samtal.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links access-log entries into a hash chain: each entry's hash is SHA-256 over the previous hash and the entry's
 * canonical bytes, under a gap-free sequence number. Changing, removing or reordering any entry breaks every link
 * after it, and {@link #verify()} names the first broken one.
 */
@Component
class AccessLogChain {

	private static final Logger log = LoggerFactory.getLogger(AccessLogChain.class);

	private static final byte[] GENESIS = new byte[32];

	/** One organisation's entries written before a cutoff that still hold personal data, except held ones. */
	static final String UNPURGED = " organisation_id = ? AND purged_at IS NULL AND at < ?"
			+ " AND NOT (seq::text = ANY (?) OR subject = ANY (?))";

	private final JdbcClient jdbc;
	private final Clock clock;
	private final CheckpointSigner signer;
	private JdbcClient streaming;

	AccessLogChain(JdbcClient jdbc, Clock clock, CheckpointSigner signer) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.signer = signer;
	}

	/** @param problemCode names the problem for translation ({@code verify.problem.<code>}), with its numbers */
	record Verification(boolean intact, long entriesChecked, Long firstBrokenSeq, String problem, String problemCode,
			List<String> problemArgs) {

		static Verification ok(long checked) {
			return new Verification(true, checked, null, null, null, List.of());
		}

		static Verification broken(long checked, long seq, String code, String problem, long... args) {
			return new Verification(false, checked, seq, problem, code,
					Arrays.stream(args).mapToObj(Long::toString).toList());
		}
	}

	/** Entries written before the chain existed are linked once, in the order they were written. */
	@EventListener(ApplicationReadyEvent.class)
	@Transactional
	public void linkEntriesWrittenBeforeTheChain() {
		Link head = head();
		long seq = head.seq();
		byte[] previous = head.hash();
		for (Unlinked entry : jdbc.sql("""
				SELECT id, at, actor_id, actor_role, organisation_id, reception_id, subject, data_category, action, context
				FROM access_log WHERE hash IS NULL ORDER BY id""").query(AccessLogChain::unlinked).list()) {
			seq++;
			byte[] hash = link(previous, seq, entry.access().at(), entry.access());
			jdbc.sql("UPDATE access_log SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?")
				.params(seq, previous, hash, entry.id())
				.update();
			previous = hash;
		}
		if (seq != head.seq()) {
			moveHead(seq, previous);
		}
	}

	/** Recomputes the whole chain from its start and compares it with what is stored and with the head. */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	Verification verify() {
		Map<Long, Checkpoint> checkpoints = new HashMap<>();
		jdbc.sql("SELECT seq, hash, signed_at, signature FROM access_log_checkpoint").query((rs, n) -> new Checkpoint(
				rs.getLong("seq"), rs.getBytes("hash"), rs.getTimestamp("signed_at").toInstant(), rs.getBytes("signature")))
			.list()
			.forEach(checkpoint -> checkpoints.put(checkpoint.seq(), checkpoint));
		for (Checkpoint checkpoint : checkpoints.values()) {
			if (!signer.verifies(checkpoint.seq(), checkpoint.hash(), checkpoint.signedAt(), checkpoint.signature())) {
				return Verification.broken(0, checkpoint.seq(), "checkpoint-unsigned", "the checkpoint at entry "
						+ checkpoint.seq() + " does not carry this installation's signature", checkpoint.seq());
			}
		}
		// A purged entry counts only under a signed warrant of its organisation and purge time that covers it.
		Warrants warrants = warrants();
		if (warrants.forged() != null) {
			return Verification.broken(0, 0, "warrant-unsigned",
					"a purge warrant of " + warrants.forged() + " does not carry this installation's signature");
		}
		Long first = jdbc.sql("SELECT min(seq) FROM access_log").query(Long.class).optional().orElse(null);
		long[] checked = { 0 };
		long[] expectedSeq = { 1 };
		byte[][] expectedPrevious = { GENESIS };
		if (first != null && first > 1) {
			// Expired entries were purged: the rest must continue from the signed checkpoint left at the boundary.
			Checkpoint boundary = checkpoints.get(first - 1);
			if (boundary == null) {
				return Verification.broken(0, first - 1, "prefix-missing",
						"entries up to " + (first - 1) + " are missing and no signed checkpoint vouches for their purge",
						first - 1);
			}
			expectedSeq[0] = first;
			expectedPrevious[0] = boundary.hash();
		}
		Verification[] broken = { null };
		streaming().sql("""
				SELECT seq, prev_hash, hash, at, actor_id, actor_role, organisation_id, reception_id, subject,
				       data_category, action, context, purged_at
				FROM access_log ORDER BY seq""").query(rs -> {
			if (broken[0] != null) {
				return;
			}
			long seq = rs.getLong("seq");
			if (rs.wasNull()) {
				broken[0] = Verification.broken(checked[0], expectedSeq[0], "unlinked", "an entry is not linked into the chain");
				return;
			}
			if (seq != expectedSeq[0]) {
				broken[0] = Verification.broken(checked[0], expectedSeq[0], "missing",
						"entry " + expectedSeq[0] + " is missing (next found: " + seq + ")", expectedSeq[0], seq);
				return;
			}
			byte[] previous = rs.getBytes("prev_hash");
			byte[] stored = rs.getBytes("hash");
			if (!Arrays.equals(previous, expectedPrevious[0])) {
				broken[0] = Verification.broken(checked[0], seq, "out-of-order",
						"entry " + seq + " does not follow entry " + (seq - 1), seq, seq - 1);
				return;
			}
			// A purged entry's content is gone, so its hash cannot be recomputed; the next entry's link and the signed
			// checkpoints still vouch for it.
			Timestamp purgedAt = rs.getTimestamp("purged_at");
			boolean purged = purgedAt != null;
			if (purged) {
				if (!warrants.cover(rs.getObject("organisation_id", UUID.class), purgedAt.toInstant(), seq,
						rs.getTimestamp("at").toInstant())) {
					broken[0] = Verification.broken(checked[0], seq, "purged-unwarranted",
							"entry " + seq + " was purged without a signed warrant that covers it", seq);
					return;
				}
			}
			if (!purged && !Arrays.equals(stored, link(previous, seq, rs.getTimestamp("at").toInstant(), access(rs)))) {
				broken[0] = Verification.broken(checked[0], seq, "changed", "entry " + seq + " was changed after it was written",
						seq);
				return;
			}
			Checkpoint checkpoint = checkpoints.get(seq);
			if (checkpoint != null && !Arrays.equals(checkpoint.hash(), stored)) {
				broken[0] = Verification.broken(checked[0], seq, "rewritten",
						"entry " + seq + " differs from its signed checkpoint: the chain was rewritten", seq);
				return;
			}
			checked[0]++;
			expectedSeq[0] = seq + 1;
			expectedPrevious[0] = stored;
		});
		if (broken[0] != null) {
			return broken[0];
		}
		// One snapshot for rows and head (repeatable read), so appends running meanwhile are not taken for gaps.
		Link head = jdbc.sql("SELECT seq, hash FROM access_log_head WHERE id = 1")
			.query((rs, n) -> new Link(rs.getLong("seq"), rs.getBytes("hash")))
			.single();
		if (first == null && head.seq() > 0) {
			// Every entry was purged: the signed checkpoint at the head vouches for them.
			Checkpoint last = checkpoints.get(head.seq());
			return last != null && Arrays.equals(last.hash(), head.hash()) ? Verification.ok(0)
					: Verification.broken(0, 1, "all-missing",
							"all entries are missing and no signed checkpoint vouches for their purge");
		}
		if (head.seq() != expectedSeq[0] - 1 || !Arrays.equals(head.hash(), expectedPrevious[0])) {
			return Verification.broken(checked[0], expectedSeq[0], "tail-missing",
					"entries after " + (expectedSeq[0] - 1) + " are missing (the chain's head is at " + head.seq() + ")",
					expectedSeq[0] - 1, head.seq());
		}
		return Verification.ok(checked[0]);
	}

	private record Link(long seq, byte[] hash) {
	}

	/** One signed warrant: entries written before the cutoff were purged at its time, except the held ones. */
	private record Warrant(Instant cutoff, Set<Long> held) {

		boolean covers(long seq, Instant at) {
			return at.isBefore(cutoff) && !held.contains(seq);
		}
	}

	/**
	 * The purge warrants whose signatures verify, by organisation and purge time.
	 * @param forged the purge time of a warrant whose signature does not verify, if any; such a warrant covers nothing
	 */
	private record Warrants(Map<UUID, Map<Instant, List<Warrant>>> issued, Instant forged) {

		/**
		 * Whether an entry of this organisation, written at {@code at} and purged at {@code purgedAt}, was due and not
		 * held: an entry a hold kept is not covered by the warrant of the purge that passed it by.
		 */
		boolean cover(UUID organisationId, Instant purgedAt, long seq, Instant at) {
			return issued.getOrDefault(organisationId, Map.of())
				.getOrDefault(purgedAt, List.of())
				.stream()
				.anyMatch(warrant -> warrant.covers(seq, at));
		}
	}

	private Warrants warrants() {
		Map<UUID, Map<Instant, List<Warrant>>> issued = new HashMap<>();
		Instant[] forged = { null };
		jdbc.sql("SELECT organisation_id, purged_at, cutoff, held, signature FROM access_log_purge_warrant").query(rs -> {
			UUID organisation = rs.getObject("organisation_id", UUID.class);
			Instant purgedAt = rs.getTimestamp("purged_at").toInstant();
			Instant cutoff = rs.getTimestamp("cutoff").toInstant();
			long[] held = Arrays.stream((Long[]) rs.getArray("held").getArray()).mapToLong(Long::longValue)
				.toArray();
			if (!signer.verifiesWarrant(organisation, cutoff, purgedAt, held, rs.getBytes("signature"))) {
				forged[0] = purgedAt;
				return;
			}
			issued.computeIfAbsent(organisation, o -> new HashMap<>())
				.computeIfAbsent(purgedAt, t -> new ArrayList<>())
				.add(new Warrant(cutoff, Arrays.stream(held).boxed().collect(Collectors.toSet())));
		});
		return new Warrants(issued, forged[0]);
	}

	/**
	 * The last of the leading entries from {@code first} up to {@code last} whose purge a signed warrant covers, or
	 * {@code first - 1} when the first is not: an entry blanked in SQL is never deleted behind a checkpoint, where
	 * verifying could no longer see it.
	 */
	private long lastWarranted(long first, long last, Warrants warrants) {
		record Purged(long seq, UUID organisationId, Instant purgedAt, Instant at) {
		}
		List<Purged> rows = jdbc.sql("""
				SELECT seq, organisation_id, purged_at, at FROM access_log
				WHERE seq BETWEEN ? AND ? AND purged_at IS NOT NULL ORDER BY seq""")
			.params(first, last)
			.query((rs, n) -> new Purged(rs.getLong("seq"), rs.getObject("organisation_id", UUID.class),
					rs.getTimestamp("purged_at").toInstant(), rs.getTimestamp("at").toInstant()))
			.list();
		for (Purged row : rows) {
			if (!warrants.cover(row.organisationId(), row.purgedAt(), row.seq(), row.at())) {
				log.error("Access-log entry {} was purged without a signed warrant; the chain is kept from there",
						row.seq());
				return row.seq() - 1;
			}
		}
		return last;
	}

	/** The same database, reading 1,000 rows at a time from a cursor, so verifying a long chain needs little memory. */
	@org.springframework.beans.factory.annotation.Autowired
	void streamFrom(javax.sql.DataSource dataSource) {
		org.springframework.jdbc.core.JdbcTemplate cursor = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
		cursor.setFetchSize(1000);
		this.streaming = JdbcClient.create(cursor);
	}

	private JdbcClient streaming() {
		return streaming != null ? streaming : jdbc;
	}

	private record Checkpoint(long seq, byte[] hash, Instant signedAt, byte[] signature) {
	}

	/** Signs the chain's head, unless it is already signed. Runs on a schedule and before every purge. */
	@Scheduled(fixedDelayString = "${samtal.access-log.checkpoint-interval:PT1H}")
	@Transactional
	public void checkpoint() {
		Link head = head();
		if (head.seq() > 0) {
			sign(head.seq(), head.hash());
		}
	}

	private void sign(long seq, byte[] hash) {
		Instant signedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("""
				INSERT INTO access_log_checkpoint (seq, hash, signed_at, public_key, signature) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (seq) DO NOTHING""")
			.params(seq, hash, Timestamp.from(signedAt), signer.publicKey(), signer.sign(seq, hash, signedAt))
			.update();
	}

	/**
	 * Removes what is personal from up to {@code limit} of one organisation's entries written before the cutoff, except
	 * those of held subjects or sequence numbers. Their links stay, so the chain still verifies.
	 * @return how many entries were purged
	 */
	@Transactional
	int purgeContent(UUID organisationId, Instant cutoff, Set<String> held, int limit) {
		jdbc.sql("SELECT set_config('samtal.access_log_purge', 'on', true)").query(String.class).single();
		String[] keys = held.toArray(String[]::new);
		// As the database stores them, so that the warrant's signature covers exactly what is stored.
		Instant purgedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant until = cutoff.truncatedTo(ChronoUnit.MICROS);
		List<Long> purged = jdbc.sql("""
				UPDATE access_log SET actor_id = NULL, subject = NULL, context = NULL, purged_at = ?
				WHERE id IN (SELECT id FROM access_log WHERE """ + UNPURGED + """
				 LIMIT ? FOR UPDATE SKIP LOCKED)
				RETURNING seq""")
			.params(Timestamp.from(purgedAt), organisationId, Timestamp.from(until), keys, keys, limit)
			.query(Long.class)
			.list();
		if (!purged.isEmpty()) {
			// The entries this purge passed by for a hold are named, so that none of them can be blanked later under
			// this warrant's time.
			Long[] passedBy = keys.length == 0 ? new Long[0] : jdbc.sql("""
					SELECT seq FROM access_log
					WHERE organisation_id = ? AND purged_at IS NULL AND at < ? AND (seq::text = ANY (?) OR subject = ANY (?))
					ORDER BY seq""")
				.params(organisationId, Timestamp.from(until), keys, keys)
				.query(Long.class)
				.list()
				.toArray(Long[]::new);
			jdbc.sql("""
					INSERT INTO access_log_purge_warrant (organisation_id, purged_at, cutoff, held, signature)
					VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
				.params(organisationId, Timestamp.from(purgedAt), Timestamp.from(until), passedBy,
						signer.signWarrant(organisationId, until, purgedAt,
								Arrays.stream(passedBy).mapToLong(Long::longValue).toArray()))
				.update();
		}
		// A reviewer's note on a purged entry would outlive what it is about.
		jdbc.sql("DELETE FROM access_log_review WHERE seq = ANY (?)").param(purged.toArray(Long[]::new)).update();
		return purged.size();
	}

	/** How many of one organisation's entries written before the cutoff still hold personal data and are not held. */
	@Transactional(readOnly = true)
	long countUnpurged(UUID organisationId, Instant cutoff, Set<String> held) {
		String[] keys = held.toArray(String[]::new);
		return jdbc.sql("SELECT count(*) FROM access_log WHERE " + UNPURGED)
			.params(organisationId, Timestamp.from(cutoff), keys, keys)
			.query(Long.class)
			.single();
	}

	/**
	 * Deletes the leading entries once all of them are purged, after signing a checkpoint at the boundary so that what
	 * remains still verifies. Only a prefix goes, at most {@code limit} at a time, since appends wait on the head row.
	 * @return how many entries were deleted
	 */
	@Transactional
	int dropPurgedPrefix(long limit) {
		head();
		Long first = jdbc.sql("SELECT min(seq) FROM access_log").query(Long.class).optional().orElse(null);
		if (first == null) {
			return 0;
		}
		Long lastPurged = jdbc.sql("""
				SELECT coalesce((SELECT min(seq) - 1 FROM access_log WHERE purged_at IS NULL),
				                (SELECT max(seq) FROM access_log))""")
			.query(Long.class)
			.single();
		if (lastPurged < first) {
			return 0;
		}
		if (lastPurged - first >= limit) {
			lastPurged = first + limit - 1;
		}
		lastPurged = lastWarranted(first, lastPurged, warrants());
		return lastPurged < first ? 0 : dropThrough(lastPurged);
	}

	/**
	 * Deletes every entry up to and including {@code boundary}, and their review notes, after signing a checkpoint at
	 * the boundary so that what remains still verifies. The caller holds the head row.
	 */
	private int dropThrough(long boundary) {
		byte[] boundaryHash = jdbc.sql("SELECT hash FROM access_log WHERE seq = ?").param(boundary)
			.query(byte[].class).single();
		sign(boundary, boundaryHash);
		jdbc.sql("SELECT set_config('samtal.access_log_purge', 'on', true)").query(String.class).single();
		jdbc.sql("DELETE FROM access_log_review WHERE seq <= ?").param(boundary).update();
		int deleted = jdbc.sql("DELETE FROM access_log WHERE seq <= ?").param(boundary).update();
		// A warrant outlives the entries it covered only as clutter: the checkpoint now vouches for them.
		jdbc.sql("""
				DELETE FROM access_log_purge_warrant w WHERE NOT EXISTS (
				    SELECT 1 FROM access_log a WHERE a.organisation_id = w.organisation_id AND a.purged_at = w.purged_at)""")
			.update();
		return deleted;
	}

	/**
	 * Deletes up to {@code limit} leading entries, as long as each one is purged or is due under its organisation's
	 * scope (written before its cutoff, its sequence number and subject not held), after signing a checkpoint at the
	 * boundary. Appends wait on the head row meanwhile, as for {@link #dropPurgedPrefix}.
	 * @return the rows deleted, and how many of them still held personal data, per organisation
	 */
	@Transactional
	ExpiringRecords.Together dropExpiredPrefix(List<ExpiringRecords.Scope> scopes, int limit) {
		head();
		// Text arrays, cast in SQL: the driver binds String[] as it is, and each value keeps its exact form.
		String[] organisations = scopes.stream().map(scope -> scope.organisationId().toString()).toArray(String[]::new);
		String[] cutoffs = scopes.stream().map(scope -> scope.cutoff().toString()).toArray(String[]::new);
		List<String> heldBy = new ArrayList<>();
		List<String> heldKeys = new ArrayList<>();
		for (ExpiringRecords.Scope scope : scopes) {
			for (String key : scope.heldKeys()) {
				heldBy.add(scope.organisationId().toString());
				heldKeys.add(key);
			}
		}
		record Leading(long seq, UUID organisationId, boolean purged, boolean goes) {
		}
		Warrants warrants = warrants();
		List<Leading> leading = jdbc.sql("""
				SELECT a.seq, a.organisation_id, a.purged_at IS NOT NULL AS purged,
				       a.purged_at IS NOT NULL OR coalesce(a.at < c.cutoff::timestamptz AND NOT EXISTS (
				           SELECT 1 FROM unnest(?::text[], ?::text[]) AS h(organisation_id, key)
				           WHERE h.organisation_id::uuid = a.organisation_id
				             AND (h.key = a.seq::text OR h.key = a.subject)), false) AS goes
				FROM (SELECT seq, organisation_id, purged_at, at, subject FROM access_log ORDER BY seq LIMIT ?) a
				LEFT JOIN unnest(?::text[], ?::text[]) AS c(organisation_id, cutoff)
				       ON c.organisation_id::uuid = a.organisation_id
				ORDER BY a.seq""")
			.params(heldBy.toArray(String[]::new), heldKeys.toArray(String[]::new), limit, organisations, cutoffs)
			.query((rs, n) -> new Leading(rs.getLong("seq"), rs.getObject("organisation_id", UUID.class),
					rs.getBoolean("purged"), rs.getBoolean("goes")))
			.list();
		long boundary = -1;
		Map<UUID, Integer> purged = new HashMap<>();
		int rows = 0;
		for (Leading entry : leading) {
			if (!entry.goes()) {
				break;
			}
			boundary = entry.seq();
			rows++;
			if (!entry.purged()) {
				purged.merge(entry.organisationId(), 1, Integer::sum);
			}
		}
		if (boundary < 0) {
			return ExpiringRecords.Together.NOTHING;
		}
		long warranted = lastWarranted(leading.getFirst().seq(), boundary, warrants);
		if (warranted < boundary) {
			// Stop before an entry blanked without a warrant: count only what goes.
			rows = 0;
			purged.clear();
			for (Leading entry : leading) {
				if (entry.seq() > warranted) {
					break;
				}
				rows++;
				if (!entry.purged()) {
					purged.merge(entry.organisationId(), 1, Integer::sum);
				}
			}
			if (rows == 0) {
				return ExpiringRecords.Together.NOTHING;
			}
			boundary = warranted;
		}
		dropThrough(boundary);
		// Fewer rows than the limit, when the batch stopped at an entry that stays or at the end: nothing more to do.
		return new ExpiringRecords.Together(rows, purged);
	}

	private record Unlinked(long id, Access access) {
	}

	private Link head() {
		return jdbc.sql("SELECT seq, hash FROM access_log_head WHERE id = 1 FOR UPDATE")
			.query((rs, n) -> new Link(rs.getLong("seq"), rs.getBytes("hash")))
			.single();
	}

	private void moveHead(long seq, byte[] hash) {
		jdbc.sql("UPDATE access_log_head SET seq = ?, hash = ? WHERE id = 1").params(seq, hash).update();
	}

	/** SHA-256 over the previous hash and the entry's fields, each length-prefixed so no two entries read alike. */
	static byte[] link(byte[] previous, long seq, Instant at, Access access) {
		String canonical = "samtal-access-log-v1\n" + field(Long.toString(seq)) + canonicalTail(at, access);
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(previous);
			return sha256.digest(canonical.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/**
	 * The canonical text of an entry's fields after its sequence number. The database's {@code access_log_append}
	 * puts the header and the sequence number in front when it links a group, so both must stay byte for byte alike.
	 */
	static String canonicalTail(Instant at, Access access) {
		StringBuilder tail = new StringBuilder();
		for (Object value : new Object[] { at, access.actorId(), access.actorRole(), access.organisationId(),
				access.receptionId(), access.subject(), access.category(), access.action(), access.context() }) {
			tail.append(field(value == null ? null : value.toString()));
		}
		return tail.toString();
	}

	private static String field(String text) {
		return (text == null ? "-1:" : text.length() + ":" + text) + "\n";
	}

	private static Unlinked unlinked(ResultSet rs, int rowNum) throws SQLException {
		return new Unlinked(rs.getLong("id"), access(rs));
	}

	static Access access(ResultSet rs) throws SQLException {
		return new Access(rs.getTimestamp("at").toInstant(), rs.getObject("actor_id", UUID.class),
				rs.getString("actor_role"), rs.getObject("organisation_id", UUID.class),
				rs.getObject("reception_id", UUID.class), rs.getString("subject"),
				DataCategory.valueOf(rs.getString("data_category")), AccessAction.valueOf(rs.getString("action")),
				rs.getString("context"));
	}
}
