package org.samtal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time from /proc, in clock ticks: this driver, the app's JVM, and the app's PostgreSQL (the postmaster named
 * in postmaster.pid and all its children: backends, WAL writer, checkpointer...). The embedded PostgreSQL is not a
 * child of the JVM, so it has to be counted on its own.
 */
public final class CpuSampler {

	public static final double TICKS = 100.0; // USER_HZ on Linux
	public static final int CORES = Runtime.getRuntime().availableProcessors();

	public record Sample(long wallNanos, long driverTicks, long appTicks, long pgTicks, long machineBusy, long machineTotal) {
	}

	/** Cores used between two samples: this driver, the app's JVM, its PostgreSQL, the whole machine, and the rest. */
	public record Cores(double driver, double app, double pg, double machine, double other) {

		public static Cores between(Sample a, Sample b) {
			double wall = (b.wallNanos() - a.wallNanos()) / 1e9;
			if (wall <= 0) {
				return new Cores(0, 0, 0, 0, 0);
			}
			double driver = (b.driverTicks() - a.driverTicks()) / TICKS / wall;
			double app = (b.appTicks() - a.appTicks()) / TICKS / wall;
			double pg = (b.pgTicks() - a.pgTicks()) / TICKS / wall;
			long all = b.machineTotal() - a.machineTotal();
			double machine = all == 0 ? 0 : (b.machineBusy() - a.machineBusy()) / (double) all * CORES;
			return new Cores(driver, app, pg, machine, Math.max(0, machine - driver - app - pg));
		}

		/** As JSON fields, without braces. */
		public String json(String prefix) {
			return String.format(java.util.Locale.ROOT,
					"\"%sdriverCores\":%.2f,\"%sappCores\":%.2f,\"%spgCores\":%.2f,\"%smachineCores\":%.2f,\"%sotherCores\":%.2f",
					prefix, driver, prefix, app, prefix, pg, prefix, machine, prefix, other);
		}

		@Override
		public String toString() {
			return String.format(java.util.Locale.ROOT, "driver %.2f | app JVM %.2f | PostgreSQL %.2f | machine %.2f | other %.2f",
					driver, app, pg, machine, other);
		}
	}

	private final long appPid;
	private final Path pgData;

	public CpuSampler(long appPid, Path pgData) {
		this.appPid = appPid;
		this.pgData = pgData;
	}

	public Sample sample() {
		long[] machine = machine();
		return new Sample(System.nanoTime(), ticks(ProcessHandle.current().pid()), appPid > 0 ? ticks(appPid) : 0,
				postgresTicks(), machine[0], machine[1]);
	}

	private long postgresTicks() {
		if (pgData == null) {
			return 0;
		}
		try {
			long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
			long sum = ticks(postmaster);
			try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
				for (Path proc : (Iterable<Path>) procs::iterator) {
					String name = proc.getFileName().toString();
					if (!name.chars().allMatch(Character::isDigit)) {
						continue;
					}
					String[] f = stat(Long.parseLong(name));
					if (f != null && Long.parseLong(f[1]) == postmaster) {
						sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
					}
				}
			}
			return sum;
		}
		catch (IOException | RuntimeException e) {
			return 0;
		}
	}

	/** utime + stime of one process, all threads. */
	static long ticks(long pid) {
		String[] f = stat(pid);
		return f == null ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
	}

	/**
	 * CPU ticks of a JVM's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre"): while they are busy, the app is
	 * still warming up, and on two cores the compiler takes the CPU that the measured work would otherwise have.
	 */
	public static long compilerTicks(long pid) {
		long sum = 0;
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				try {
					String s = Files.readString(task.resolve("stat"));
					String name = s.substring(s.indexOf('(') + 1, s.lastIndexOf(')'));
					if (name.contains("CompilerThre")) {
						String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
						sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
					}
				}
				catch (IOException | RuntimeException gone) {
					// A thread that ended between the listing and the read.
				}
			}
		}
		catch (IOException | RuntimeException gone) {
			return 0;
		}
		return sum;
	}

	/** The fields of /proc/pid/stat after the command name: [0] is state, [1] ppid, [11] utime, [12] stime. */
	private static String[] stat(long pid) {
		try {
			String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return s.substring(s.lastIndexOf(')') + 2).split(" ");
		}
		catch (IOException | RuntimeException gone) {
			return null;
		}
	}

	/** Busy and total jiffies of the whole machine, from the first line of /proc/stat. */
	private static long[] machine() {
		try {
			String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i < f.length && i <= 8; i++) {
				total += Long.parseLong(f[i]);
			}
			long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
			return new long[] { total - idle, total };
		}
		catch (IOException | RuntimeException e) {
			return new long[] { 0, 0 };
		}
	}

	public static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (IOException | RuntimeException e) {
			return -1;
		}
	}
}
