package org.samtal.bench;

import java.util.List;
import java.util.Locale;

/** The figures of one run, printed for people and as one JSON line for the results file. */
final class Report {

	String label;
	int pairs;
	int counselors;
	double rate;
	int seconds;
	int warmup;
	long sentTotal;
	long sentMeasured;
	long deliveredTotal;
	long ackedTotal;
	double deliveredPerSecond;
	long lost;
	long unacked;
	double p50, p90, p99, p999, max;
	double ackP50, ackP99, ackMax;
	double lagP99, lagMax;
	long duplicates;
	long timestampMismatch;
	long errors;
	String errorDetail = "";
	List<String> errorSamples = List.of();
	double driverCores, appCores, pgCores, machineCores, otherCores;
	double loadStart, loadEnd;

	/** CPU microseconds per delivered message: a figure that other work on the machine disturbs less. */
	double perMessageMicros(double cores) {
		return deliveredPerSecond <= 0 ? 0 : cores / deliveredPerSecond * 1e6;
	}
	long persisted = -1;
	long persistedDuplicates;
	long ackedNotPersisted;
	boolean persistedOk;

	void print() {
		String cores = "of " + CpuSampler.CORES + " cores";
		System.out.printf(Locale.ROOT, """

				== Samtal chat benchmark %s ==
				pairs %d (counselor sessions %d), target rate %.0f msg/s, measured %d s after %d s warm-up
				delivered            %.1f msg/s (other side's message frames arriving in the window)
				latency send->other  p50 %.1f ms | p90 %.1f | p99 %.1f | p99.9 %.1f | max %.1f  (%d msgs)
				latency send->ack    p50 %.1f ms | p99 %.1f | max %.1f
				driver send lateness p99 %.2f ms | max %.2f
				lost (never at other side) %d of %d measured; unacked %d; duplicates %d; bad timestamps %d
				errors               %d (%s)
				persisted            %d rows; acked %d; delivered %d (all phases, sent %d); dup rows %d; acked-not-stored %d => %s
				CPU (cores %s)       driver %.2f | app JVM %.2f | PostgreSQL %.2f | machine busy %.2f | other %.2f
				CPU per message      app JVM %.0f us | PostgreSQL %.0f us | driver %.0f us
				load average         %.2f at window start, %.2f at end
				""", label, pairs, counselors, rate, seconds, warmup, deliveredPerSecond, p50, p90, p99, p999, max,
				sentMeasured - lost, ackP50, ackP99, ackMax, lagP99, lagMax, lost, sentMeasured, unacked, duplicates,
				timestampMismatch, errors, errorDetail, persisted, ackedTotal, deliveredTotal, sentTotal,
				persistedDuplicates, ackedNotPersisted, persistedOk ? "OK" : "MISMATCH", cores, driverCores, appCores,
				pgCores, machineCores, otherCores, perMessageMicros(appCores), perMessageMicros(pgCores),
				perMessageMicros(driverCores), loadStart, loadEnd);
		errorSamples.forEach(e -> System.out.println("  error sample: " + e));
	}

	String json() {
		return String.format(Locale.ROOT, "{\"label\":\"%s\",\"pairs\":%d,\"counselors\":%d,\"rate\":%.0f,\"seconds\":%d,"
				+ "\"warmup\":%d,\"deliveredPerSecond\":%.1f,\"p50\":%.2f,\"p90\":%.2f,\"p99\":%.2f,\"p999\":%.2f,"
				+ "\"max\":%.2f,\"ackP50\":%.2f,\"ackP99\":%.2f,\"ackMax\":%.2f,\"lagP99\":%.2f,\"lagMax\":%.2f,"
				+ "\"lost\":%d,\"unacked\":%d,\"errors\":%d,\"sentTotal\":%d,\"deliveredTotal\":%d,\"ackedTotal\":%d,"
				+ "\"persisted\":%d,\"persistedOk\":%s,\"driverCores\":%.2f,\"appCores\":%.2f,\"pgCores\":%.2f,"
				+ "\"machineCores\":%.2f,\"otherCores\":%.2f,\"loadStart\":%.2f,\"loadEnd\":%.2f}", label.replace("\"", ""),
				pairs, counselors, rate, seconds, warmup, deliveredPerSecond, p50, p90, p99, p999, max, ackP50, ackP99,
				ackMax, lagP99, lagMax, lost, unacked, errors, sentTotal, deliveredTotal, ackedTotal, persisted,
				persistedOk, driverCores, appCores, pgCores, machineCores, otherCores, loadStart, loadEnd);
	}
}
