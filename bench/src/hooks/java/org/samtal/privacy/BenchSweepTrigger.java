package org.samtal.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * BENCHMARK ONLY, never part of the app's build: starts a full retention run when bench/privacy.sh retention asks.
 * <p>
 * An admin's run (POST /admin/retention/run) sweeps only that admin's organisation, so the benchmark, which must sweep
 * every organisation's feedback and the installation-wide access log, cannot start its run through the admin page.
 * bench/privacy.sh compiles this class against the app's own classes into bench/target/hooks-sweep.jar and starts the
 * app with {@code -Dloader.path=bench/target/hooks-sweep.jar} (Spring Boot's PropertiesLauncher) and
 * {@code --bench.sweep-trigger=<run dir>/sweep.trigger}. Component scanning of {@code org.samtal} finds this
 * configuration; it watches for the trigger file and, when it appears, deletes it and calls
 * {@link RetentionSweep#run(boolean, String) run(false, "schedule")}, the very call the hourly schedule makes (every
 * organisation plus the installation-wide records), then writes the run's id to {@code <trigger>.done} (or
 * {@code ERROR ...} / {@code SKIPPED ...}). The app itself has no way to start a full run on demand.
 */
@Configuration(proxyBeanMethods = false)
class BenchSweepTrigger implements InitializingBean, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(BenchSweepTrigger.class);

	private final RetentionSweep sweep;
	private final Path trigger;
	private final Path done;
	private volatile Thread watcher;

	BenchSweepTrigger(RetentionSweep sweep, @Value("${bench.sweep-trigger}") String trigger) {
		this.sweep = sweep;
		this.trigger = Path.of(trigger).toAbsolutePath();
		this.done = this.trigger.resolveSibling(this.trigger.getFileName() + ".done");
	}

	/** As the bean is made, before the app answers on its port: bench/privacy.sh looks for this line once it is up. */
	@Override
	public void afterPropertiesSet() {
		log.warn("BENCHMARK HOOK: a full retention run (as the schedule's) starts when {} appears (bench/src/hooks, "
				+ "bench/privacy.sh retention)", trigger);
		watcher = Thread.ofPlatform().daemon().name("bench-sweep-trigger").start(this::loop);
	}

	@Override
	public void destroy() {
		Thread t = watcher;
		if (t != null) {
			t.interrupt();
		}
	}

	private void loop() {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				if (Files.deleteIfExists(trigger)) {
					answer(runOnce());
				}
				Thread.sleep(10);
			}
			catch (InterruptedException e) {
				return;
			}
			catch (IOException e) {
				log.error("BENCHMARK HOOK: trigger file {}: {}", trigger, e.toString());
				return;
			}
		}
	}

	private String runOnce() {
		log.warn("BENCHMARK HOOK: trigger seen; full retention run starts");
		try {
			Optional<RetentionSweep.Report> report = sweep.run(false, "schedule");
			return report.map(r -> r.id().toString()).orElse("SKIPPED another node holds the retention lock");
		}
		catch (RuntimeException e) {
			log.error("BENCHMARK HOOK: the retention run failed", e);
			return "ERROR " + e.getClass().getName();
		}
	}

	/** Written beside and then moved, so the benchmark never reads half a line. */
	private void answer(String text) throws IOException {
		Path partial = done.resolveSibling(done.getFileName() + ".tmp");
		Files.writeString(partial, text + "\n");
		Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		log.warn("BENCHMARK HOOK: retention run answered: {}", text);
	}
}
