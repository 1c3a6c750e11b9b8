package org.samtal.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A real Chromium for browser tests. It starts once per JVM (and stops when the test run ends); each person in a test
 * gets a fresh browser context of their own, with its own cookies and storage, as separate browsers would have.
 * Contexts are closed after each test. A failed test leaves a screenshot of every open page in
 * target/browser-failures; an uncaught JavaScript error on any page fails the test.
 * <p>
 * Register with {@code @RegisterExtension static final Chromium chromium = new Chromium();} in a {@code @SamtalTest}
 * class: the base URL is the running app's.
 * <p>
 * Debian's /usr/bin/chromium is used when it exists (no download needed, no internet). Otherwise Playwright's own
 * browser is used. If Chromium cannot be launched, every test using it fails loudly; it is never skipped.
 */
public final class Chromium implements BeforeEachCallback, AfterEachCallback {

	static final int TIMEOUT_MS = 10_000;
	static final Path SYSTEM_CHROMIUM = Paths.get("/usr/bin/chromium");
	static final Path FAILURES = Paths.get("target", "browser-failures");

	private final List<BrowserContext> contexts = new ArrayList<>();
	private final List<String> pageErrors = new CopyOnWriteArrayList<>();
	private Browser browser;
	private String baseUrl;

	/** A new browser, as a Swedish-speaking person in Sweden would have it. */
	public BrowserContext newContext() {
		return newContext("sv-SE");
	}

	/** A new browser whose language (and so Accept-Language) is the given locale, e.g. "nb-NO". */
	public BrowserContext newContext(String locale) {
		BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL(baseUrl)
			.setLocale(locale)
			.setTimezoneId("Europe/Stockholm")
			.setAcceptDownloads(true));
		context.setDefaultTimeout(TIMEOUT_MS);
		context.onPage(page -> page.onPageError(error -> pageErrors.add(page.url() + ": " + error)));
		contexts.add(context);
		return context;
	}

	public String baseUrl() {
		return baseUrl;
	}

	@Override
	public void beforeEach(ExtensionContext test) {
		browser = test.getRoot()
			.getStore(ExtensionContext.Namespace.create(Chromium.class))
			.computeIfAbsent(Launched.class, key -> new Launched(), Launched.class)
			.browser();
		baseUrl = "http://localhost:" + SpringExtension.getApplicationContext(test)
			.getEnvironment()
			.getRequiredProperty("local.server.port");
		pageErrors.clear();
		// Generous, for a loaded two-core machine; a passing assertion returns as soon as it holds.
		PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MS);
	}

	@Override
	public void afterEach(ExtensionContext test) throws Exception {
		try {
			if (test.getExecutionException().isPresent()) {
				screenshots(test.getRequiredTestMethod().getName());
			}
		}
		finally {
			for (BrowserContext context : contexts) {
				try {
					context.close();
				}
				catch (PlaywrightException alreadyGone) {
					// closed by the test itself
				}
			}
			contexts.clear();
		}
		if (!pageErrors.isEmpty() && test.getExecutionException().isEmpty()) {
			throw new AssertionError("JavaScript errors in the page: " + pageErrors);
		}
	}

	private void screenshots(String testName) {
		Path directory = FAILURES;
		int n = 0;
		for (BrowserContext context : contexts) {
			for (Page page : context.pages()) {
				try {
					Files.createDirectories(directory);
					page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
						.setPath(directory.resolve(testName + "-" + (++n) + ".png")));
				}
				catch (Exception ignored) {
					// a screenshot is a courtesy; the test's own failure is what counts
				}
			}
		}
	}

	/** Playwright and one Chromium, for the whole test run. */
	private static final class Launched implements AutoCloseable {

		private final Playwright playwright;
		private final Browser browser;

		Launched() {
			deleteOldScreenshots();
			boolean system = Files.isExecutable(SYSTEM_CHROMIUM);
			Playwright.CreateOptions options = new Playwright.CreateOptions();
			if (system) {
				options.setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
			}
			Playwright started = Playwright.create(options);
			BrowserType.LaunchOptions launch = new BrowserType.LaunchOptions().setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
						"--disable-component-update", "--disable-sync", "--no-first-run"));
			if (system) {
				launch.setExecutablePath(SYSTEM_CHROMIUM);
			}
			try {
				this.browser = started.chromium().launch(launch);
			}
			catch (RuntimeException failed) {
				started.close();
				throw new IllegalStateException("Chromium could not be launched " + (system ? "from " + SYSTEM_CHROMIUM
						: "(Playwright's own; install one with apt-get install chromium, or let Playwright download it)")
						+ ". Browser tests need a real browser and are not skipped without one.", failed);
			}
			this.playwright = started;
		}

		Browser browser() {
			return browser;
		}

		private static void deleteOldScreenshots() {
			try (var old = Files.newDirectoryStream(FAILURES, "*.png")) {
				for (Path screenshot : old) {
					Files.delete(screenshot);
				}
			}
			catch (java.io.IOException none) {
				// no earlier failures
			}
		}

		@Override
		public void close() {
			playwright.close();
		}
	}
}
