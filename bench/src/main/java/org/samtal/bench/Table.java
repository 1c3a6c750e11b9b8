package org.samtal.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prints the JSON lines of a results file as a Markdown table. */
public final class Table {

	private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|[^,}]+)");

	public static void main(String[] args) throws Exception {
		System.out.println("| run | pairs | target msg/s | delivered msg/s | persisted = delivered | p50 ms | p90 ms | p99 ms | max ms "
				+ "| ack p99 ms | lost | errors | driver CPU | app JVM CPU | PostgreSQL CPU | other work CPU | app+PG CPU µs/msg | load |");
		System.out.println("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
		for (String line : Files.readAllLines(Path.of(args[0]))) {
			if (line.isBlank()) {
				continue;
			}
			Map<String, String> f = new LinkedHashMap<>();
			Matcher m = FIELD.matcher(line);
			while (m.find()) {
				f.put(m.group(1), m.group(2).replace("\"", ""));
			}
			double cores = CpuSampler.CORES;
			System.out.printf(Locale.ROOT,
					"| %s | %s | %s | %s | %s (%s / %s) | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s→%s |%n",
					f.get("label"), f.get("pairs"), f.get("rate"), f.get("deliveredPerSecond"),
					"true".equals(f.get("persistedOk")) ? "yes" : "NO", f.get("persisted"), f.get("deliveredTotal"),
					f.get("p50"), f.get("p90"), f.get("p99"), f.get("max"), f.get("ackP99"), f.get("lost"),
					f.get("errors"), pct(f.get("driverCores"), cores), pct(f.get("appCores"), cores),
					pct(f.get("pgCores"), cores), pct(f.get("otherCores"), cores), perMessage(f), f.get("loadStart"),
					f.get("loadEnd"));
		}
	}

	private static String perMessage(Map<String, String> f) {
		double rate = Double.parseDouble(f.getOrDefault("deliveredPerSecond", "0"));
		if (rate <= 0 || f.get("appCores") == null) {
			return "?";
		}
		return String.format(Locale.ROOT, "%.0f",
				(Double.parseDouble(f.get("appCores")) + Double.parseDouble(f.get("pgCores"))) / rate * 1e6);
	}

	private static String pct(String coresUsed, double cores) {
		if (coresUsed == null) {
			return "?";
		}
		return String.format(Locale.ROOT, "%.0f%%", Double.parseDouble(coresUsed) / cores * 100);
	}
}
