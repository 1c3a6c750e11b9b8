/*
 * Samtal's realtime connection, shared by the visitor page and the counselor console.
 *
 * Every message gets a client-generated id and waits in an outbox until the server acknowledges it. After a dropped
 * connection the client reconnects, says hello again, and resends whatever is still unacknowledged; the server stores
 * each id once. So nothing is lost and nothing is doubled.
 */
(function () {
  'use strict';

  /** Errors that say "not now" rather than "never": the message is sent again. */
  var TRANSIENT = ['overloaded', 'storage-unavailable'];

  function newClientId() {
    // crypto.getRandomValues works on plain http too, unlike crypto.randomUUID.
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function ChatConnection(options) {
    this.hello = options.hello;           // () => hello frame
    this.onFrame = options.onFrame;       // (frame) => void
    this.onState = options.onState;       // ('connecting'|'online'|'offline') => void
    this.onWelcome = options.onWelcome;   // (frame) => void, before the outbox is resent
    this.outbox = new Map();
    this.socket = null;
    this.ready = false;
    this.closedForGood = false;
    this.retryDelay = 500;
    this.pingTimer = null;
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    this.url = scheme + location.host + '/ws/chat';
  }

  ChatConnection.prototype.connect = function () {
    var self = this;
    self.ready = false;
    self.onState('connecting');
    var socket = new WebSocket(self.url);
    self.socket = socket;
    socket.onopen = function () {
      self.retryDelay = 500;
      socket.send(JSON.stringify(self.hello()));
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === 'welcome') {
        self.ready = true;
        self.onState('online');
        if (self.onWelcome) { self.onWelcome(frame); }
        self.flush();
        return;
      }
      if (frame.type === 'error' && frame.clientMessageId && TRANSIENT.indexOf(frame.code) >= 0) {
        // The server could not store it just now: keep it in the outbox and try again shortly.
        var pending = self.outbox.get(frame.clientMessageId);
        if (pending) { setTimeout(function () { self.raw(pending); }, 1000 + Math.random() * 1000); }
        return;
      }
      if (frame.type === 'ack' || (frame.type === 'error' && frame.clientMessageId)) {
        self.outbox.delete(frame.clientMessageId);
      }
      self.onFrame(frame);
    };
    socket.onclose = function () {
      self.ready = false;
      if (self.closedForGood) { return; }
      self.onState('offline');
      setTimeout(function () { self.connect(); }, self.retryDelay);
      self.retryDelay = Math.min(self.retryDelay * 2, 8000);
    };
    if (!self.pingTimer) {
      self.pingTimer = setInterval(function () { self.raw({ type: 'ping' }); }, 25000);
    }
  };

  /** Queues a message; it is sent now if connected, or after the next hello. Returns its client id. */
  ChatConnection.prototype.send = function (text, conversationId) {
    var frame = { type: 'send', clientMessageId: newClientId(), text: text };
    if (conversationId) { frame.conversationId = conversationId; }
    this.outbox.set(frame.clientMessageId, frame);
    this.raw(frame);
    return frame.clientMessageId;
  };

  ChatConnection.prototype.flush = function () {
    var self = this;
    self.outbox.forEach(function (frame) { self.raw(frame); });
  };

  ChatConnection.prototype.raw = function (frame) {
    if (this.ready && this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
    }
  };

  ChatConnection.prototype.close = function () {
    this.closedForGood = true;
    clearInterval(this.pingTimer);
    if (this.socket) { this.socket.close(); }
  };

  /** Renders messages as text only (never HTML) into an ordered list, keyed so nothing shows twice. */
  function MessageList(list, labels) {
    this.list = list;
    this.labels = labels;            // { mine: 'You', theirs: 'Counselor', download: 'Download', fileUrl: fn }
    this.byKey = new Map();
  }

  MessageList.prototype.key = function (author, clientMessageId) { return author + ':' + clientMessageId; };

  MessageList.prototype.clear = function () {
    this.list.textContent = '';
    this.byKey.clear();
  };

  /** Shows a message; one with the same author and client id replaces the earlier (pending) copy. */
  MessageList.prototype.show = function (message, mine, pending) {
    var key = this.key(message.author, message.clientMessageId);
    var item = this.byKey.get(key);
    var fresh = !item;
    if (fresh) {
      item = document.createElement('li');
      this.byKey.set(key, item);
      this.list.appendChild(item);
    }
    item.className = 'message ' + (mine ? 'mine' : 'theirs') + (pending ? ' pending' : '');
    item.textContent = '';
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = (mine ? this.labels.mine : this.labels.theirs) + ': ';
    item.appendChild(who);
    if (message.file) {
      var link = document.createElement('a');
      link.href = this.labels.fileUrl(message.file.id);
      link.textContent = message.file.name;
      link.setAttribute('download', '');
      item.appendChild(link);
      var size = document.createElement('span');
      size.className = 'size';
      size.textContent = ' (' + Math.max(1, Math.round(message.file.size / 1024)) + ' kB)';
      item.appendChild(size);
    } else {
      var text = document.createElement('span');
      text.className = 'text';
      text.textContent = message.text;
      item.appendChild(text);
    }
    if (message.sentAt) {
      var time = document.createElement('time');
      time.dateTime = message.sentAt;
      time.textContent = new Date(message.sentAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      item.appendChild(time);
    }
    if (fresh) { this.list.scrollTop = this.list.scrollHeight; }
    return fresh;
  };

  MessageList.prototype.markSent = function (author, clientMessageId) {
    var item = this.byKey.get(this.key(author, clientMessageId));
    if (item) { item.classList.remove('pending'); }
  };

  MessageList.prototype.remove = function (author, clientMessageId) {
    var key = this.key(author, clientMessageId);
    var item = this.byKey.get(key);
    if (item) { item.remove(); this.byKey.delete(key); }
  };

  /** Counts characters as the server does (code points), for the counter and the length check. */
  function characters(text) { return Array.from(text).length; }

  function format(template, value) { return template.replace('{0}', value); }

  /**
   * Wires a message form: a live character count, Enter sends (Shift+Enter makes a new line), and the server's
   * length rules checked before anything is sent. options.send(text) sends it, or returns false if it cannot.
   */
  function composer(options) {
    var textarea = options.textarea;
    function updateCount() {
      options.count.firstChild.nodeValue = characters(textarea.value) + ' / ' + MAX_CHARACTERS + ' ';
    }
    function submit() {
      var text = textarea.value;
      var length = characters(text);
      if (!text.trim()) { options.showError(options.texts.empty); textarea.focus(); return; }
      if (length > MAX_CHARACTERS) { options.showError(format(options.texts.tooLong, length)); textarea.focus(); return; }
      if (options.send(text) === false) { return; }
      options.showError('');
      textarea.value = '';
      updateCount();
      textarea.focus();
    }
    options.form.addEventListener('submit', function (event) {
      event.preventDefault();
      submit();
    });
    textarea.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit();
      }
    });
    textarea.addEventListener('input', updateCount);
    updateCount();
  }

  var MAX_CHARACTERS = 4000;

  window.Samtal = {
    ChatConnection: ChatConnection,
    MessageList: MessageList,
    characters: characters,
    format: format,
    composer: composer,
    MAX_CHARACTERS: MAX_CHARACTERS,
    MAX_FILE_BYTES: 10 * 1024 * 1024
  };
}());
