package org.samtal.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prints the privacy benchmarks' JSON lines (bench/privacy.sh) as Markdown tables. */
public final class PrivacyTable {

	private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|[^,}]+)");

	public static void main(String[] args) throws Exception {
		List<Map<String, String>> rows = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of(args[0]))) {
			if (line.isBlank()) {
				continue;
			}
			Map<String, String> f = new LinkedHashMap<>();
			Matcher m = FIELD.matcher(line);
			while (m.find()) {
				f.put(m.group(1), m.group(2).replace("\"", ""));
			}
			rows.add(f);
		}
		print(rows, "chain-append", "| threads | appends/s | append p50 ms | p99 ms | max ms | checkpoints signed | checkpoint p50 ms "
				+ "| Ed25519 sign µs | driver CPU | PostgreSQL CPU | other work CPU |",
				f -> row(f.get("threads"), f.get("appendsPerSecond"), f.get("p50"), f.get("p99"), f.get("max"),
						f.get("checkpoints"), f.get("checkpointP50"), f.get("signMicros"), pct(f.get("driverCores")),
						pct(f.get("pgCores")), pct(f.get("otherCores")) + disturbed(f)));
		print(rows, "staff-read", "| concurrency | slices (logged + unlogged) | logged req/s | unlogged req/s | logged p50 ms "
				+ "| unlogged p50 ms | p50 overhead | logged p99 ms | unlogged p99 ms | p99 overhead | app+PG CPU µs/req logged / unlogged "
				+ "| other work CPU logged / unlogged |",
				f -> row(f.get("concurrency"), f.get("slicesLogged") + " + " + f.get("slicesUnlogged")
						+ ("true".equals(f.get("noisy")) ? " (noisy)" : ""), f.get("loggedRps"), f.get("unloggedRps"),
						f.get("loggedP50"), f.get("unloggedP50"), signedPct(f.get("p50Overhead")), f.get("loggedP99"),
						f.get("unloggedP99"), signedPct(f.get("p99Overhead")),
						f.get("loggedUsPerRequest") + " / " + f.get("unloggedUsPerRequest"),
						pct(f.get("loggedotherCores")) + " / " + pct(f.get("unloggedotherCores"))));
		print(rows, "sweep", "| run | status | sweep s (report) | rows purged (feedback + access log) | rows/s | WAL MB | chat window s "
				+ "| chat p50 idle / sweep ms | chat p99 idle / sweep ms | p99 ratio | app CPU idle / sweep | PostgreSQL CPU idle / sweep "
				+ "| other work CPU idle / sweep | checks |",
				f -> row(f.get("label"), f.get("status"), f.get("runSeconds"),
						f.get("purged") + " (" + f.get("feedbackPurged") + " + " + f.get("accessLogPurged") + ")",
						f.get("rowsPerSecond"), f.getOrDefault("walMB", "?"), f.get("windowSeconds"), f.get("idleP50") + " / " + f.get("sweepP50"),
						f.get("idleP99") + " / " + f.get("sweepP99"), f.get("p99Ratio") + "×",
						pct(f.get("idleappCores")) + " / " + pct(f.get("sweepappCores")),
						pct(f.get("idlepgCores")) + " / " + pct(f.get("sweeppgCores")),
						pct(f.get("idleotherCores")) + " / " + pct(f.get("sweepotherCores")) + disturbed(f),
						"true".equals(f.get("checksOk")) ? "ok" : "FAILED"));
	}

	private static void print(List<Map<String, String>> rows, String type, String header,
			java.util.function.Function<Map<String, String>, String> row) {
		List<Map<String, String>> mine = rows.stream().filter(f -> type.equals(f.get("type"))).toList();
		if (mine.isEmpty()) {
			return;
		}
		System.out.println();
		System.out.println(header);
		System.out.println(header.replaceAll("[^|]+", "---"));
		mine.forEach(f -> System.out.println(row.apply(f)));
	}

	private static String row(String... cells) {
		return "| " + String.join(" | ", cells) + " |";
	}

	private static String disturbed(Map<String, String> f) {
		return "true".equals(f.get("disturbed")) ? " (disturbed)" : "";
	}

	/** Cores as a share of all cores. */
	private static String pct(String cores) {
		return cores == null ? "?" : String.format(Locale.ROOT, "%.0f%%", Double.parseDouble(cores) / CpuSampler.CORES * 100);
	}

	private static String signedPct(String fraction) {
		return fraction == null ? "?" : String.format(Locale.ROOT, "%+.1f%%", Double.parseDouble(fraction) * 100);
	}
}
