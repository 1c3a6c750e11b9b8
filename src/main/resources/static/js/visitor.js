/* The visitor's chat page: queue status, messages both ways, files, and the end. */
(function () {
  'use strict';
  var S = window.Samtal;
  var main = document.getElementById('main');
  var t = main.dataset;
  var conversationId = t.conversationId;
  var token = t.token;
  var status = document.getElementById('status');
  var error = document.getElementById('send-error');
  var textarea = document.getElementById('text');
  var count = document.getElementById('count');
  var ended = false;

  var messages = new S.MessageList(document.getElementById('messages'), {
    mine: t.tYou, theirs: t.tOther,
    fileUrl: function (id) { return '/chat/files/' + encodeURIComponent(id); }
  });

  function showError(text) {
    error.textContent = text;
    error.hidden = !text;
  }

  // Only the assignment frame names the counselor; keep the name so a reconnect or resync does not lose it.
  var counselorName = null;

  function showStatus(frame) {
    if (frame.counselorName) { counselorName = frame.counselorName; }
    if (frame.status === 'WAITING') {
      status.textContent = S.format(t.tWaiting, frame.queuePosition);
    } else if (frame.status === 'ACTIVE') {
      status.textContent = counselorName ? S.format(t.tActive, counselorName) : t.tActiveAnonymous;
    }
  }

  function problemText(code, detail) {
    if (code === 'message-empty') { return t.tEmpty; }
    if (code === 'message-too-long') { return S.format(t.tTooLong, S.characters(textarea.value)); }
    if (code === 'file-too-large') { return t.tFileTooLarge; }
    return detail;
  }

  function api(path, options) {
    options = options || {};
    options.headers = Object.assign({ Authorization: 'Bearer ' + token }, options.headers || {});
    return fetch('/api/v1/conversations/' + encodeURIComponent(conversationId) + path, options);
  }

  // Counts status frames, so an answer to an older request cannot overwrite a newer status (e.g. put an assigned
  // visitor back in the queue because the counselor took the conversation while the resync was under way).
  var statusFrames = 0;

  function resync() {
    var statusFramesBefore = statusFrames;
    return api('').then(function (response) {
      if (response.status === 404) { conversationEnded(); return; }
      return response.json().then(function (conversation) {
        if (statusFrames === statusFramesBefore) { showStatus(conversation); }
        conversation.messages.forEach(function (m) { messages.show(m, m.author === 'VISITOR', false); });
      });
    });
  }

  function conversationEnded() {
    if (ended) { return; }
    ended = true;
    connection.close();
    status.textContent = t.tEnded;
    document.getElementById('composer').hidden = true;
    document.getElementById('upload').hidden = true;
    var next = document.createElement('a');
    next.href = '/chat/ended';
    next.id = 'continue';
    next.className = 'button primary';
    next.textContent = t.tContinue;
    document.getElementById('end-form').replaceWith(next);
    next.focus();
  }

  var connection = new S.ChatConnection({
    hello: function () { return { type: 'hello', conversationId: conversationId, token: token }; },
    onState: function (state) {
      if (state === 'offline') { status.textContent = t.tOffline; }
      if (state === 'connecting' && !status.textContent) { status.textContent = t.tConnecting; }
    },
    onWelcome: function (frame) {
      showStatus(frame);
      resync();
    },
    onFrame: function (frame) {
      if (frame.type === 'ack') {
        messages.markSent('VISITOR', frame.clientMessageId);
      } else if (frame.type === 'error') {
        if (frame.clientMessageId) { messages.remove('VISITOR', frame.clientMessageId); }
        if (frame.code === 'conversation-not-found') { conversationEnded(); return; }
        showError(problemText(frame.code, frame.detail));
      } else if (frame.type === 'message') {
        messages.show(frame.message, frame.message.author === 'VISITOR', false);
      } else if (frame.type === 'status') {
        statusFrames++;
        showStatus(frame);
      } else if (frame.type === 'ended') {
        conversationEnded();
      }
    }
  });

  S.composer({
    form: document.getElementById('composer'), textarea: textarea, count: count, showError: showError,
    texts: { empty: t.tEmpty, tooLong: t.tTooLong },
    send: function (text) {
      var id = connection.send(text);
      messages.show({ author: 'VISITOR', clientMessageId: id, text: text }, true, true);
    }
  });

  document.getElementById('upload').addEventListener('submit', function (event) {
    event.preventDefault();
    var input = document.getElementById('file');
    var file = input.files[0];
    if (!file) { input.focus(); return; }
    if (file.size > S.MAX_FILE_BYTES) { showError(t.tFileTooLarge); return; }
    var body = new FormData();
    body.append('file', file);
    api('/files', { method: 'POST', body: body }).then(function (response) {
      if (response.ok) {
        showError('');
        input.value = '';
        return response.json().then(function (m) { messages.show(m, true, false); });
      }
      return response.json().then(function (problem) {
        showError(problemText(problem.type ? problem.type.split(':').pop() : '', problem.detail));
      });
    }).catch(function () { showError(t.tOffline); });
  });

  document.getElementById('end-form').addEventListener('submit', function () {
    connection.close();
  });

  connection.connect();
}());
