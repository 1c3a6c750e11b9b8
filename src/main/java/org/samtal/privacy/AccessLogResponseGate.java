package org.samtal.privacy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds a response until the access-log entries of the reads it shows are on disk. A staff read inside a request
 * ({@link AccessLog#recordWhile}) queues its entries and goes on; the rest of the request (the transaction's end,
 * rendering the page or the JSON) runs while they are written, and not one byte leaves before they are committed.
 * Before, the read waited for its entries itself, and only the few database reads beside them overlapped the write.
 * Reads use it only when they wait for their entries: with {@code samtal.access-log.reads-wait-for-entries}, or while
 * the log cannot write ({@link AccessLogWriter#failing()}).
 * <p>
 * If the entries cannot be written in time, the held response is dropped unsent and the request fails with
 * {@link AccessLog.AccessNotLogged}, as the read itself did before. A response with nothing pending when it starts
 * is passed through untouched; so is everything after a response outgrows {@link #MAX_HELD} (it is let go once its
 * entries are on disk) or turns asynchronous, and any later read in it waits for its own entries.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class AccessLogResponseGate extends OncePerRequestFilter {

	/** Bytes held in memory at most; a longer response (an export) is let go once its entries are on disk. */
	static final int MAX_HELD = 256 * 1024;

	private static final ThreadLocal<Held> CURRENT = new ThreadLocal<>();

	private final long timeoutMillis;

	AccessLogResponseGate(@Value("${samtal.access-log.write-timeout:PT10S}") java.time.Duration writeTimeout) {
		this.timeoutMillis = writeTimeout.toMillis();
	}

	/**
	 * Leaves the wait for a read's entries to the response that will show it, if this thread is serving one that has
	 * not started to go out yet. Returns false when the caller must wait itself.
	 */
	static boolean holdUntilWritten(Collection<? extends CompletableFuture<?>> written) {
		Held held = CURRENT.get();
		return held != null && held.add(written);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Held held = new Held(response, timeoutMillis);
		Held outer = CURRENT.get();
		CURRENT.set(held);
		try {
			try {
				chain.doFilter(request, held);
			}
			finally {
				if (outer == null) {
					CURRENT.remove();
				}
				else {
					CURRENT.set(outer);
				}
			}
			// Reached only when the request went well: after an exception the held bytes are simply never sent.
			try {
				held.release();
			}
			catch (AccessLog.AccessNotLogged notLogged) {
				// Not even the headers the handler set go out; the error page says what happened instead.
				if (!response.isCommitted()) {
					response.reset();
				}
				throw notLogged;
			}
		}
		finally {
			// Whatever the way out, the reads of this request are no longer in flight.
			AccessLogWriter.settle(held.pending());
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return true;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return true;
	}

	/** The response of one request, and the entries it waits for. */
	static final class Held extends HttpServletResponseWrapper {

		private final HttpServletResponse response;
		private final long timeoutMillis;
		private final List<CompletableFuture<?>> pending = new ArrayList<>();
		private ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		private boolean released;
		/** After sendError, as the servlet spec has it, whatever the page still writes is dropped. */
		private boolean errorSent;
		private GatedStream stream;
		private PrintWriter writer;

		Held(HttpServletResponse response, long timeoutMillis) {
			super(response);
			this.response = response;
			this.timeoutMillis = timeoutMillis;
		}

		synchronized boolean add(Collection<? extends CompletableFuture<?>> written) {
			if (released) {
				return false;
			}
			pending.addAll(written);
			return true;
		}

		synchronized List<CompletableFuture<?>> pending() {
			return List.copyOf(pending);
		}

		/** Waits for the pending entries, then lets everything held go and passes the rest straight through. */
		synchronized void release() throws IOException {
			if (released) {
				flushWriter();
				return;
			}
			flushWriter();
			awaitEntries();
			// On disk: the reads are no longer in flight, though their bytes may take a while to reach a slow client.
			AccessLogWriter.settle(pending);
			released = true;
			if (bytes.size() > 0) {
				response.getOutputStream().write(bytes.toByteArray());
			}
			bytes = null;
		}

		private void awaitEntries() {
			if (pending.isEmpty()) {
				return;
			}
			CompletableFuture<Void> all = CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
			try {
				if (!all.isDone()) {
					AccessLogWriter.needNow(pending);
				}
				all.get(timeoutMillis, TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException e) {
				drop();
				throw new AccessLog.AccessNotLogged(e.getCause());
			}
			catch (TimeoutException e) {
				drop();
				throw new AccessLog.AccessNotLogged(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				drop();
				throw new AccessLog.AccessNotLogged(e);
			}
		}

		/** Nothing of what the unlogged read produced may go out; the error response replaces it. */
		private void drop() {
			errorSent = true;
			bytes.reset();
			if (!response.isCommitted()) {
				response.resetBuffer();
			}
		}

		private void flushWriter() {
			if (writer != null) {
				writer.flush();
			}
		}

		synchronized void write(byte[] b, int off, int len) throws IOException {
			if (errorSent) {
				return;
			}
			if (!released && pending.isEmpty()) {
				// Nothing to wait for when the first byte comes: the response goes out as it would without this gate.
				released = true;
				bytes = null;
			}
			if (released) {
				response.getOutputStream().write(b, off, len);
				return;
			}
			bytes.write(b, off, len);
			if (bytes.size() > MAX_HELD) {
				release();
			}
		}

		/** Held bytes are always ready to be taken; after release, the connection says. */
		synchronized boolean isReady() {
			try {
				return !released || errorSent || response.getOutputStream().isReady();
			}
			catch (IOException e) {
				return false;
			}
		}

		/**
		 * Non-blocking output goes straight to the connection, so what was held goes first, once its entries are on
		 * disk; then the listener writes through.
		 */
		synchronized void writeWhenReady(WriteListener listener) {
			try {
				release();
				response.getOutputStream().setWriteListener(listener);
			}
			catch (IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (writer != null) {
				throw new IllegalStateException("getWriter() has already been called on this response");
			}
			if (stream == null) {
				stream = new GatedStream(this);
			}
			return stream;
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (writer == null) {
				if (stream != null) {
					throw new IllegalStateException("getOutputStream() has already been called on this response");
				}
				String encoding = getCharacterEncoding();
				Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
				writer = new PrintWriter(new OutputStreamWriter(new GatedStream(this), charset));
			}
			return writer;
		}

		@Override
		public synchronized void flushBuffer() throws IOException {
			flushWriter();
			flushBytes();
		}

		/** Held bytes stay held: the request's end, or outgrowing MAX_HELD, lets them go. */
		synchronized void flushBytes() throws IOException {
			if (released && !errorSent) {
				response.flushBuffer();
			}
		}

		@Override
		public synchronized void resetBuffer() {
			if (!released) {
				bytes.reset();
			}
			super.resetBuffer();
		}

		@Override
		public synchronized void reset() {
			if (!released) {
				bytes.reset();
			}
			super.reset();
		}

		@Override
		public synchronized void sendError(int sc, String msg) throws IOException {
			// An error shows nothing that was read; what was held for the page is dropped.
			discardHeld();
			super.sendError(sc, msg);
		}

		@Override
		public synchronized void sendError(int sc) throws IOException {
			discardHeld();
			super.sendError(sc);
		}

		private void discardHeld() {
			errorSent = true;
			if (!released) {
				released = true;
				bytes = null;
			}
		}
	}

	/** The output stream of a held response: bytes go through {@link Held#write}. */
	private static final class GatedStream extends ServletOutputStream {

		private final Held held;

		GatedStream(Held held) {
			this.held = held;
		}

		@Override
		public void write(int b) throws IOException {
			held.write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			held.write(b, off, len);
		}

		@Override
		public void flush() throws IOException {
			held.flushBytes();
		}

		@Override
		public boolean isReady() {
			return held.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			held.writeWhenReady(listener);
		}
	}
}
